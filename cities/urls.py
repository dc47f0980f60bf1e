"""Staff pages of a city's own records: the partner directory and commitments.

A partner's profile and the sister-city ties read engagements, so
``engagements.urls`` serves them.
"""

from django.urls import path

from cities.views import commitments, partners, site_admin

urlpatterns = [
    path("partners/", partners.partner_directory, name="partner_list"),
    path("partners/new/", partners.partner_create, name="partner_create"),
    path("partners/autocomplete/", partners.partner_autocomplete, name="partner_autocomplete"),
    path("partners/<int:pk>/edit/", partners.partner_edit, name="partner_edit"),
    path("partners/<int:pk>/people/add/", partners.person_add, name="person_add"),
    path("commitments/", commitments.commitment_list, name="commitment_list"),
    path("commitments/<int:pk>/", commitments.commitment_detail, name="commitment_detail"),
    path("commitments/<int:pk>/progress/", commitments.progress_add, name="progress_add"),
    # Site admins: the installation's cities and their staff, without the Django admin.
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
]
