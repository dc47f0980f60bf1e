"""One action on several rows ticked on a list: change them, or export just them.

Editors change (each row through its service, all or none); viewers may
export. Rows are read through the one door (``for_user``), so a row of
another city cannot be ticked: the form refuses it as gone.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from cities.views.common import require_editor
from engagements import services
from engagements.exports import EXPORTS, export_response
from engagements.forms import EngagementBulkForm, FollowUpBulkForm


def _bulk(request, *, form, export: str, change, list_url: str, changed_message):
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = list_url
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(back)
    rows, action = form.cleaned_data["selected"], form.cleaned_data["action"]
    if action.startswith("export_"):
        return export_response(EXPORTS[export], rows, action.removeprefix("export_"))
    require_editor(request)
    try:
        changed = change(rows, editor=request.user, **form.changes())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
    messages.success(request, changed_message(changed) % {"count": changed})
    return redirect(back)


@login_required
@require_POST
def engagement_bulk(request):
    """Set the status of ticked engagements, reassign them, or export them."""
    return _bulk(
        request,
        form=EngagementBulkForm(request.POST, user=request.user),
        export="engagements",
        change=lambda rows, **kw: services.engagement_bulk_update(
            engagements=rows.select_related("city"), **kw
        ),
        list_url=reverse("engagement_list"),
        changed_message=lambda n: ngettext(
            "Changed %(count)d engagement.", "Changed %(count)d engagements.", n
        ),
    )


@login_required
@require_POST
def follow_up_bulk(request):
    """Mark ticked follow-ups done, reassign them, or export them."""
    return _bulk(
        request,
        form=FollowUpBulkForm(request.POST, user=request.user),
        export="follow-ups",
        change=lambda rows, **kw: services.follow_up_bulk_update(follow_ups=rows, **kw),
        list_url=reverse("follow_up_list"),
        changed_message=lambda n: ngettext(
            "Changed %(count)d follow-up.", "Changed %(count)d follow-ups.", n
        ),
    )
