"""The visit pages: the public request form (no login), the triage queue of a
city's editors, the briefing pack and the reminder choices on the profile."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cities.locales import supported_language
from cities.models import ParticipatingCity
from cities.pagination import paginate
from cities.views.common import apply_errors, get_for_editor_or_404, get_for_user_or_404
from engagements.models import Engagement
from visits import services
from visits.briefing import briefing_pdf
from visits.forms import (
    AcceptForm,
    AskMoreForm,
    BriefingForm,
    DeclineForm,
    ReminderPreferenceForm,
    VisitRequestForm,
)
from visits.models import ReminderPreference, VisitRequest
from visits.selectors import visit_request_duplicates, visit_request_rows

# Sent with a refused submission: why, and the status a client can act on.
REFUSALS = {
    "honeypot": 400,
    "no-start": 400,
    "too-fast": 400,
    "rate-limited": 429,
    "too-large": 413,
}
MAX_REQUEST_BYTES = 64 * 1024


def _sender_address(request) -> str:
    """The sender's address: behind a proxy, the one the proxy appended last
    (``VISIT_REQUEST_ADDRESS_HEADER``, e.g. HTTP_X_FORWARDED_FOR); else the peer's."""
    header = settings.VISIT_REQUEST_ADDRESS_HEADER
    forwarded = request.META.get(header, "") if header else ""
    return forwarded.split(",")[-1].strip() or request.META.get("REMOTE_ADDR", "")


def _address_key(request, city) -> str:
    address = _sender_address(request)
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"visit-intake:{city.pk}:{digest}"


def _over_rate_limit(request, city) -> bool:
    """Count this attempt from the sender's address; true past the limit in the window."""
    key = _address_key(request, city)
    cache.add(key, 0, settings.VISIT_REQUEST_RATE_WINDOW_SECONDS)
    try:
        attempts = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, settings.VISIT_REQUEST_RATE_WINDOW_SECONDS)
        attempts = 1
    return attempts > settings.VISIT_REQUEST_RATE_LIMIT


