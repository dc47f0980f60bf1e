"""Form widgets for choices over a city's large tables."""

from django import forms
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe


class ChosenOnlySelect(forms.Select):
    """A choice over a large table (a city's partners) that renders only the chosen row.

    Rendering every partner as an option cost most of a list page's time at
    a large city (2,422 options, 24,608 for a site admin); the page's search
    box fills the options with matches as the user types (htmx), and the
    select stays a native control for keyboards and screen readers.
    """

    def optgroups(self, name, value, attrs=None):
        iterator = self.choices
        chosen = [item for item in value if str(item).isdigit()]
        empty = getattr(iterator.field, "empty_label", None) or "---------"
        groups = [(None, [self.create_option(name, "", empty, not chosen, 0)], 0)]
        if chosen:
            for index, row in enumerate(iterator.queryset.filter(pk__in=chosen), start=1):
                option_value, label = iterator.choice(row)
                groups.append(
                    (None, [self.create_option(name, option_value, label, True, index)], index)
                )
        return groups


def _attributes(attrs) -> str:
    """A tag's attributes in their order, as Django's ``attrs.html`` writes them
    (``flatatt`` moves the boolean ones, such as ``required``, to the end)."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False and value is not None
    )


class LongSelect(forms.Select):
    """A select that renders its options in Python (countries, a filter panel's choices).

    Through the template engine each option is an include: the 250 countries
    cost more than the rest of a list page. Even ``format_html`` per option
    cost 6 ms for the countries: the options are escaped and joined as plain
    strings. The markup is Django's own; grouped choices fall back to Django.
    """

    def render(self, name, value, attrs=None, renderer=None):
        chosen = set(self.format_value(value))
        options = []
        for option_value, label in self.choices:
            if isinstance(label, list | tuple):  # an optgroup
                return super().render(name, value, attrs, renderer)
            text = "" if option_value is None else str(option_value)
            selected = text in chosen
            if selected and not self.allow_multiple_selected:
                chosen = set()  # like Django, only the first match is selected
            options.append(
                f'<option value="{escape(text)}"{" selected" if selected else ""}>'
                f"{escape(label)}</option>"
            )
        final_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final_attrs["multiple"] = True
        return mark_safe(
            f'<select name="{escape(name)}"{_attributes(final_attrs)}>{"".join(options)}</select>'
        )


class QuickCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes (a list's kinds and statuses) rendered in Python, not an include each.

    The markup is Django's own (``multiple_input.html``): a labelled checkbox
    in a ``div`` per choice, inside a ``div`` carrying the widget's id.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        boxes = format_html_join(
            "",
            '<div><label{}><input type="checkbox" name="{}" value="{}"{}> {}</label></div>',
            (
                (
                    format_html(' for="{}"', option["attrs"]["id"])
                    if option["attrs"].get("id")
                    else "",
                    option["name"],
                    option["value"],
                    mark_safe(_attributes(option["attrs"])),
                    option["label"],
                )
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        attrs = widget["attrs"]
        return format_html(
            "<div{}{}>{}</div>",
            format_html(' id="{}"', attrs["id"]) if attrs.get("id") else "",
            format_html(' class="{}"', attrs["class"]) if attrs.get("class") else "",
            boxes,
        )
