"""The API's endpoints: read-only lists and details of what the asking
person may see (anonymous: public data only), with filters, ordering,
pagination and conditional GET; the search runs the search page's engine.

Privacy is never decided here: pages go through pages.privacy, documents
through library.privacy, publications through commissions.access, and the
search through the search registry. What a person may not see answers 404,
exactly like an id that does not exist."""
import logging
import re

from django.core.paginator import Paginator
from django.db.models import Count, F, Prefetch
from django.http import Http404
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import conditional_page
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import status, viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.models import Site

from extensions.commissions.access import visible_publications
from extensions.commissions.models import Publication, PublicationAttachment
from extensions.deliberations.models import Deliberation
from extensions.deliberations.opendata import published_deliberations
from extensions.meetings.access import can_see_documents, visible_meetings
from extensions.meetings.pages import AgendaItem, MeetingPage
from extensions.participation.models import ContestPage, Entry
from extensions.search.engine import SERVER_ERRORS, Search
from extensions.search.forms import SearchForm
from library.models import ArchiveDocument
from library.privacy import visible_documents
from pages.models import EventPage, NewsPage
from pages.privacy import visible_site_pages

from . import filters, serializers

logger = logging.getLogger(__name__)
SEARCH_PER_PAGE = 10


class StrictOrderingFilter(OrderingFilter):
    """An unknown ordering is a bad parameter (400), not silently ignored."""

    def get_ordering(self, request, queryset, view):
        params = request.query_params.get(self.ordering_param)
        if params:
            allowed = {name for name, _label in self.get_valid_fields(queryset, view, {"request": request})}
            unknown = [term for term in params.split(",") if term.removeprefix("-") not in allowed]
            if unknown:
                raise ValidationError({self.ordering_param: [
                    _("Unknown ordering “%(value)s”; choose among: %(allowed)s.")
                    % {"value": unknown[0], "allowed": ", ".join(sorted(allowed))}
                ]})
        return super().get_ordering(request, queryset, view)

    def get_schema_operation_parameters(self, view):
        """The orderings the view allows, as an enum: one or several
        fields, comma separated, « - » first for the reverse order."""
        [parameter] = super().get_schema_operation_parameters(view)
        names = sorted(view.ordering_fields)
        parameter["schema"] = {"type": "array", "minItems": 1,
                               "items": {"type": "string", "enum": names + [f"-{n}" for n in names]}}
        parameter.update(style="form", explode=False)
        return [parameter]


def refuse_empty_parameters(request):
    """A parameter given without a value is a bad value (400 naming it),
    not a silent « no filter »: the schema asks for a value."""
    empty = [name for name, value in request.query_params.items() if value == ""]
    if empty:
        raise ValidationError({name: [_("Give a value, or leave this parameter out.")] for name in empty})


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """What every resource shares. Responses carry an ETag (a 304 answers a
    matching If-None-Match) and vary on who asks."""

    filter_backends = [DjangoFilterBackend, StrictOrderingFilter]
    # Any segment reaches the view, so that a malformed id is this API's
    # JSON 404 rather than the site's HTML page; ids the databases can hold.
    lookup_value_regex = r"[^/]+"
    lookup_pattern = re.compile(r"^[1-9][0-9]{0,17}$")

    @classmethod
    def as_view(cls, actions=None, **initkwargs):
        return conditional_page(super().as_view(actions, **initkwargs))

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        refuse_empty_parameters(request)

    def get_object(self):
        if not hasattr(self, "_object"):
            if not self.lookup_pattern.match(self.kwargs[self.lookup_field]):
                raise NotFound()
            try:
                self._object = super().get_object()
            except Http404:
                # DRF would repeat Django's message, which names the model.
                raise NotFound()
        return self._object

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ("Authorization", "Cookie"))
        if request.user.is_authenticated:
            # Never kept by a shared cache: it shows what this person may see.
            response["Cache-Control"] = "private, no-cache"
        return response


def described(text):
    """The description of a resource in the schema (docstrings are for the
    code; this is for the API's users, in French)."""
    return extend_schema_view(list=extend_schema(description=text), retrieve=extend_schema(description=text))


def site_pages(request, model):
    """Live pages of `model` on the requested site that the visitor may see."""
    return visible_site_pages(request, model.objects.all())


class PageViewSet(ReadOnlyViewSet):
    """Pages: Last-Modified is their last publication."""

    def retrieve(self, request, *args, **kwargs):
        page = self.get_object()
        response = Response(self.get_serializer(page).data)
        if page.last_published_at:
            response["Last-Modified"] = http_date(page.last_published_at.timestamp())
        return response