def request_visit(request, city_slug):
    """The public visit-request form of one participating city (no login)."""
    city = get_object_or_404(
        ParticipatingCity.objects.select_related("city"),
        slug=city_slug,
        accepts_visit_requests=True,
    )
    if request.method != "POST":
        return _render_intake(request, city, VisitRequestForm())
    form = VisitRequestForm(request.POST)
    too_large = int(request.META.get("CONTENT_LENGTH") or 0) > MAX_REQUEST_BYTES
    refusal = "too-large" if too_large else None
    refusal = refusal or ("rate-limited" if _over_rate_limit(request, city) else None)
    refusal = refusal or form.bot_refusal()
    if refusal:
        return _render_intake(request, city, form, refusal=refusal, status=REFUSALS[refusal])
    if form.is_valid():
        try:
            visit_request = services.visit_request_submit(
                city=city,
                topics=list(form.cleaned_data["topics"]),
                # The language, not its regional variant ("es", not "es-us").
                language=supported_language(get_language()) or "en",
                **form.request_fields(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            request.session["visit_request_reference"] = visit_request.reference
            return redirect("visit_request_sent", city_slug=city.slug)
    return _render_intake(request, city, form, status=400)


def _render_intake(request, city, form, *, refusal=None, status=200):
    if refusal:
        # A fresh start time: a person refused for being quick can send again.
        form.data = form.data.copy()
        form.data["started"] = VisitRequestForm().initial["started"]
    return render(
        request,
        "visits/request_form.html",
        {"city": city, "form": form, "refusal": refusal},
        status=status,
    )


def request_visit_sent(request, city_slug):
    city = get_object_or_404(ParticipatingCity.objects.select_related("city"), slug=city_slug)
    reference = request.session.get("visit_request_reference")
    return render(request, "visits/request_sent.html", {"city": city, "reference": reference})


# --- The triage queue -----------------------------------------------------------


@login_required
def request_queue(request):
    """The city's visit requests waiting for a decision, then the decided ones."""
    show = request.GET.get("show", "open")
    requests = VisitRequest.objects.for_user(request.user)
    requests = requests.open() if show == "open" else requests
    page = paginate(visit_request_rows(requests), request.GET, ordering=["-submitted_at", "-pk"])
    return render(request, "visits/request_queue.html", {"page": page, "show": show})


def _detail_context(request, visit_request, **forms):
    duplicates = list(visit_request_duplicates(visit_request)) if visit_request.is_open else []
    return {
        "visit_request": visit_request,
        "duplicates": duplicates,
        "accept_form": forms.get("accept_form") or AcceptForm(),
        "decline_form": forms.get("decline_form") or DeclineForm(),
        "more_form": forms.get("more_form") or AskMoreForm(),
    }


def _request_for_user(request, pk, *, edit=False):
    queryset = VisitRequest.objects.select_related(
        "city__city", "engagement", "decided_by"
    ).prefetch_related("topics")
    lookup = get_for_editor_or_404 if edit else get_for_user_or_404
    return lookup(queryset, request.user, pk=pk)


@login_required
def request_detail(request, pk):
    visit_request = _request_for_user(request, pk)
    return render(request, "visits/request_detail.html", _detail_context(request, visit_request))


def _decide(request, pk, form_class, form_name, action):
    visit_request = _request_for_user(request, pk, edit=True)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            result = action(visit_request, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return result
    context = _detail_context(request, visit_request, **{form_name: form})
    return render(request, "visits/request_detail.html", context, status=400)


@login_required
@require_POST
def request_accept(request, pk):
    def accept(visit_request, data):
        engagement = services.visit_request_accept(
            visit_request=visit_request,
            editor=request.user,
            duplicate_reason=data["duplicate_reason"],
        )
        messages.success(
            request, _("Accepted %(reference)s.") % {"reference": visit_request.reference}
        )
        return redirect("engagement_detail", pk=engagement.pk)

    return _decide(request, pk, AcceptForm, "accept_form", accept)


@login_required
@require_POST
def request_decline(request, pk):
    def decline(visit_request, data):
        services.visit_request_decline(
            visit_request=visit_request, editor=request.user, reason=data["staff_message"]
        )
        messages.success(
            request, _("Declined %(reference)s.") % {"reference": visit_request.reference}
        )
        return redirect("visit_request_queue")

    return _decide(request, pk, DeclineForm, "decline_form", decline)


@login_required
@require_POST
def request_ask_more(request, pk):
    def ask(visit_request, data):
        services.visit_request_ask_more(
            visit_request=visit_request, editor=request.user, message=data["staff_message"]
        )
        messages.success(
            request,
            _("Asked the requester of %(reference)s for more.")
            % {"reference": visit_request.reference},
        )
        return redirect("visit_request_detail", pk=visit_request.pk)

    return _decide(request, pk, AskMoreForm, "more_form", ask)


# --- The briefing pack ---------------------------------------------------------


@login_required
def briefing_edit(request, pk):
    """The talking points staff write for an engagement's briefing pack."""
    engagement = get_for_editor_or_404(
        Engagement.objects.select_related("briefing"), request.user, pk=pk
    )
    instance = getattr(engagement, "briefing", None) if hasattr(engagement, "briefing") else None
    form = BriefingForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.briefing_update(
            engagement=engagement,
            editor=request.user,
            talking_points=form.cleaned_data["talking_points"],
        )
        messages.success(request, _("Talking points saved."))
        return redirect("engagement_detail", pk=engagement.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "visits/briefing_form.html",
        {"engagement": engagement, "form": form},
        status=status,
    )


@login_required
def briefing_download(request, pk):
    """The mayor's briefing pack of an engagement, as a PDF in the city's language."""
    engagement = get_for_user_or_404(
        Engagement.objects.select_related("city__city"), request.user, pk=pk
    )
    paper = request.GET.get("paper")
    pdf = briefing_pdf(request, engagement, today=timezone.localdate(), paper=paper)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="briefing-{engagement.pk}.pdf"'
    return response


# --- Reminder choices (on the profile page) ---------------------------------------


@login_required
@require_POST
def reminder_preferences(request):
    instance = ReminderPreference.objects.filter(user=request.user).first()
    form = ReminderPreferenceForm(request.POST, instance=instance)
    if form.is_valid():
        services.reminder_preference_update(user=request.user, **form.cleaned_data)
        messages.success(request, _("Your reminder emails are updated."))
    return redirect(reverse("profile") + "#reminders")
