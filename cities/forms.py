"""Forms of the partner directory and commitment pages; the services decide."""

from __future__ import annotations

from django import forms

from cities.models import City, Partner, Person, ProgressEntry
from cities.selectors import partner_likely_duplicates


class PartnerForm(forms.ModelForm):
    """A partner; warns, before saving, about a likely duplicate in the same country."""

    confirmed_not_duplicate = forms.BooleanField(
        label="It is a different partner from the similar ones listed", required=False
    )

    class Meta:
        model = Partner
        fields = [
            "name",
            "kind",
            "country",
            "partner_city",
            "website",
            "notes",
            "sensitivity_note",
        ]
        labels = {"partner_city": "Seat city"}
        help_texts = {
            "partner_city": "One of your tied cities, so the partner shows on that tie's "
            "timeline. Other cities are set by a site admin.",
        }
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "sensitivity_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, city, **kwargs):
        super().__init__(*args, **kwargs)
        self.city = city
        self.likely_duplicates = []
        # The tied cities (and the current seat): a short list instead of the world.
        seats = City.objects.filter(ties_as_partner__city=city)
        if self.instance.partner_city_id:
            seats = seats | City.objects.filter(pk=self.instance.partner_city_id)
        self.fields["partner_city"].queryset = seats.distinct().order_by("name")

    def clean(self):
        data = super().clean()
        name, country = data.get("name"), data.get("country")
        if name and country and not data.get("confirmed_not_duplicate"):
            self.likely_duplicates = partner_likely_duplicates(
                city=self.city, name=name, country=country, exclude_pk=self.instance.pk
            )
            if self.likely_duplicates:
                names = "; ".join(p.name for p in self.likely_duplicates)
                self.add_error(
                    "name",
                    f"Likely a duplicate of: {names}. Open the existing partner instead, "
                    "or confirm this is a different one.",
                )
        return data

    def validate_unique(self):
        # ``city`` is not a form field, so check the (city, name, country) rule here
        # for a message beside the name rather than a database error.
        super().validate_unique()
        name, country = self.cleaned_data.get("name"), self.cleaned_data.get("country")
        if name and country:
            clash = Partner.objects.for_city(self.city).filter(name=name, country=country)
            if self.instance.pk:
                clash = clash.exclude(pk=self.instance.pk)
            if clash.exists():
                self.add_error("name", "This city already has a partner of that name there.")

    def partner_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "title", "email", "phone"]


class ProgressEntryForm(forms.ModelForm):
    class Meta:
        model = ProgressEntry
        fields = ["date", "value", "note"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
