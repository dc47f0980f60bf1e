"""The public visit-request pages, the triage queue, briefing packs and reminder choices."""

from django.urls import path

from visits import views

urlpatterns = [
    path("request/<slug:city_slug>/", views.request_visit, name="visit_request_public"),
    path("request/<slug:city_slug>/sent/", views.request_visit_sent, name="visit_request_sent"),
    path("visit-requests/", views.request_queue, name="visit_request_queue"),
    path("visit-requests/<int:pk>/", views.request_detail, name="visit_request_detail"),
    path("visit-requests/<int:pk>/accept/", views.request_accept, name="visit_request_accept"),
    path("visit-requests/<int:pk>/decline/", views.request_decline, name="visit_request_decline"),
    path("visit-requests/<int:pk>/more/", views.request_ask_more, name="visit_request_more"),
    path("briefings/<int:pk>/", views.briefing_edit, name="briefing_edit"),
    path("briefings/<int:pk>/pack.pdf", views.briefing_download, name="briefing_pdf"),
    path("profile/reminders/", views.reminder_preferences, name="reminder_preferences"),
]
