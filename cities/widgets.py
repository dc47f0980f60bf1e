"""Form widgets for choices over a city's large tables."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
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


class LongSelect(forms.Select):
    """A select of a long fixed list (countries) that renders its options in Python.

    Through the template engine each option is an include: the 250 countries
    cost more than the rest of a list page; the markup is Django's own.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (
                    option["value"],
                    mark_safe(" selected") if option["selected"] else "",
                    option["label"],
                )
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )
