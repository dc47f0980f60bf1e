"""Staff pages: the partner directory, sister-city ties and commitments."""

from django.urls import path

from cities import pages

urlpatterns = [
    path("partners/", pages.partner_directory, name="partner_list"),
    path("partners/new/", pages.partner_create, name="partner_create"),
    path("partners/autocomplete/", pages.partner_autocomplete, name="partner_autocomplete"),
    path("partners/<int:pk>/", pages.partner_detail, name="partner_detail"),
    path("partners/<int:pk>/edit/", pages.partner_edit, name="partner_edit"),
    path("partners/<int:pk>/people/add/", pages.person_add, name="person_add"),
    path("ties/", pages.tie_list, name="tie_list"),
    path("ties/<int:pk>/", pages.tie_detail, name="tie_detail"),
    path("commitments/", pages.commitment_list, name="commitment_list"),
    path("commitments/<int:pk>/", pages.commitment_detail, name="commitment_detail"),
    path("commitments/<int:pk>/progress/", pages.progress_add, name="progress_add"),
]
