"""Forms of the partner directory and commitment pages; the services decide."""

from __future__ import annotations

from itertools import groupby

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from cities.choices import PaperSize, StaffRole
from cities.models import (
    City,
    CityNetwork,
    Commitment,
    NetworkMembership,
    ParticipatingCity,
    Partner,
    Person,
    ProgressEntry,
    SdgIndicator,
    SdgTarget,
    SisterCityTie,
    StaffMember,
)
from cities.selectors import partner_likely_duplicates

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PartnerForm(forms.ModelForm):
    """A partner; warns, before saving, about a likely duplicate in the same country."""

    confirmed_not_duplicate = forms.BooleanField(
        label=_("It is a different partner from the similar ones listed"), required=False
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
        labels = {"partner_city": _("Seat city")}
        help_texts = {
            "partner_city": _(
                "One of your tied cities, so the partner shows on that tie's "
                "timeline. Other cities are set by a site admin."
            ),
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
                    gettext(
                        "Likely a duplicate of: %(names)s. Open the existing partner instead, "
                        "or confirm this is a different one."
                    )
                    % {"names": names},
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
                self.add_error(
                    "name", gettext("This city already has a partner of that name there.")
                )

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
        widgets = {"date": DATE}


# --- Sister-city ties ----------------------------------------------------------


class SisterCityTieForm(forms.ModelForm):
    """A tie to a foreign city, named as staff say it: the city's name and country.

    The world-city list holds tens of thousands of cities, too many for a
    menu: the typed name is matched (case aside) within the country, and a
    region tells apart two cities of one name.
    """

    partner_city_name = forms.CharField(
        label=_("Partner city"),
        max_length=200,
        help_text=_("The foreign city's name, as in the world cities list (e.g. Nagoya)."),
        widget=forms.TextInput(attrs={"list": "city-matches", "autocomplete": "off"}),
    )
    partner_city_country = LazyTypedChoiceField(
        label=_("Partner city's country"), choices=[("", "—"), *countries]
    )
    partner_city_region = forms.CharField(
        label=_("Region or state"),
        max_length=200,
        required=False,
        help_text=_("Only needed when the country has several cities of that name."),
    )

    class Meta:
        model = SisterCityTie
        fields = ["kind", "established_on", "signatories", "focus_areas", "notes"]
        labels = {
            "kind": _("Kind of tie"),
            "established_on": _("Established on"),
            "signatories": _("Signatories"),
            "focus_areas": _("Focus areas"),
            "notes": _("Notes"),
        }
        help_texts = {
            "signatories": _("Who signed the agreement, one per line."),
            "focus_areas": _("Comma-separated, e.g. ports, youth exchange, culture."),
        }
        widgets = {
            "established_on": DATE,
            "signatories": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.ended_on:
            # An ended tie's end date can be corrected here; ending is its own page.
            self.fields["ended_on"] = forms.DateField(label=_("Ended on"), widget=DATE)
            self.initial.setdefault("ended_on", self.instance.ended_on)
        city = self.instance.partner_city if self.instance.partner_city_id else None
        if city is not None and not self.is_bound:
            self.initial.update(
                partner_city_name=city.name,
                partner_city_country=city.country.code,
                partner_city_region=city.region,
            )
        self.partner_city = city

    def clean(self):
        data = super().clean()
        name = (data.get("partner_city_name") or "").strip()
        country = data.get("partner_city_country")
        if not (name and country):
            return data
        region = (data.get("partner_city_region") or "").strip()
        matches = City.objects.filter(country=country, name__iexact=name)
        if region:
            matches = matches.filter(region__iexact=region)
        found = list(matches.order_by("-population", "pk")[:10])
        if not found:
            self.add_error(
                "partner_city_name",
                gettext("No city called “%(name)s” in %(country)s in the world cities list.")
                % {"name": name, "country": dict(countries).get(country, country)},
            )
        elif len(found) > 1 and len({c.region for c in found}) > 1:
            regions = ", ".join(sorted({c.region for c in found if c.region}))
            self.add_error(
                "partner_city_region",
                gettext("Several cities have that name; give the region (%(regions)s).")
                % {"regions": regions},
            )
        else:
            self.partner_city = found[0]
        return data

    def tie_fields(self) -> dict:
        """The cleaned values ``sister_city_tie_create/update`` take."""
        fields = {name: self.cleaned_data[name] for name in self.Meta.fields}
        fields["partner_city"] = self.partner_city
        if "ended_on" in self.fields:
            fields["ended_on"] = self.cleaned_data["ended_on"]
        return fields


class TieEndForm(forms.Form):
    """Ending a tie: the day it ended, and why (added to its notes)."""

    ended_on = forms.DateField(label=_("Ended on"), widget=DATE)
    reason = forms.CharField(
        label=_("Why it ended"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Added to the tie's notes."),
    )


# --- Commitments ------------------------------------------------------------------


class CommitmentForm(forms.ModelForm):
    """A pledge with its SDG targets, the indicator it is measured by, baseline and target."""

    class Meta:
        model = Commitment
        fields = [
            "framework",
            "title",
            "description",
            "sdg_targets",
            "indicator",
            "indicator_description",
            "unit",
            "baseline_value",
            "baseline_year",
            "target_value",
            "target_year",
        ]
        labels = {
            "framework": _("Framework"),
            "title": _("Title"),
            "description": _("Description"),
            "sdg_targets": _("SDG targets"),
            "indicator": _("SDG indicator"),
            "indicator_description": _("Measured by"),
            "unit": _("Unit"),
            "baseline_value": _("Baseline value"),
            "baseline_year": _("Baseline year"),
            "target_value": _("Target value"),
            "target_year": _("Target year"),
        }
        help_texts = {
            "indicator": _("The SDG indicator this pledge is measured by, if it follows one."),
            "indicator_description": _("In your own words, when no SDG indicator fits."),
            "unit": _("e.g. kt CO2e, %, households"),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "sdg_targets": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sdg_targets"].queryset = SdgTarget.objects.select_related("goal")
        self.fields["indicator"].queryset = SdgIndicator.objects.order_by("position")
        self.fields["indicator"].label_from_instance = lambda i: f"{i.code} {i.title[:90]}"

    def sdg_groups(self):
        """SDG targets grouped by goal, each with whether it is ticked (open goals ticked)."""
        if self.is_bound:
            chosen = set(self.data.getlist(self.add_prefix("sdg_targets")))
        elif "sdg_targets" in self.initial:
            chosen = {str(getattr(v, "pk", v)) for v in self.initial["sdg_targets"] or []}
        else:
            chosen = set()
        targets = self.fields["sdg_targets"].queryset.order_by("goal__number", "position")
        groups = []
        for goal, items in groupby(targets, key=lambda t: t.goal):
            rows = [(t, str(t.pk) in chosen) for t in items]
            groups.append((goal, rows, any(checked for _, checked in rows)))
        return groups

    def commitment_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


# --- Network memberships -------------------------------------------------------------


class NetworkMembershipForm(forms.ModelForm):
    class Meta:
        model = NetworkMembership
        fields = ["network", "role", "status", "since", "until", "notes"]
        labels = {
            "network": _("Network"),
            "role": _("Role"),
            "status": _("Status"),
            "since": _("Member since"),
            "until": _("Member until"),
            "notes": _("Notes"),
        }
        help_texts = {"until": _("The day the city left, for a membership that ended.")}
        widgets = {"since": DATE, "until": DATE, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["network"].queryset = CityNetwork.objects.order_by("name")

    def membership_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class MembershipEndForm(forms.Form):
    """Leaving a network: the day the membership ended."""

    until = forms.DateField(label=_("Left on"), widget=DATE)


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
