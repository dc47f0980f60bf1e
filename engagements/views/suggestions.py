"""The SDG targets suggested for an engagement as its form is filled in (JSON).

The ranking is ``cities.sdg_suggestions`` (offline, over the official target
texts); this view only reads the form's title, summary and topics and maps the
suggested codes to target rows. Nothing is saved: staff accept a suggestion
by ticking it, in the page.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cities.models import SdgTarget
from cities.scoping import is_site_admin, staff_city
from cities.sdg_suggestions import MAX_QUERY_CHARS, suggest_targets
from engagements.models import Topic

SUGGESTIONS = 8
MAX_TOPICS = 20


def _topic_names(values: list[str]) -> list[str]:
    ids = [int(value) for value in values[:MAX_TOPICS] if value.isdigit()]
    if not ids:
        return []
    return list(Topic.objects.filter(pk__in=ids).values_list("name", flat=True))


@require_GET
@login_required
def sdg_suggestions(request):
    """``?title=&summary=&topics=<id>…`` → the most relevant SDG targets, best first."""
    if staff_city(request.user) is None and not is_site_admin(request.user):
        raise PermissionDenied(_("Only a city's staff can use SDG suggestions."))
    parts = [request.GET.get("title", ""), request.GET.get("summary", "")]
    text = " ".join(part[:MAX_QUERY_CHARS] for part in parts)
    text = " ".join([text, *_topic_names(request.GET.getlist("topics"))])
    suggestions = suggest_targets(text, limit=SUGGESTIONS)
    targets = SdgTarget.objects.select_related("goal").in_bulk(
        [s.code for s in suggestions], field_name="code"
    )
    return JsonResponse(
        {
            "suggestions": [
                {
                    "id": targets[s.code].pk,
                    "code": s.code,
                    "goal": targets[s.code].goal.number,
                    "goal_short": targets[s.code].goal.short,
                    "title": targets[s.code].title,
                    "score": round(s.score, 3),
                }
                for s in suggestions
                if s.code in targets
            ]
        }
    )
