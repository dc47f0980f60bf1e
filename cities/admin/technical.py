"""The Django admin as superusers see it, and what everyone else does not.

The admin stays for superusers' technical work; staff manage cities and
their staff on the site-admin pages (``cities.views.site_admin``). Login
lockouts, scheduled tasks, API tokens and permission groups are shown to
superusers only.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Diplomacy Desk administration")
admin.site.site_title = _("Diplomacy Desk administration")
admin.site.index_title = _("Technical administration")

# Apps whose every model is technical: nobody but a superuser sees them.
TECHNICAL_APPS = ("axes", "django_celery_beat", "authtoken")
# Models of other apps that are just as technical (users stay: a superuser's page).
TECHNICAL_MODELS = (("auth", "group"), ("engagements", "cityreport"))


class SuperuserOnlyMixin:
    """An admin page that exists for superusers only."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request, *args, **kwargs):
        return request.user.is_superuser and super().has_add_permission(request, *args, **kwargs)

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


def _technical(model) -> bool:
    label = model._meta.app_label
    if (label, model._meta.model_name) in TECHNICAL_MODELS:
        return True
    return label in TECHNICAL_APPS


def restrict_technical_models(site=admin.site) -> None:
    """Re-register each technical model's page as superuser-only (called once
    every app's admin is loaded: ``CitiesConfig.ready``)."""
    for model, model_admin in list(site._registry.items()):
        if not _technical(model) or isinstance(model_admin, SuperuserOnlyMixin):
            continue
        base = type(model_admin)
        site.unregister(model)
        site.register(model, type(f"SuperuserOnly{base.__name__}", (SuperuserOnlyMixin, base), {}))
