"""Staff pages of a city's own records: the partner directory and its people,
commitments and their progress, network memberships, the pages that add,
edit and end sister-city ties, saved views, the trash, and the site admin's
pages of cities and staff.

A partner's profile and the sister-city tie list and detail read engagements,
so ``engagements.urls`` serves them.
"""

from django.urls import path
from django.views.generic import RedirectView

from cities.views import commitments, networks, partners, saved_views, site_admin, ties, trash

urlpatterns = [
    path("partners/", partners.partner_directory, name="partner_list"),
    path("partners/new/", partners.partner_create, name="partner_create"),
    path("partners/autocomplete/", partners.partner_autocomplete, name="partner_autocomplete"),
    path("partners/options/", partners.partner_filter_options, name="partner_filter_options"),
    path("partners/<int:pk>/edit/", partners.partner_edit, name="partner_edit"),
    path("partners/<int:pk>/delete/", partners.partner_delete, name="partner_delete"),
    path("partners/<int:pk>/people/add/", partners.person_add, name="person_add"),
    path("people/<int:pk>/edit/", partners.person_edit, name="person_edit"),
    path("people/<int:pk>/delete/", partners.person_delete, name="person_delete"),
    path("commitments/", commitments.commitment_list, name="commitment_list"),
    path("commitments/new/", commitments.commitment_create, name="commitment_create"),
    path("commitments/<int:pk>/", commitments.commitment_detail, name="commitment_detail"),
    path("commitments/<int:pk>/edit/", commitments.commitment_edit, name="commitment_edit"),
    path("commitments/<int:pk>/progress/", commitments.progress_add, name="progress_add"),
    path("saved-views/", saved_views.saved_view_create, name="saved_view_create"),
    path("saved-views/<int:pk>/delete/", saved_views.saved_view_delete, name="saved_view_delete"),
    path(
        "commitments/<int:pk>/progress/<int:entry_pk>/edit/",
        commitments.progress_edit,
        name="progress_edit",
    ),
    path(
        "commitments/<int:pk>/progress/<int:entry_pk>/delete/",
        commitments.progress_delete,
        name="progress_delete",
    ),
    path("ties/new/", ties.tie_create, name="tie_create"),
    path("ties/city-matches/", ties.tie_city_matches, name="tie_city_matches"),
    path("ties/<int:pk>/edit/", ties.tie_edit, name="tie_edit"),
    path("ties/<int:pk>/end/", ties.tie_end, name="tie_end"),
    path("networks/", networks.membership_list, name="membership_list"),
    path("networks/new/", networks.membership_create, name="membership_create"),
    path("networks/<int:pk>/edit/", networks.membership_edit, name="membership_edit"),
    path("networks/<int:pk>/end/", networks.membership_end, name="membership_end"),
    # Site admins: the installation's cities and their staff, without the Django admin.
    path("site-admin/", RedirectView.as_view(pattern_name="site_admin_city_list")),
    path("site-admin/cities/", site_admin.city_list, name="site_admin_city_list"),
    path("site-admin/cities/new/", site_admin.city_create, name="site_admin_city_create"),
    path("site-admin/cities/<slug:slug>/edit/", site_admin.city_edit, name="site_admin_city_edit"),
    path("site-admin/staff/", site_admin.staff_list, name="site_admin_staff_list"),
    path("site-admin/staff/invite/", site_admin.staff_invite, name="site_admin_staff_invite"),
    path("site-admin/staff/<int:pk>/edit/", site_admin.staff_edit, name="site_admin_staff_edit"),
    path(
        "site-admin/staff/<int:pk>/deactivate/",
        site_admin.staff_deactivate,
        name="site_admin_staff_deactivate",
    ),
    path(
        "site-admin/staff/<int:pk>/reactivate/",
        site_admin.staff_reactivate,
        name="site_admin_staff_reactivate",
    ),
    path("trash/", trash.trash_list, name="trash_list"),
    path("trash/<int:pk>/restore/", trash.trash_restore, name="trash_restore"),
    path("trash/<int:pk>/purge/", trash.trash_purge, name="trash_purge"),
]
