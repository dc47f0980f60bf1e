"""Staff pages of a city's own records: the partner directory, commitments, the trash.

A partner's profile and the sister-city ties read engagements, so
``engagements.urls`` serves them.
"""

from django.urls import path

from cities.views import commitments, partners, trash

urlpatterns = [
    path("partners/", partners.partner_directory, name="partner_list"),
    path("partners/new/", partners.partner_create, name="partner_create"),
    path("partners/autocomplete/", partners.partner_autocomplete, name="partner_autocomplete"),
    path("partners/<int:pk>/edit/", partners.partner_edit, name="partner_edit"),
    path("partners/<int:pk>/delete/", partners.partner_delete, name="partner_delete"),
    path("partners/<int:pk>/people/add/", partners.person_add, name="person_add"),
    path("commitments/", commitments.commitment_list, name="commitment_list"),
    path("commitments/<int:pk>/", commitments.commitment_detail, name="commitment_detail"),
    path("commitments/<int:pk>/progress/", commitments.progress_add, name="progress_add"),
    path("trash/", trash.trash_list, name="trash_list"),
    path("trash/<int:pk>/restore/", trash.trash_restore, name="trash_restore"),
    path("trash/<int:pk>/purge/", trash.trash_purge, name="trash_purge"),
]