@described(gettext_lazy("News of the site, newest first (the site is the one of the address asked)."))
class NewsViewSet(PageViewSet):
    """News of this site, newest first."""

    queryset = NewsPage.objects.none()  # the model, for the schema

    serializer_class = serializers.NewsSerializer
    filterset_class = filters.NewsFilter
    ordering_fields = ["date", "title"]
    ordering = ["-date", "-pk"]

    def get_queryset(self):
        return site_pages(self.request, NewsPage).prefetch_related("tags", "themes")


@described(gettext_lazy("Events of the site's agenda, soonest first."))
class EventViewSet(PageViewSet):
    """Events of this site's public agenda, soonest first."""

    queryset = EventPage.objects.none()  # the model, for the schema

    serializer_class = serializers.EventSerializer
    filterset_class = filters.EventFilter
    ordering_fields = ["start", "end", "title"]
    ordering = ["start", "pk"]

    def get_queryset(self):
        return site_pages(self.request, EventPage).prefetch_related("themes")


@described(gettext_lazy(
    "Documents of the library: their metadata and a download link. The download checks the same permissions again."
))
class DocumentViewSet(ReadOnlyViewSet):
    """Documents of the library: metadata and a download link; the download
    itself checks the same permission again."""

    queryset = ArchiveDocument.objects.none()  # the model, for the schema

    serializer_class = serializers.DocumentSerializer
    filterset_class = filters.DocumentFilter
    ordering_fields = ["act_date", "title", "reference", "created_at"]
    ordering = ["-act_date", "-created_at", "-pk"]

    def get_queryset(self):
        return visible_documents(self.request, ArchiveDocument.objects.prefetch_related("themes"))


@described(gettext_lazy("Photo contests of the site, with their dates and categories."))
class ContestViewSet(PageViewSet):
    """Photo contests of this site."""

    queryset = ContestPage.objects.none()  # the model, for the schema

    serializer_class = serializers.ContestSerializer
    filterset_class = None
    ordering_fields = ["submissions_open", "results_date", "title"]
    ordering = ["-submissions_open", "-pk"]

    def get_queryset(self):
        return site_pages(self.request, ContestPage).prefetch_related("categories")


@described(gettext_lazy(
    "Approved entries of the contests, with the credit and licence their galleries show; the number of votes "
    "when the contest shows it (otherwise null)."
))
class EntryViewSet(ReadOnlyViewSet):
    """Approved entries of the contests above, as their galleries show them."""

    queryset = Entry.objects.none()  # the model, for the schema

    serializer_class = serializers.EntrySerializer
    filterset_class = filters.EntryFilter
    ordering_fields = ["submitted_at", "title"]
    ordering = ["contest", "gallery_order", "pk"]

    def get_queryset(self):
        contests = site_pages(self.request, ContestPage)
        return (
            Entry.objects.filter(status=Entry.Status.APPROVED, contest__in=contests)
            .select_related("contest", "category")
            .annotate(vote_count=Count("votes"))
        )


@described(gettext_lazy(
    "Publications of the private spaces you belong to. Anonymous clients and non-members get an empty list, "
    "and 404 for any publication."
))
class PublicationViewSet(ReadOnlyViewSet):
    """Publications of the private spaces the person belongs to (all of them
    for a superuser); nobody else learns that they exist."""

    queryset = Publication.objects.none()  # the model, for the schema

    filterset_class = filters.PublicationFilter
    ordering_fields = ["published_at", "title"]
    ordering = ["-published_at", "-pk"]

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.PublicationDetailSerializer
        return serializers.PublicationSerializer

    def get_queryset(self):
        attachments = PublicationAttachment.objects.filter(
            document__in=visible_documents(self.request)
        ).select_related("document").order_by("sort_order")
        return visible_publications(self.request.user).select_related("space__page").prefetch_related(
            Prefetch("attachments", queryset=attachments)
        )


def site_root_path(request):
    site = Site.find_for_request(request)
    return site.root_page.path if site is not None else ""


@described(gettext_lazy(
    "Meetings of the site's instances with their ordre du jour: public meetings once convened, and the "
    "private ones of the instances you belong to. Notes and documents of the items only in the detail, for "
    "the members and the staff."
))
class MeetingViewSet(PageViewSet):
    """Meetings, as extensions.meetings.access lets the person see them."""

    queryset = MeetingPage.objects.none()  # the model, for the schema
    filterset_class = filters.MeetingFilter
    ordering_fields = ["start", "title"]
    ordering = ["start", "pk"]

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.MeetingDetailSerializer
        return serializers.MeetingSerializer

    def get_queryset(self):
        items = AgendaItem.objects.select_related("rapporteur").order_by("sort_order", "pk")
        return visible_meetings(self.request.user).filter(path__startswith=site_root_path(self.request)) \
            .select_related("instance").prefetch_related(Prefetch("agenda_items", queryset=items))

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action == "retrieve":
            meeting = self.get_object()
            context["documents_visible"] = can_see_documents(self.request.user, meeting)
            ids = [document.pk for _item, _kind, document in meeting.documents()]
            context["visible_document_ids"] = set(
                visible_documents(self.request).filter(pk__in=ids).values_list("pk", flat=True)
            )
        return context


