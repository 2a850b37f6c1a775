"""Admin URLs of the search app (under /admin/recherche/)."""
from django.urls import path

from .admin_views import ExtractionFailuresView, SearchTermsView

app_name = "parvis_search"

urlpatterns = [
    path("extraction/", ExtractionFailuresView.as_view(), name="extraction_failures"),
    path("extraction/results/", ExtractionFailuresView.as_view(results_only=True),
         name="extraction_failures_results"),
    path("termes/", SearchTermsView.as_view(), name="search_terms"),
    path("termes/results/", SearchTermsView.as_view(results_only=True), name="search_terms_results"),
]
