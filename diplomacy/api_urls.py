"""The REST API (``/api/v1/``), its OpenAPI schema and interactive docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from cities.api import views as city_api
from engagements.api import views as engagement_api

router = DefaultRouter()
router.register("cities", city_api.ParticipatingCityViewSet, basename="participating-city")
router.register("world-cities", city_api.WorldCityViewSet, basename="world-city")
router.register("partners", city_api.PartnerViewSet, basename="partner")
router.register("people", city_api.PersonViewSet, basename="person")
router.register("engagements", engagement_api.EngagementViewSet, basename="engagement")
router.register("delegations", engagement_api.DelegationViewSet, basename="delegation")
router.register(
    "delegation-members", engagement_api.DelegationMemberViewSet, basename="delegation-member"
)
router.register("itinerary-items", engagement_api.ItineraryItemViewSet, basename="itinerary-item")
router.register("follow-ups", engagement_api.FollowUpViewSet, basename="follow-up")
router.register("sister-city-ties", city_api.SisterCityTieViewSet, basename="sister-city-tie")
router.register("commitments", city_api.CommitmentViewSet, basename="commitment")
router.register("networks", city_api.CityNetworkViewSet, basename="network")
router.register(
    "network-memberships", city_api.NetworkMembershipViewSet, basename="network-membership"
)
router.register("sdg/goals", city_api.SdgGoalViewSet, basename="sdg-goal")
router.register("sdg/targets", city_api.SdgTargetViewSet, basename="sdg-target")
router.register("reports", engagement_api.CityReportViewSet, basename="report")
router.register("progress-entries", city_api.ProgressEntryViewSet, basename="progress-entry")
router.register("gifts", engagement_api.GiftViewSet, basename="gift")
router.register("staff", city_api.StaffViewSet, basename="staff")

app_name = "api"
urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view loads its start-up script from a URL: no inline <script> under the CSP.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
