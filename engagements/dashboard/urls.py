"""The mayor's-office dashboard, its "Refresh now" jobs and its exports (under /dashboard/)."""

from django.urls import path

from engagements.dashboard import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("refresh/", views.dashboard_refresh, name="dashboard_refresh"),
    path("jobs/<int:pk>/", views.dashboard_job, name="dashboard_job"),
    path("report.csv", views.dashboard_csv, name="dashboard_csv"),
    path("report.pdf", views.dashboard_pdf, name="dashboard_pdf"),
]
