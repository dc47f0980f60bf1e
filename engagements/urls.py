"""Staff pages: engagements, delegations, follow-ups, gifts, the upcoming agenda,
and the pages that see a city's relationships through its engagements."""

from django.urls import path

from engagements import views

urlpatterns = [
    path("engagements/", views.engagement_list, name="engagement_list"),
    path("engagements/new/", views.engagement_create, name="engagement_create"),
    path("engagements/bulk/", views.engagement_bulk, name="engagement_bulk"),
    path("engagements/sdg-suggestions/", views.sdg_suggestions, name="sdg_suggestions"),
    path("engagements/<int:pk>/", views.engagement_show, name="engagement_detail"),
    path("engagements/<int:pk>/edit/", views.engagement_edit, name="engagement_edit"),
    path("engagements/<int:pk>/delete/", views.engagement_delete, name="engagement_delete"),
    path("engagements/<int:pk>/delegation/", views.delegation_edit, name="delegation_edit"),
    path(
        "engagements/<int:pk>/itinerary/print/",
        views.itinerary_print,
        name="itinerary_print",
    ),
    path("engagements/<int:pk>/<slug:slug>/", views.part_section, name="part_section"),
    path("engagements/<int:pk>/<slug:slug>/add/", views.part_add, name="part_add"),
    path(
        "engagements/<int:pk>/<slug:slug>/<int:part_pk>/edit/",
        views.part_edit,
        name="part_edit",
    ),
    path(
        "engagements/<int:pk>/<slug:slug>/<int:part_pk>/delete/",
        views.part_delete,
        name="part_delete",
    ),
    path("follow-ups/", views.follow_up_list, name="follow_up_list"),
    path("follow-ups/bulk/", views.follow_up_bulk, name="follow_up_bulk"),
    path("follow-ups/<int:pk>/done/", views.follow_up_done, name="follow_up_done"),
    path("gifts/", views.gift_register, name="gift_register"),
    path("upcoming/", views.upcoming, name="upcoming"),
    path("partners/<int:pk>/", views.partner_detail, name="partner_detail"),
    path("ties/", views.tie_list, name="tie_list"),
    path("ties/<int:pk>/", views.tie_detail, name="tie_detail"),
]
