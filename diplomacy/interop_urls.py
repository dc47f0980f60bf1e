"""Interop pages: the user's profile (API token, calendar addresses), spreadsheet
imports and exports, and the calendar feeds."""

from django.urls import path, re_path

from cities.api import profile
from engagements import calendar
from engagements.imports import views as imports
from engagements.views import exports

urlpatterns = [
    path("profile/", profile.profile, name="profile"),
    path("profile/token/", profile.api_token_create, name="api-token-create"),
    path("profile/token/revoke/", profile.api_token_revoke, name="api-token-revoke"),
    path("profile/calendar/", calendar.calendar_feed_create, name="calendar-feed-create"),
    path(
        "profile/calendar/<int:pk>/revoke/",
        calendar.calendar_feed_revoke,
        name="calendar-feed-revoke",
    ),
    re_path(
        r"^calendar/(?P<token>[A-Za-z0-9_-]{20,64})\.ics$",
        calendar.calendar_feed,
        name="calendar-feed",
    ),
    re_path(
        r"^export/(?P<name>engagements|partners|ties|commitments|follow-ups|gifts|upcoming|memberships)\.(?P<fmt>csv|xlsx)$",
        exports.export_list,
        name="export",
    ),
    path("export/jobs/<int:pk>/", exports.export_job_detail, name="export-job"),
    path("export/jobs/<int:pk>/download/", exports.export_job_download, name="export-job-download"),
    path("import/", imports.upload, name="import-upload"),
    path("import/template/<str:kind>.<str:fmt>", imports.template, name="import-template"),
    path("import/<int:pk>/", imports.job_detail, name="import-job"),
    path("import/<int:pk>/status.json", imports.job_status, name="import-job-status"),
    path("import/<int:pk>/confirm/", imports.job_confirm, name="import-job-confirm"),
]
