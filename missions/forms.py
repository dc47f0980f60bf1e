"""Forms of the joint-mission pages: they collect input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cities.models import Partner
from engagements.models import Topic
from missions.choices import SharingLevel
from missions.models import PlannedMission

MONTH_FORMATS = ["%Y-%m", "%Y-%m-%d"]


class PlannedMissionForm(forms.ModelForm):
    """A planned mission or expected delegation; the month is picked, not a day."""

    month = forms.DateField(
        label=_("Month"),
        input_formats=MONTH_FORMATS,
        widget=forms.DateInput(attrs={"type": "month", "placeholder": "2027-03"}, format="%Y-%m"),
        help_text=_("Year and month, like 2027-03."),
    )

    class Meta:
        model = PlannedMission
        fields = ["direction", "title", "country", "month", "partner", "topics", "private", "notes"]
        widgets = {
            "topics": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, city, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.for_user(user).for_city(city)
        self.fields["topics"].queryset = Topic.objects.all()

    def clean_month(self):
        month = self.cleaned_data["month"]
        return month.replace(day=1) if month else month

    def plan_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class MissionSharingForm(forms.Form):
    level = forms.ChoiceField(
        label=_("What other cities see of our plans"),
        choices=SharingLevel.choices,
        widget=forms.RadioSelect,
    )
