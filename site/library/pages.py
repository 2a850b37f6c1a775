"""The public library page: a filtered, paginated list of the documents the
visitor may see, and a detail page per document."""
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from .filters import DocumentFilter
from .privacy import collections_seen_by, is_private, visible_documents


class LibraryPageForm(WagtailAdminPageForm):
    """The collection to list is chosen among the collections the editor
    may see: the names of the others (« Espace · … ») are private. A page
    already set to one of those keeps it, without the field, for someone
    who may see it to change."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("collection")
        if field is None or self.for_user is None:
            return
        field.queryset = collections_seen_by(self.for_user)
        if self.instance.collection_id and not field.queryset.filter(pk=self.instance.collection_id).exists():
            del self.fields["collection"]


class LibraryPage(RoutablePageMixin, Page):
    """The document library: every document the visitor may see, filtered by
    kind of act, year, theme and free text."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    per_page = models.PositiveSmallIntegerField(_("documents per page"), default=20)
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=_("collection"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("List only the documents of this collection and its sub-collections (all if empty)."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("collection"), FieldPanel("per_page")]
    base_form_class = LibraryPageForm
    template = "library/library_page.html"
    subpage_types = []

    class Meta:
        verbose_name = _("document library")

    def documents_for(self, request):
        documents = visible_documents(request).select_related("collection").prefetch_related("themes")
        if self.collection_id:
            documents = documents.filter(collection__path__startswith=self.collection.path)
        return documents

    @re_path(r"^$")
    def index(self, request):
        filterset = DocumentFilter(request.GET or None, queryset=self.documents_for(request))
        paginator = Paginator(filterset.qs, self.per_page)
        page_obj = paginator.get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        return self.render(
            request,
            context_overrides={
                "filter": filterset,
                "documents": page_obj,
                "paginator": paginator,
                "query_string": query.urlencode(),
            },
        )

    @path("document/<int:document_id>/")
    def document_detail(self, request, document_id):
        document = self.documents_for(request).filter(pk=document_id).first()
        if document is None:
            raise Http404(_("No document here."))
        return TemplateResponse(
            request,
            "library/document_detail.html",
            {
                **self.get_context(request),
                "document": document,
                "is_private": is_private(document),
            },
        )

    def document_url(self, document):
        return self.url + self.reverse_subpage("document_detail", args=[document.pk])
