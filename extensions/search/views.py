"""The search page and the autocomplete endpoint. Results depend on who
asks: never cached, never indexed by robots."""
import logging

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.contrib.search_promotions.models import Query
from wagtail.search.utils import normalise_query_string

from .engine import SERVER_ERRORS, Search, suggestions
from .forms import MAX_QUERY_LENGTH, SearchForm
from .searchables import visible_pages

logger = logging.getLogger(__name__)
PER_PAGE = 10


@never_cache
def search_page(request):
    form = SearchForm(request.GET or None)
    context = {"form": form, "query": ""}
    status = 200
    if form.is_bound and form.is_valid() and form.cleaned_data["q"].strip():
        try:
            context.update(run(request, form))
        except SERVER_ERRORS:
            logger.exception("Search server unavailable")
            context["unavailable"] = True
            status = 503
    response = TemplateResponse(request, "search/search_page.html", context, status=status)
    response["X-Robots-Tag"] = "noindex"
    return response


def run(request, form):
    params = form.params()
    search = Search(request, params)
    paginator = Paginator(search.merged(), PER_PAGE)
    page_obj = paginator.get_page(form.cleaned_data["page"] or 1)
    first_page = page_obj.number == 1
    if first_page and is_public_query(request, paginator.count):
        # What the "Search terms" report counts.
        Query.get(params.query).add_hit()
    facets = search.facets()
    for group in facets:
        for value in group.values:
            value.url = facet_url(request.GET, group.name, value.value, value.active)
    return {
        "query": params.query,
        "params": params,
        "page_obj": page_obj,
        "results": search.present(page_obj.object_list),
        "total": paginator.count,
        "total_is_exact": paginator.object_list.count_is_exact,
        "facets": facets,
        "promotions": pinned_results(request, params.query) if first_page else [],
    }


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


def pinned_results(request, query):
    """The results staff pinned for this query (Wagtail's search
    promotions), minus pages `request` may not see."""
    pinned = Query.objects.filter(query_string=normalise_query_string(query)).first()
    if pinned is None:
        return []
    picks = list(pinned.editors_picks.select_related("page"))
    page_ids = [pick.page_id for pick in picks if pick.page_id]
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
