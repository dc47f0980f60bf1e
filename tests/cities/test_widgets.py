"""The filter panel's quick widgets render exactly what Django's own would."""

import re

from django import forms
from django_countries import countries

from cities.widgets import LongSelect, QuickCheckboxSelectMultiple
from engagements.choices import EngagementKind


def markup(bound_field, name):
    """The field's HTML with its name and id made neutral, and whitespace as a browser
    reads it (none between tags, a run of it as one space)."""
    html = re.sub(r"\s+", " ", re.sub(r">\s+<", "><", str(bound_field)))
    return html.replace(f"id_{name}", "id_x").replace(f'name="{name}"', 'name="x"')


TRICKY = [("", "—"), ("a&b", 'Say "hi" <b>')]


class Panel(forms.Form):
    kind_django = forms.MultipleChoiceField(
        choices=EngagementKind.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    kind_quick = forms.MultipleChoiceField(
        choices=EngagementKind.choices, widget=QuickCheckboxSelectMultiple, required=False
    )
    country_django = forms.ChoiceField(choices=countries, help_text="Where")
    country_quick = forms.ChoiceField(choices=countries, widget=LongSelect, help_text="Where")
    tricky_django = forms.ChoiceField(choices=[("", "—"), ("a&b", 'Say "hi" <b>')])
    tricky_quick = forms.ChoiceField(
        choices=[("", "—"), ("a&b", 'Say "hi" <b>')], widget=LongSelect
    )


def test_quick_widgets_render_djangos_markup_with_the_choice_ticked():
    form = Panel(
        {
            "kind_django": ["meeting", "conference"],
            "kind_quick": ["meeting", "conference"],
            "country_django": "JP",
            "country_quick": "JP",
            "tricky_django": "a&b",
            "tricky_quick": "a&b",
        }
    )
    for name in ("kind", "country", "tricky"):
        django = markup(form[f"{name}_django"], f"{name}_django")
        quick = markup(form[f"{name}_quick"], f"{name}_quick")
        assert quick == django, name
    assert 'value="JP" selected' in str(form["country_quick"])
    assert "&lt;b&gt;" in str(form["tricky_quick"])
