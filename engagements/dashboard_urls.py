"""The mayor's-office dashboard, its "Refresh now" jobs and its exports (under /dashboard/)."""

from django.urls import path

from engagements import dashboard

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("refresh/", dashboard.dashboard_refresh, name="dashboard_refresh"),
    path("jobs/<int:pk>/", dashboard.dashboard_job, name="dashboard_job"),
    path("report.csv", dashboard.dashboard_csv, name="dashboard_csv"),
    path("report.pdf", dashboard.dashboard_pdf, name="dashboard_pdf"),
]
