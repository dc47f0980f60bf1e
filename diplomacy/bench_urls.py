"""The app's URLs plus the benchmark's floors: what any Django view on this server
and database costs, measured in the same run as the pages (diplomacy.settings.bench)."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path

from diplomacy.urls import urlpatterns as app_urlpatterns
from engagements.models import Engagement


def hello(request):
    """The floor of every request: middleware, routing and a response, no query."""
    return HttpResponse("hello", content_type="text/plain")


def engagement_row(request, pk: int):
    """The floor of a page about one record: one engagement by primary key."""
    row = get_object_or_404(Engagement.objects.values("pk", "title", "start_date"), pk=pk)
    return JsonResponse(row)


urlpatterns = [
    path("bench/hello", hello),
    path("bench/engagement/<int:pk>", engagement_row),
    *app_urlpatterns,
]
