from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import JavaScriptCatalog

from cities.views.health import healthz_live, healthz_ready
from cities.views.preferences import set_language
from transparency.views import public_profile_edit

urlpatterns = [
    # A city's landing page is its dashboard (figures, latest engagements, upcoming visits).
    path("", RedirectView.as_view(pattern_name="dashboard", query_string=True), name="home"),
    # Readiness (database, broker, cache); /healthz stays its name for existing monitors.
    path("healthz", healthz_ready, name="healthz"),
    path("healthz/ready", healthz_ready, name="healthz-ready"),
    path("healthz/live", healthz_live, name="healthz-live"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # An invited staff member chooses a password (Django's password-reset token).
    path(
        "password/set/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/set/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("admin/", admin.site.urls),
    # Staff workflow: engagements, delegations, follow-ups, partners, ties, commitments.
    path("", include("engagements.urls")),
    path("", include("cities.urls")),
    # Joint-mission coordination: a city's plans and those other cities share.
    path("missions/", include("missions.urls")),
    # The mayor's-office dashboard and its reports.
    path("dashboard/", include("engagements.dashboard.urls")),
    # Voluntary Local Reviews; the public pages and open data (no login).
    path("vlr/", include("reviews.urls")),
    path("public/", include("transparency.urls")),
    path("public-page/", public_profile_edit, name="public_profile_edit"),
    # Interop: REST API, imports, exports, calendar feeds, the user's profile.
    path("api/", include("diplomacy.api_urls")),
    path("", include("diplomacy.interop_urls")),
    # Visits: the public request form, triage, briefing packs, reminder choices.
    path("", include("visits.urls")),
    # The header's language switch: a signed-in user's choice is saved with them.
    path("i18n/setlang/", set_language, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    # The scripts' translations (gettext() in static/js), for public pages too: no login.
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
]
