from django import forms
from django.utils.translation import gettext_lazy as _

from cities.models import SdgGoal
from reviews.choices import ReviewScope

NARRATIVE_MAX = 20_000


class ReviewScopeForm(forms.Form):
    """Which goals the review covers, and the year's HLPF priority goals."""

    scope = forms.ChoiceField(label=_("Goals reviewed"), choices=ReviewScope.choices)
    priority_goals = forms.ModelMultipleChoiceField(
        label=_("HLPF priority goals of the year"),
        queryset=SdgGoal.objects.order_by("number"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("scope") == ReviewScope.HLPF_PRIORITIES and not cleaned.get(
            "priority_goals"
        ):
            self.add_error("priority_goals", _("Tick the priority goals, or review all 17 goals."))
        return cleaned


class GoalNarrativeForm(forms.Form):
    text = forms.CharField(
        label=_("Narrative"),
        required=False,
        max_length=NARRATIVE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Kept with this review: redrawing the draft never changes it."),
    )