@described(gettext_lazy(
    "Deliberations whose act is online (for the staff who hold séances: every voted deliberation), "
    "with their subject in the ACTES nomenclature and their votes."
))
class DeliberationViewSet(ReadOnlyViewSet):
    """Deliberations, as extensions.deliberations.opendata lets the person
    see them."""

    queryset = Deliberation.objects.none()  # the model, for the schema
    serializer_class = serializers.DeliberationSerializer
    filterset_class = filters.DeliberationFilter
    ordering_fields = ["date", "title"]
    ordering = ["year", "number_in_year", "pk"]

    def get_queryset(self):
        return (
            published_deliberations(self.request.user)
            .filter(seance__meeting__path__startswith=site_root_path(self.request))
            .select_related("seance__meeting__instance", "act__document")
            .annotate(date=F("seance__meeting__start"))
        )


def search_parameters():
    """The search form's fields with their bounds: the text (something
    other than spaces, no NUL), the choices, whole numbers within range."""
    form = SearchForm()

    def bounded(name):
        field = form.fields[name]
        return OpenApiParameter(name, {"type": "integer", "minimum": field.min_value, "maximum": field.max_value})

    text = {"type": "string", "maxLength": form.fields["q"].max_length, "pattern": "^[^\\x00]*[^\\s\\x00][^\\x00]*$"}
    return [
        OpenApiParameter("q", text, required=True, description=_("What to look for.")),
        OpenApiParameter("type", str, enum=[key for key, _label in form.fields["type"].choices if key]),
        bounded("year"),
        OpenApiParameter("kind", str, enum=[key for key, _label in form.fields["kind"].choices if key]),
        bounded("space"),
        OpenApiParameter("sort", str, enum=["relevance", "date"]),
        bounded("page"),
    ]


class SearchView(APIView):
    """The search of /recherche/ (same engine, same permission filter), as
    JSON: results, counts and facets of what the person may see."""

    @extend_schema(
        description=gettext_lazy("The site's search: the same results, counts and facets as the search page, "
                                 "limited to what you may see. 10 results per page, 50 pages at most."),
        parameters=search_parameters(), responses=serializers.SearchResponseSerializer,
    )
    def get(self, request):
        refuse_empty_parameters(request)
        form = SearchForm(request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors)
        if not form.cleaned_data["q"].strip():
            raise ValidationError({"q": [_("Say what you are looking for.")]})
        try:
            return Response(search_response(request, form))
        except SERVER_ERRORS:
            logger.exception("Search server unavailable")
            return Response({"detail": _("Search is unavailable for the moment.")},
                            status=status.HTTP_503_SERVICE_UNAVAILABLE)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "private, no-cache"
        return response


def search_response(request, form):
    search = Search(request, form.params())
    paginator = Paginator(search.merged(), SEARCH_PER_PAGE)
    page_obj = paginator.get_page(form.cleaned_data["page"] or 1)
    hits = list(page_obj.object_list)
    results = [
        {
            "type": type_key,
            "type_label": result.type_label,
            "title": result.title,
            "url": request.build_absolute_uri(result.url) if result.url else "",
            "date": result.date.isoformat() if result.date else None,
            "details": [str(detail) for detail in result.details],
            "excerpt": str(result.excerpt),
        }
        for type_key, result in typed_results(hits, search.present(hits))
    ]
    facets = [
        {"name": group.name, "label": group.label,
         "values": [{"value": str(v.value), "label": v.label, "count": v.count, "active": v.active}
                    for v in group.values]}
        for group in search.facets()
    ]
    return {"count": paginator.count, "page": page_obj.number, "pages": paginator.num_pages,
            "results": results, "facets": facets}


def typed_results(hits, results):
    """(type key, result) pairs: results come in the hits' order, less the
    hits that could not be shown."""
    remaining = iter(hits)
    for result in results:
        for search_type, obj in remaining:
            if isinstance(result.obj, search_type.model) and result.obj.pk == obj.pk:
                yield search_type.key, result
                break
