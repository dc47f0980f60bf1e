"""Forms of the staff pages. They collect and check input; the services decide.

Every choice of a city's records (partners, people, owners) comes from a
queryset scoped to the record's city, so another city's ids are refused as
invalid choices before a service ever sees them.
"""

from __future__ import annotations

from itertools import groupby

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from cities.choices import PartnerKind, StaffRole
from cities.models import Partner, SdgTarget
from cities.scoping import may_own_follow_ups, users_for
from cities.selectors import (
    follow_up_owners,
    partner_likely_duplicates,
    staff_users,
    user_display_name,
)
from cities.widgets import LongSelect
from engagements.choices import EngagementStatus, FollowUpStatus
from engagements.models import (
    Delegation,
    DelegationMember,
    Engagement,
    FollowUp,
    Gift,
    ItineraryItem,
    Topic,
)
from engagements.models.engagements import ENGAGEMENT_EDITABLE_FIELDS
from engagements.selectors import duplicate_request_engagements

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class EngagementForm(forms.ModelForm):
    """Log or edit an engagement: partners found by search, or typed in as new."""

    partner_q = forms.CharField(
        label=_("Find a partner"),
        required=False,
        help_text=_("Type part of a name; tick the partners it finds."),
    )
    new_partner_name = forms.CharField(
        label=_("New partner's name"), required=False, max_length=250
    )
    new_partner_country = LazyTypedChoiceField(
        label=_("New partner's country"),
        choices=[("", "—"), *countries],
        required=False,
    )
    new_partner_kind = forms.ChoiceField(
        label=_("New partner's kind"), choices=[("", "—"), *PartnerKind.choices], required=False
    )
    new_partner_confirmed = forms.BooleanField(
        label=_("It is a different partner from the similar ones listed"), required=False
    )

    class Meta:
        model = Engagement
        fields = ENGAGEMENT_EDITABLE_FIELDS
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "partners": forms.CheckboxSelectMultiple,
            "topics": forms.CheckboxSelectMultiple,
            "sdg_targets": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "outcomes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "outcomes": _("Agreements reached, announcements, next steps."),
            "investment_usd": _("Investment announced or committed, if any."),
        }

    def __init__(self, *args, city, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.city = city
        self.fields["partners"].queryset = Partner.objects.for_user(user).for_city(city)
        self.fields["topics"].queryset = Topic.objects.all()
        self.fields["sdg_targets"].queryset = SdgTarget.objects.select_related("goal")
        self.fields["owner"].queryset = staff_users(city)
        self.fields["owner"].label_from_instance = user_display_name
        self.likely_duplicates = []

    # --- what the template shows around the partner picker ---

    def _partner_ids(self):
        if self.is_bound:
            values = self.data.getlist(self.add_prefix("partners"))
        else:
            values = self.initial.get("partners") or []
        ids = []
        for value in values:
            pk = getattr(value, "pk", value)
            try:
                ids.append(int(pk))
            except (TypeError, ValueError):
                continue
        return ids

    def selected_partners(self):
        """The partners ticked so far (not every partner of the city)."""
        ids = self._partner_ids()
        if not ids:
            return []
        return list(self.fields["partners"].queryset.filter(pk__in=ids).order_by("name"))

    def partner_matches(self):
        """Partners matching the search box, for the no-JavaScript "Find" button."""
        text = (self.data.get(self.add_prefix("partner_q")) or "") if self.is_bound else ""
        return self.fields["partners"].queryset.matching(text, excluding=self._partner_ids())

    def sdg_groups(self):
        """SDG targets grouped by goal, each with whether it is ticked."""
        if self.is_bound:
            chosen = set(self.data.getlist(self.add_prefix("sdg_targets")))
        else:
            chosen = {str(getattr(v, "pk", v)) for v in self.initial.get("sdg_targets") or []}
        targets = self.fields["sdg_targets"].queryset.order_by("goal__number", "position")
        groups = []
        for goal, items in groupby(targets, key=lambda t: t.goal):
            rows = [(t, str(t.pk) in chosen) for t in items]
            groups.append((goal, rows, any(checked for _, checked in rows)))
        return groups

    def duplicate_flag(self) -> list[Engagement]:
        """Earlier engagements that make this one a duplicate request (a flag, not an error)."""
        if not hasattr(self, "_duplicate_flag"):
            data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else None
            if data is None and self.instance.pk and not self.is_bound:
                data = {
                    "start_date": self.instance.start_date,
                    "topics": self.instance.topics.all(),
                    "partners": self.instance.partners.all(),
                }
            self._duplicate_flag = []
            if data and data.get("start_date") and data.get("partners"):
                self._duplicate_flag = list(
                    duplicate_request_engagements(
                        city=self.city,
                        on=data["start_date"],
                        topics=data.get("topics"),
                        partners=data["partners"],
                        exclude_pk=self.instance.pk,
                    )
                )
        return self._duplicate_flag

    def selected_topics(self):
        if self.is_bound:
            return set(self.data.getlist(self.add_prefix("topics")))
        return {str(getattr(v, "pk", v)) for v in self.initial.get("topics") or []}

    # --- validation of the typed-in partner ---

    def clean(self):
        data = super().clean()
        name = (data.get("new_partner_name") or "").strip()
        if not name:
            return data
        country, kind = data.get("new_partner_country"), data.get("new_partner_kind")
        if not country:
            self.add_error("new_partner_country", gettext("Give the new partner's country."))
        if not kind:
            self.add_error("new_partner_kind", gettext("Give the new partner's kind."))
        if country and not data.get("new_partner_confirmed"):
            self.likely_duplicates = partner_likely_duplicates(
                city=self.city, name=name, country=country
            )
            if self.likely_duplicates:
                names = "; ".join(p.name for p in self.likely_duplicates)
                self.add_error(
                    "new_partner_name",
                    gettext(
                        "Likely a duplicate of: %(names)s. Tick the existing partner instead, "
                        "or confirm it is a different one."
                    )
                    % {"names": names},
                )
        return data

    def new_partner(self) -> dict | None:
        name = (self.cleaned_data.get("new_partner_name") or "").strip()
        if not name:
            return None
        return {
            "name": name,
            "country": self.cleaned_data["new_partner_country"],
            "kind": self.cleaned_data["new_partner_kind"],
        }

    def engagement_fields(self) -> dict:
        """The cleaned values the services take (relations by name)."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DelegationForm(forms.ModelForm):
    """The visit's protocol checklist."""

    class Meta:
        model = Delegation
        fields = [
            "direction",
            "head",
            "protocol_level",
            "interpreters_needed",
            "interpreter_notes",
            "press_needed",
            "photographer_needed",
            "press_notes",
            "security_needed",
            "security_notes",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from cities.models import Person

        self.fields["head"].queryset = (
            Person.objects.for_user(user)
            .for_city(self.instance.engagement.city_id)
            .select_related("partner")
        )


class DelegationMemberForm(forms.ModelForm):
    class Meta:
        model = DelegationMember
        fields = ["name", "title", "organisation", "role", "attendance"]


class ItineraryItemForm(forms.ModelForm):
    class Meta:
        model = ItineraryItem
        fields = ["date", "start_time", "end_time", "place", "activity", "responsible"]
        widgets = {"date": DATE, "start_time": TIME, "end_time": TIME}


class GiftForm(forms.ModelForm):
    class Meta:
        model = Gift
        fields = ["direction", "description", "value_usd", "giver", "recipient", "disposition"]


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["description", "owner", "due_date"]
        widgets = {"due_date": DATE}

    def __init__(self, *args, city, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        owner.queryset = follow_up_owners(city, keep=self.instance.owner_id)
        owner.label_from_instance = user_display_name
        owner.help_text = _("Only editors own follow-ups.")
        # Whoever adds a follow-up owns it unless they pick someone else.
        if self.instance.pk is None and user is not None and may_own_follow_ups(user, city):
            self.initial.setdefault("owner", user.pk)


class BulkForm(forms.Form):
    """Rows ticked on a list and the one thing to do with them: change them
    (the subclass's actions) or export just them."""

    EXPORTS = {
        "export_csv": _("Export the selection (CSV)"),
        "export_xlsx": _("Export the selection (XLSX)"),
    }
    CHANGES: dict = {}
    NOTHING_TICKED = _("Tick at least one row first.")
    GONE = _("Some ticked rows no longer exist; reload the list.")

    selected = forms.ModelMultipleChoiceField(queryset=None)
    action = forms.ChoiceField()
    owner = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=_("New owner"),
        empty_label=_("No owner"),
        widget=LongSelect,
    )

    def __init__(self, *args, user, **kwargs):
        # Beside the list's filter form, which may have an owner and a status field too.
        kwargs.setdefault("auto_id", "bulk-%s")
        super().__init__(*args, **kwargs)
        selected = self.fields["selected"]
        selected.queryset = self.rows(user)
        selected.error_messages.update(
            required=self.NOTHING_TICKED, invalid_choice=self.GONE, invalid_pk_value=self.GONE
        )
        self.fields["action"].choices = [*self.CHANGES.items(), *self.EXPORTS.items()]
        self.fields["owner"].queryset = self.owners(user).order_by("first_name", "username")
        self.fields["owner"].label_from_instance = user_display_name

    def rows(self, user):
        raise NotImplementedError

    def owners(self, user):
        return users_for(user)


class EngagementBulkForm(BulkForm):
    """The engagements ticked on their list: set their status, reassign, export."""

    CHANGES = {"status": _("Set the status"), "owner": _("Reassign")}
    NOTHING_TICKED = _("Tick at least one engagement first.")
    GONE = _("Some ticked engagements no longer exist; reload the list.")

    status = forms.ChoiceField(
        choices=[("", "—"), *EngagementStatus.choices], required=False, label=_("New status")
    )

    def rows(self, user):
        return Engagement.objects.for_user(user)

    def clean(self):
        data = super().clean()
        if data.get("action") == "status" and not data.get("status"):
            self.add_error("status", _("Choose the new status."))
        return data

    def changes(self) -> dict:
        action = self.cleaned_data["action"]
        return {action: self.cleaned_data[action]}


class FollowUpBulkForm(BulkForm):
    """The follow-ups ticked on their list: mark them done, reassign, export."""

    CHANGES = {"done": _("Mark done"), "owner": _("Reassign")}
    NOTHING_TICKED = _("Tick at least one follow-up first.")
    GONE = _("Some ticked follow-ups no longer exist; reload the list.")

    def rows(self, user):
        return FollowUp.objects.for_user(user).select_related("engagement")

    def owners(self, user):
        # Only editors own follow-ups (the service refuses anyone else for every door).
        return users_for(user).filter(staff__role=StaffRole.EDITOR, is_active=True)

    def changes(self) -> dict:
        if self.cleaned_data["action"] == "done":
            return {"status": FollowUpStatus.DONE}
        return {"owner": self.cleaned_data["owner"]}
