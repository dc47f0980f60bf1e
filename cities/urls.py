"""Staff pages of a city's own records: the partner directory and commitments.

A partner's profile and the sister-city ties read engagements, so
``engagements.urls`` serves them.
"""

from django.urls import path

from cities.views import commitments, partners, saved_views

urlpatterns = [
    path("partners/", partners.partner_directory, name="partner_list"),
    path("partners/new/", partners.partner_create, name="partner_create"),
    path("partners/autocomplete/", partners.partner_autocomplete, name="partner_autocomplete"),
    path("partners/<int:pk>/edit/", partners.partner_edit, name="partner_edit"),
    path("partners/<int:pk>/people/add/", partners.person_add, name="person_add"),
    path("commitments/", commitments.commitment_list, name="commitment_list"),
    path("commitments/<int:pk>/", commitments.commitment_detail, name="commitment_detail"),
    path("commitments/<int:pk>/progress/", commitments.progress_add, name="progress_add"),
    path("saved-views/", saved_views.saved_view_create, name="saved_view_create"),
    path("saved-views/<int:pk>/delete/", saved_views.saved_view_delete, name="saved_view_delete"),
]
