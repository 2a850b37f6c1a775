"""/api/v1/: the resources, the search, the OpenAPI schema and its
documentation page."""
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import docs, elections, views

app_name = "api"


class Router(DefaultRouter):
    # One address per resource: no `.json` variants to document and test.
    include_format_suffixes = False


router = Router()
router.register("news", views.NewsViewSet, basename="news")
router.register("events", views.EventViewSet, basename="events")
router.register("documents", views.DocumentViewSet, basename="documents")
router.register("contests", views.ContestViewSet, basename="contests")
router.register("contest-entries", views.EntryViewSet, basename="contest-entries")
router.register("publications", views.PublicationViewSet, basename="publications")
router.register("meetings", views.MeetingViewSet, basename="meetings")
router.register("deliberations", views.DeliberationViewSet, basename="deliberations")
router.register("elections", elections.ScrutinViewSet, basename="elections")

urlpatterns = [
    path("", include(router.urls)),
    path("search/", views.SearchView.as_view(), name="search"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.DocsView.as_view(url_name="api:schema"), name="docs"),
]
