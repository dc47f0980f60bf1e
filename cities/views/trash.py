"""A city's trash: what its editors deleted in the last 90 days, to restore whole.

Editors see and restore their own city's trashed records (another city's is a
404, a viewer gets a 403); purging before the daily job does is a site admin's act.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cities import services
from cities.models import TrashEntry
from cities.pagination import paginate
from cities.scoping import is_site_admin
from cities.views.common import get_for_editor_or_404, require_editor

TRASH_ORDERING = ["-deleted_at", "-pk"]


@login_required
def trash_list(request):
    require_editor(request)
    page = paginate(
        TrashEntry.objects.for_user(request.user).for_list(), request.GET, ordering=TRASH_ORDERING
    )
    now = timezone.now()
    rows = [(entry, entry.days_left(now)) for entry in page]
    return render(
        request,
        "cities/trash.html",
        {
            "page": page,
            "rows": rows,
            "can_purge": is_site_admin(request.user),
            "retention_days": settings.TRASH_RETENTION_DAYS,
        },
    )


@require_POST
@login_required
def trash_restore(request, pk):
    entry = get_for_editor_or_404(TrashEntry, request.user, pk=pk)
    try:
        services.trash_entry_restore(entry=entry, editor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Restored “%(title)s”.") % {"title": entry.title})
    return redirect("trash_list")


@require_POST
@login_required
def trash_purge(request, pk):
    entry = get_for_editor_or_404(TrashEntry, request.user, pk=pk)
    if not is_site_admin(request.user):
        raise PermissionDenied(_("Only a site admin can purge a record from the trash."))
    services.trash_entry_purge(entry=entry, editor=request.user)
    messages.success(request, _("Purged “%(title)s” for good.") % {"title": entry.title})
    return redirect("trash_list")
