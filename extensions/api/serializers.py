"""What the API shows of each object. Links are absolute; documents link to
the library's checking download view, never to a media file."""
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from wagtail.rich_text import expand_db_html

from extensions.commissions.models import Publication, Space
from extensions.deliberations.models import Deliberation
from extensions.meetings.models import Instance
from extensions.meetings.pages import AgendaItem, MeetingPage
from extensions.participation.models import ContestCategory, ContestPage, Entry
from library.models import ArchiveDocument
from pages.models import EventPage, NewsPage


def absolute(request, url):
    return request.build_absolute_uri(url) if url else ""


@extend_schema_field(OpenApiTypes.URI)
class PageUrlField(serializers.Field):
    """The page's full address on its own site."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        request = self.context["request"]
        return page.get_full_url(request) or ""


class SlugListField(serializers.ListField):
    """The slugs (or names) of a prefetched many-to-many relation."""

    def __init__(self, attribute="slug", **kwargs):
        self.attribute = attribute
        super().__init__(child=serializers.CharField(), read_only=True, **kwargs)

    def to_representation(self, manager):
        return [getattr(item, self.attribute) for item in manager.all()]


class NewsSerializer(serializers.ModelSerializer):
    url = PageUrlField()
    tags = SlugListField(attribute="name")
    themes = SlugListField()

    class Meta:
        model = NewsPage
        fields = ["id", "title", "url", "date", "intro", "tags", "themes", "last_published_at"]


class EventSerializer(serializers.ModelSerializer):
    url = PageUrlField()
    themes = SlugListField()

    class Meta:
        model = EventPage
        fields = ["id", "title", "url", "start", "end", "location_name", "address", "intro", "themes",
                  "last_published_at"]
        # Always in the answer, even when empty: the schema marks them required.
        read_only_fields = fields
        extra_kwargs = {moment: {"help_text": _("Europe/Paris time with its offset (ISO 8601).")}
                        for moment in ("start", "end")}


class AgendaSerializer(serializers.Serializer):
    """/donnees/agenda.json: the site's public events (open data)."""

    site = serializers.CharField(help_text=_("The name of the site whose agenda this is."))
    year = serializers.IntegerField(allow_null=True, help_text=_(
        "The year asked with ?annee=, or null: the events not over before the 1st of January of this year."))
    events = EventSerializer(many=True, help_text=_("Soonest first."))


class DocumentSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    themes = SlugListField()
    file_extension = serializers.CharField(read_only=True)
    download_url = serializers.SerializerMethodField(help_text=_("Served after the same permission check."))

    class Meta:
        model = ArchiveDocument
        fields = ["id", "title", "kind", "kind_label", "act_date", "reference", "summary", "themes",
                  "file_extension", "file_size", "download_url", "created_at"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_download_url(self, document):
        return absolute(self.context["request"], document.url)


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = ContestCategory
        fields = ["id", "name", "description", "min_age", "max_age"]


class ContestSerializer(serializers.ModelSerializer):
    url = PageUrlField()
    phase = serializers.CharField(read_only=True, help_text=_(
        "upcoming, submissions, vote, deliberation or results"))
    categories = CategorySerializer(many=True, read_only=True)

    class Meta:
        model = ContestPage
        fields = ["id", "title", "url", "organiser", "phase", "submissions_open", "submissions_close",
                  "vote_open", "vote_close", "results_date", "categories"]


class EntrySerializer(serializers.ModelSerializer):
    """An approved entry: its credit and licence, as the gallery shows them;
    the vote count only when the contest shows counts (else null)."""

    category = serializers.CharField(source="category.name", read_only=True)
    credit = serializers.CharField(read_only=True)
    licence = serializers.CharField(source="licence_text", read_only=True)
    photo_url = serializers.SerializerMethodField()
    votes = serializers.SerializerMethodField()

    class Meta:
        model = Entry
        fields = ["id", "contest", "category", "title", "description", "credit", "licence", "photo_url",
                  "votes", "width", "height"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_photo_url(self, entry):
        return absolute(self.context["request"], entry.photo_url())

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_votes(self, entry):
        return getattr(entry, "vote_count", None) if entry.contest.counts_visible() else None


class SpaceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Space
        fields = ["id", "name"]


class AttachmentSerializer(DocumentSerializer):
    class Meta(DocumentSerializer.Meta):
        fields = ["id", "title", "kind", "act_date", "reference", "file_extension", "download_url"]


class PublicationSerializer(serializers.ModelSerializer):
    space = SpaceSerializer(read_only=True)
    url = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()

    class Meta:
        model = Publication
        fields = ["id", "space", "title", "url", "published_at", "attachments"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, publication):
        request = self.context["request"]
        return absolute(request, publication.get_url(request))

    @extend_schema_field(AttachmentSerializer(many=True))
    def get_attachments(self, publication):
        documents = [attachment.document for attachment in publication.attachments.all()]
        return AttachmentSerializer(documents, many=True, context=self.context).data


class PublicationDetailSerializer(PublicationSerializer):
    body = serializers.SerializerMethodField()

    class Meta(PublicationSerializer.Meta):
        fields = PublicationSerializer.Meta.fields + ["body"]

    def get_body(self, publication) -> str:
        return expand_db_html(publication.body)


class InstanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Instance
        fields = ["id", "name", "kind"]


class AgendaItemSerializer(serializers.ModelSerializer):
    rapporteur = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = ["id", "title", "rapporteur"]

    def get_rapporteur(self, item) -> str:
        return item.rapporteur.get_full_name() if item.rapporteur else ""


class MeetingDocumentSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text=_("projet, annexe or rapport"))
    title = serializers.CharField()
    download_url = serializers.URLField()


class AgendaItemDetailSerializer(AgendaItemSerializer):
    """With its note de synthèse and documents, for members and staff only
    (extensions.meetings.access.can_see_documents): null otherwise."""

    note = serializers.SerializerMethodField()
    documents = serializers.SerializerMethodField()

    class Meta(AgendaItemSerializer.Meta):
        fields = AgendaItemSerializer.Meta.fields + ["note", "documents"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_note(self, item):
        return expand_db_html(item.note) if self.context["documents_visible"] else None

    @extend_schema_field(MeetingDocumentSerializer(many=True, allow_null=True))
    def get_documents(self, item):
        if not self.context["documents_visible"]:
            return None
        visible = self.context["visible_document_ids"]
        request = self.context["request"]
        return [
            {"kind": block.value["kind"], "title": block.value["document"].title,
             "download_url": absolute(request, block.value["document"].url)}
            for block in item.documents
            if block.value.get("document") is not None and block.value["document"].pk in visible
        ]


class MeetingSerializer(serializers.ModelSerializer):
    url = PageUrlField()
    instance = InstanceSerializer(read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    agenda_items = AgendaItemSerializer(many=True, read_only=True)

    class Meta:
        model = MeetingPage
        fields = ["id", "title", "url", "instance", "start", "end", "place", "address", "is_public", "state",
                  "state_label", "agenda_items"]


class MeetingDetailSerializer(MeetingSerializer):
    agenda_items = AgendaItemDetailSerializer(many=True, read_only=True)


class DeliberationSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True, help_text=_("Register number: year-number."))
    date = serializers.DateField(source="seance.day", read_only=True)
    meeting = serializers.IntegerField(source="seance.meeting_id", read_only=True)
    instance = InstanceSerializer(source="seance.meeting.instance", read_only=True)
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)
    url = serializers.SerializerMethodField(help_text=_("The published act, if it is online."))
    download_url = serializers.SerializerMethodField(help_text=_("The act's PDF, if it is online."))

    class Meta:
        model = Deliberation
        fields = ["id", "reference", "title", "date", "meeting", "instance", "matiere_code", "matiere_name",
                  "budget_year", "budget_name", "outcome", "outcome_label", "in_office", "voters", "pour",
                  "contre", "abstention", "url", "download_url"]

    def online_act(self, deliberation):
        act = getattr(deliberation, "act", None)
        return act if act is not None and act.live else None

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_url(self, deliberation):
        act = self.online_act(deliberation)
        return act.get_full_url(self.context["request"]) if act else None

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_download_url(self, deliberation):
        act = self.online_act(deliberation)
        return absolute(self.context["request"], act.document.url) if act else None


class SearchResultSerializer(serializers.Serializer):
    type = serializers.CharField()
    type_label = serializers.CharField()
    title = serializers.CharField()
    url = serializers.CharField()
    date = serializers.CharField(allow_null=True, help_text=_("ISO 8601 date or date-time."))
    details = serializers.ListField(child=serializers.CharField())
    excerpt = serializers.CharField(help_text=_("HTML: the matched words in <mark>."))


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    active = serializers.BooleanField()


class FacetSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    values = FacetValueSerializer(many=True)


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = SearchResultSerializer(many=True)
    facets = FacetSerializer(many=True)
