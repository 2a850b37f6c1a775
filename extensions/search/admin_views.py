"""Two reports in the Wagtail admin: the documents whose text could not be
extracted (with the reason), for the staff who manage documents; and the
most searched queries, for the staff who pin search results (Wagtail's own
report is for superusers only), who alone may also open Wagtail's query
chooser."""
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions import views as promotion_views
from wagtail.contrib.search_promotions.views.reports import SearchTermsReportView
from wagtail.documents import get_document_model
from wagtail.permissions import policy_registry

from library.models import ExtractionStatus

PROMOTION_PERMISSIONS = [
    "wagtailsearchpromotions.add_searchpromotion",
    "wagtailsearchpromotions.change_searchpromotion",
    "wagtailsearchpromotions.add_query",
]


def document_policy():
    return policy_registry.get_by_type(get_document_model())


def can_see_extraction_report(user):
    return document_policy().user_has_any_permission(user, ["add", "change"])


def can_see_search_terms(user):
    return user.is_superuser or any(user.has_perm(permission) for permission in PROMOTION_PERMISSIONS)


def query_chooser(request, get_results=False):
    """Wagtail's query chooser lists the most searched words to anyone who
    reaches the admin (Jury, Agents...): only those who may see the search
    terms report may open it."""
    if not can_see_search_terms(request.user):
        return permission_denied(request)
    return promotion_views.chooser(request, get_results=get_results)


class ExtractionFailuresView(ReportView):
    page_title = _("Text extraction")
    header_icon = "doc-full"
    index_url_name = "parvis_search:extraction_failures"
    index_results_url_name = "parvis_search:extraction_failures_results"
    columns = [
        TitleColumn("title", label=_("Document"),
                    get_url=lambda doc: reverse("wagtaildocs:edit", args=[doc.pk])),
        Column("extraction_error", label=_("Reason")),
        Column("filename", label=_("File")),
        DateColumn("extracted_at", label=_("Attempted")),
    ]
    list_export = ["title", "extraction_error", "filename", "extracted_at"]

    def get_queryset(self):
        documents = document_policy().instances_user_has_any_permission_for(self.request.user, ["add", "change"])
        return documents.filter(extraction_status=ExtractionStatus.FAILED).order_by("-extracted_at")

    def dispatch(self, request, *args, **kwargs):
        if not can_see_extraction_report(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class SearchTermsView(SearchTermsReportView):
    index_url_name = "parvis_search:search_terms"
    index_results_url_name = "parvis_search:search_terms_results"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_search_terms(request.user):
            return permission_denied(request)
        # Skips the parent's superuser-only check.
        return ReportView.dispatch(self, request, *args, **kwargs)
