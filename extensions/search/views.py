"""The search page and the autocomplete endpoint. Results depend on who
asks: never cached, never indexed by robots."""
import logging

from dataclasses import replace

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Site
from wagtail.search.utils import normalise_query_string

from .engine import SERVER_ERRORS, Search, suggestions
from .forms import MAX_QUERY_LENGTH, SearchForm
from .searchables import visible_pages
from .tasks import record_search

logger = logging.getLogger(__name__)
PER_PAGE = 10


class SearchPageResponse(TemplateResponse):
    """The search page, whose query is recorded (`record`, or None) once the
    page has been sent: the server calls close() then, so the visitor does
    not wait for the task to be queued."""

    record = None

    def close(self):
        super().close()
        if self.record:
            record_search.enqueue(self.record)


@never_cache
def search_page(request):
    form = SearchForm(request.GET or None)
    context = {"form": form, "query": ""}
    status = 200
    record = None
    if form.is_bound and form.is_valid() and form.cleaned_data["q"].strip():
        try:
            context.update(run(request, form))
            if context.pop("record"):
                record = context["query"]
        except SERVER_ERRORS:
            logger.exception("Search server unavailable")
            context["unavailable"] = True
            status = 503
    response = SearchPageResponse(request, "search/search_page.html", context, status=status)
    response.record = record
    response["X-Robots-Tag"] = "noindex"
    return response


def run(request, form):
    """The page's context: one read session (one transaction on PostgreSQL)
    for the whole search, the correction's included."""
    search = Search(request, form.params())
    with search.session():
        paginator = Paginator(search.merged(), PER_PAGE)
        original = None
        if paginator.count == 0:
            search, original = forgiven(search), search.params.query
            paginator = Paginator(search.merged(), PER_PAGE)
        params = search.params
        page_obj = paginator.get_page(form.cleaned_data["page"] or 1)
        first_page = page_obj.number == 1
        facets = search.facets()
        for group in facets:
            for value in group.values:
                value.url = facet_url(request.GET, group.name, value.value, value.active)
        site = Site.find_for_request(request)
        return {
            "query": params.query,
            "params": params,
            "page_obj": page_obj,
            "results": search.present(page_obj.object_list),
            "total": paginator.count,
            "total_is_exact": paginator.object_list.count_is_exact,
            "facets": facets,
            "promotions": pinned_results(request, params.query) if first_page else [],
            "original_query": original if original != params.query else None,
            "correction_link": replaced(request.GET, "q", params.query),
            "sorts": sort_links(request.GET, params.sort),
            "site_name": (site.site_name or site.root_page.title) if site else "",
            # What the "Search terms" report counts.
            "record": first_page and is_public_query(request, paginator.count),
        }


def forgiven(search):
    """For a search that found nothing: the search for its words corrected
    (by the backend's suggester or the index's vocabulary) when that finds
    what the visitor may see (so no correction ever names a word of hidden
    content), else the same search made typo-tolerant where the backend can
    (the search servers' fuzzy matching, over what the visitor may see),
    else itself."""
    correction = search.correction()
    if correction is not None:
        other = Search(search.request, replace(search.params, query=correction), search.backend)
        if other.merged().count():
            return other
    tolerant = search.tolerant()
    return tolerant if tolerant is not None and tolerant.merged().count() else search


def is_public_query(request, total):
    """Only what a visitor signed out searched and found is recorded: the
    report and the query chooser show the words to staff, and a signed-in
    person's words (an élu's, a member's of a space) or a search that
    finds nothing public (a guessed name) are nobody else's business."""
    return not request.user.is_authenticated and total > 0


def facet_url(query, name, value, active):
    """The current search with this facet value selected (or removed)."""
    params = query.copy()
    params.pop("page", None)
    if active:
        params.pop(name, None)
    else:
        params[name] = value
    return "?" + params.urlencode()


def replaced(query, name, value):
    """The query string with one parameter changed, from the first page."""
    params = query.copy()
    params.pop("page", None)
    params[name] = value
    return params.urlencode()


def sort_links(query, current):
    return [
        {"label": label, "url": "?" + replaced(query, "sort", value), "active": value == current}
        for value, label in SearchForm.base_fields["sort"].choices
    ]


def pinned_results(request, query):
    """The results staff pinned for this query (Wagtail's search
    promotions), minus pages `request` may not see: one query when none is
    pinned (most searches)."""
    picks = list(
        SearchPromotion.objects.filter(query__query_string=normalise_query_string(query))
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    page_ids = [pick.page_id for pick in picks if pick.page_id]
    if not page_ids:
        return picks
    visible = set(visible_pages(request).filter(pk__in=page_ids).values_list("pk", flat=True))
    return [pick for pick in picks if pick.page_id is None or pick.page_id in visible]


@never_cache
def autocomplete(request):
    query = request.GET.get("q", "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        return JsonResponse({"error": _("The search is too long.")}, status=400)
    if len(query) < 2:
        return JsonResponse({"query": query, "results": []})
    try:
        results = suggestions(request, query)
    except SERVER_ERRORS:
        logger.exception("Search server unavailable")
        return JsonResponse({"error": _("Search is unavailable for the moment.")}, status=503)
    return JsonResponse({"query": query, "results": results})
