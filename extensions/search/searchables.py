"""The searchable types of the foundation: the site's pages and the library's
documents, each with what a request may see of them."""
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.models import Page

from library.privacy import visible_documents
from pages.privacy import visible_site_pages
from pages.sites import first_live

from .registry import Facet, Result, SearchableType, indexed_text, register, searchable_types


def other_page_models():
    """Page models that another searchable type covers (meetings...)."""
    return [t.model for t in searchable_types() if t.key != "pages" and issubclass(t.model, Page)]


def visible_pages(request):
    """Live pages of the current site that `request` may see."""
    pages = visible_site_pages(request, Page.objects.filter(depth__gt=1))
    others = other_page_models()
    return pages.not_type(*others) if others else pages


def specific_pages(pages):
    """{pk: page in its specific form} for pages already read: one query per
    page type, none for the pages again."""
    by_model = {}
    for page in pages:
        by_model.setdefault(page.specific_class or Page, []).append(page.pk)
    return {page.pk: page for model, pks in by_model.items() for page in model._default_manager.filter(pk__in=pks)}


def present_pages(pages, request):
    specific = specific_pages(pages)
    results = []
    for page in pages:
        page = specific.get(page.pk, page)
        results.append(
            Result(
                obj=page,
                title=page.title,
                url=page.get_url(request) or "",
                type_label=str(page.specific_class._meta.verbose_name).capitalize(),
                date=date_that_matters(page),
                text=indexed_text(page),
            )
        )
    return results


def date_that_matters(page):
    """An event's start, a news item's date, else when it was first published."""
    return getattr(page, "start", None) or getattr(page, "date", None) or page.first_published_at


def library_page(request):
    from library.models import LibraryPage

    return first_live(LibraryPage, request)


def present_documents(documents, request):
    library = library_page(request)
    kinds = dict(get_document_model().Kind.choices)
    return [
        Result(
            obj=document,
            title=document.title,
            url=library.document_url(document) if library else document.url,
            type_label=str(kinds.get(document.kind, _("Document"))).capitalize(),
            date=document.act_date or document.created_at,
            details=[detail for detail in (document.reference, document.format_label) if detail],
            text=indexed_text(document),
        )
        for document in documents
    ]


register(
    SearchableType(
        key="pages",
        label=_("Pages"),
        model=Page,
        visible=visible_pages,
        present=present_pages,
        date_field="first_published_at",
        order=10,
    )
)

register(
    SearchableType(
        key="documents",
        label=_("Documents"),
        model=get_document_model(),
        visible=visible_documents,
        present=present_documents,
        date_field="act_date",
        facets={"kind": Facet("kind", labels=dict(get_document_model().Kind.choices))},
        order=20,
    )
)
