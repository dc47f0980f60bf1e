"""Forms of the visit pages: the public request (with its bot traps) and the
triage decisions. They check input; the services decide."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagements.models import Topic
from visits.choices import topic_label
from visits.models import Briefing, ReminderPreference, VisitRequest

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_VISITORS = 30
STARTED_SALT = "visits.request.started"


def started_token() -> str:
    """When the form was shown, signed, so a bot cannot claim it took its time."""
    return signing.dumps(timezone.now().timestamp(), salt=STARTED_SALT)


class VisitRequestForm(forms.ModelForm):
    """The public visit-request form. ``website`` is a honeypot that people never
    see (hidden by CSS and from assistive technology); ``started`` records when
    the form was shown."""

    website = forms.CharField(label=_("Leave this empty"), required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = VisitRequest
        fields = [
            "organisation",
            "country",
            "requester_kind",
            "contact_name",
            "contact_email",
            "visitors",
            "purpose",
            "topics",
            "preferred_start",
            "preferred_end",
            "host_level",
            "interpretation_needed",
            "interpretation_language",
            "press_expected",
        ]
        widgets = {
            "visitors": forms.Textarea(attrs={"rows": 4, "maxlength": 3000}),
            "purpose": forms.Textarea(attrs={"rows": 5, "maxlength": 4000}),
            "topics": forms.CheckboxSelectMultiple,
            "preferred_start": DATE,
            "preferred_end": DATE,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.all()
        # In the reader's language and alphabetical in it (the table holds English names).
        self.fields["topics"].choices = sorted(
            ((topic.pk, topic_label(topic.code)) for topic in Topic.objects.all()),
            key=lambda choice: choice[1],
        )
        self.fields["topics"].required = True
        for name, limit in (("purpose", 4000), ("visitors", 3000)):
            self.fields[name].max_length = limit
            self.fields[name].validators.append(MaxLengthValidator(limit))
        if not self.is_bound:
            self.initial["started"] = started_token()

    # --- bot traps, checked before anything is saved ---

    def bot_refusal(self) -> str | None:
        """Why this submission looks like a bot's (filled honeypot, too fast, stale), or None."""
        if (self.data.get("website") or "").strip():
            return "honeypot"
        try:
            started = signing.loads(
                self.data.get("started") or "",
                salt=STARTED_SALT,
                max_age=settings.VISIT_REQUEST_MAX_FILL_SECONDS,
            )
        except signing.BadSignature:
            return "no-start"
        elapsed = timezone.now().timestamp() - float(started)
        if elapsed < settings.VISIT_REQUEST_MIN_FILL_SECONDS:
            return "too-fast"
        return None

    def clean_visitors(self):
        visitors = self.cleaned_data["visitors"]
        lines = [line for line in visitors.splitlines() if line.strip()]
        if not lines:
            raise forms.ValidationError(_("Name at least one visitor."))
        if len(lines) > MAX_VISITORS:
            raise forms.ValidationError(
                _("At most %(count)d visitors a request.") % {"count": MAX_VISITORS}
            )
        return "\n".join(line.strip() for line in lines)

    def clean_preferred_start(self):
        day = self.cleaned_data["preferred_start"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("Choose a day that has not passed."))
        return day

    def request_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "topics"}


class AcceptForm(forms.Form):
    duplicate_reason = forms.CharField(
        label=_("Why accept it although it is a duplicate request?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DeclineForm(forms.Form):
    staff_message = forms.CharField(
        label=_("Reason sent to the requester"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AskMoreForm(forms.Form):
    staff_message = forms.CharField(
        label=_("What more do you need to know?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BriefingForm(forms.ModelForm):
    class Meta:
        model = Briefing
        fields = ["talking_points"]
        widgets = {"talking_points": forms.Textarea(attrs={"rows": 12, "maxlength": 8000})}


class ReminderPreferenceForm(forms.ModelForm):
    class Meta:
        model = ReminderPreference
        fields = ["follow_ups", "visit_checklists", "weekly_digest"]
