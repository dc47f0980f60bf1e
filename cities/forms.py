"""Forms of the partner directory and commitment pages; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from cities.choices import PaperSize, StaffRole
from cities.models import City, ParticipatingCity, Partner, Person, ProgressEntry, StaffMember
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


# --- Site admin: participating cities and their staff -------------------------


def _time_zone_choices():
    import zoneinfo

    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


def _locale_choices():
    from django.conf import settings

    return [(code, f"{name} ({code})") for code, name in settings.LANGUAGES]


def _with_current(choices, current):
    """``choices`` plus ``current`` when it is not among them (a value stored before)."""
    if current and current not in {value for value, _label in choices}:
        return [(current, current), *choices]
    return choices


class ParticipatingCityForm(forms.ModelForm):
    """A participating city's name, address on the site and office settings.

    A new city names its place (name and country); the place is then fixed,
    and only its name can be corrected.
    """

    name = forms.CharField(label=_("City name"), max_length=200)
    country = LazyTypedChoiceField(label=_("Country"), choices=countries, required=True)
    region = forms.CharField(label=_("Region / state"), max_length=200, required=False)
    locale = forms.ChoiceField(label=_("Language"), choices=_locale_choices)
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=_time_zone_choices)
    paper_size = forms.TypedChoiceField(
        label=_("Paper size"),
        choices=[("", _("Usual for the country (US Letter in the US)")), *PaperSize.choices],
        required=False,
        empty_value=None,
    )

    class Meta:
        model = ParticipatingCity
        fields = [
            "slug",
            "office_name",
            "mayor",
            "contact_name",
            "contact_email",
            "contact_phone",
            "locale",
            "time_zone",
            "paper_size",
        ]
        labels = {"slug": _("Address on the site (slug)")}
        help_texts = {"slug": _("Lower-case letters, digits and hyphens, e.g. los-angeles.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            place = self.instance.city
            self.fields.pop("country")
            self.fields["paper_size"].choices = PaperSize.choices
            self.fields["paper_size"].required = True
            self.initial.setdefault("name", place.name)
            self.initial.setdefault("region", place.region)
            locale = self.fields["locale"]
            locale.choices = _with_current(list(locale.choices), self.instance.locale)
        else:
            self.initial.setdefault("locale", "en")
            self.initial.setdefault("time_zone", "UTC")

    def place_fields(self) -> dict:
        """The place's name, country and region (the country only for a new city)."""
        keys = ("name", "country", "region") if "country" in self.fields else ("name", "region")
        return {key: self.cleaned_data[key] for key in keys}

    def city_fields(self) -> dict:
        """The participating city's own fields, as the services take them."""
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        if fields.get("paper_size") is None:
            fields.pop("paper_size")
        return fields


class StaffInviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    city = forms.ModelChoiceField(
        label=_("City"), queryset=ParticipatingCity.objects.select_related("city")
    )
    role = forms.ChoiceField(label=_("Role"), choices=StaffRole.choices)


class StaffMemberForm(forms.ModelForm):
    """A staff member's city and role."""

    class Meta:
        model = StaffMember
        fields = ["city", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = ParticipatingCity.objects.select_related("city")
