"""Public pages and open data (under /public/), no login."""

from django.urls import path, re_path

from transparency import views

urlpatterns = [
    path("schema.json", views.public_schema, name="public_schema"),
    path("<slug:slug>/", views.public_city, name="public_city"),
    re_path(
        r"^(?P<slug>[-\w]+)/(?P<name>engagements|ties|commitments)\.(?P<fmt>csv|json)$",
        views.public_data,
        name="public_data",
    ),
]
