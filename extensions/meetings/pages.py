"""The meeting pages: an index (the instance's calendar of séances) and
one page per meeting with its ordre du jour. A meeting page is public only
once a public meeting is convened; until then, and always for a private
meeting, only the people access.py names may see it, on every route."""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from pages.roles import AGENTS

NOTE_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]


class WithoutModeration:
    """Meetings are not under the moderation workflow: a meeting is made
    public by being convened (access.py), never by a moderator's approval,
    and the agents who prepare it publish each version of their work
    (still behind its view restriction). Wagtail asks `has_workflow` (on
    the page, and on the parent when a page is created there) and
    `get_workflow`: both say no, for the index and its meetings."""

    @property
    def has_workflow(self):
        return False

    def get_workflow(self):
        return None


class MeetingIndexPage(WithoutModeration, Page):
    """Where meeting pages live (e.g. /seances/): lists the meetings the
    visitor may see, upcoming first. A section of its site, edited by the
    Agents (pages/roles.py): never below an editorial page, whose editors
    would then reach the meetings."""

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["meetings.MeetingPage"]
    max_count_per_parent = 1
    section_editors = AGENTS

    class Meta:
        verbose_name = _("meetings")

    def get_context(self, request, *args, **kwargs):
        from .access import visible_meetings

        context = super().get_context(request, *args, **kwargs)
        meetings = visible_meetings(request.user).child_of(self).select_related("instance")
        now = timezone.now()
        context["upcoming"] = meetings.filter(start__gte=now).order_by("start")
        context["past"] = meetings.filter(start__lt=now).order_by("-start")[:20]
        return context


DOCUMENT_KINDS = [("projet", _("draft deliberation")), ("annexe", _("annex")), ("rapport", _("report"))]


class AttachedDocumentBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=DOCUMENT_KINDS, default="projet", label=_("kind"))
    document = DocumentChooserBlock(label=_("document"))

    class Meta:
        icon = "doc-full"
        label = _("document")


class MeetingPageForm(WagtailAdminPageForm):
    """The page editor's form: the documents of each SUBMITTED item must be
    in the instance's collections (documents.py); anywhere else, people
    outside the instance, or anyone before the convocation, could read
    them in the library. The error goes on the item's documents field and
    only what is submitted is checked, so a bad stored draft never locks
    the page: removing the document and saving again is enough."""

    def clean(self):
        data = super().clean()
        instance = data.get("instance")
        if instance is not None:
            from .documents import misplaced_documents

            for form in self.formsets["agenda_items"].forms:
                if form.is_valid() and not form.cleaned_data.get("DELETE"):
                    documents = [block.value["document"] for block in form.cleaned_data.get("documents") or []
                                 if block.value.get("document") is not None]
                    strays = misplaced_documents(instance, documents)
                    if strays:
                        form.add_error("documents", misplaced_message(instance, strays))
        return data


def misplaced_message(instance, strays):
    return _("These documents must be in the collection « %(collection)s » (or its « En préparation »): "
             "%(documents)s.") % {"collection": instance.name, "documents": ", ".join(d.title for d in strays)}


class MeetingPage(WithoutModeration, RoutablePageMixin, Page):
    """One meeting of an instance: when and where, public or not, its
    ordre du jour, and the state of its convocation:
    préparation → prête (recipient list locked) → convoquée → séance
    ouverte (no more convocations) → close; annulée from any state before
    the séance. Transitions go through workflow.py only."""

    class State(models.TextChoices):
        PREPARATION = "preparation", _("in preparation")
        READY = "ready", _("ready (recipients locked)")
        CONVOKED = "convoked", _("convened")
        OPEN = "open", _("séance open")
        CLOSED = "closed", _("closed")
        CANCELLED = "cancelled", _("cancelled")

    instance = models.ForeignKey(
        "meetings.Instance", on_delete=models.PROTECT, related_name="meetings", verbose_name=_("instance")
    )
    start = models.DateTimeField(_("date and hour"))
    end = models.DateTimeField(_("expected end"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    is_public = models.BooleanField(
        _("public meeting"), default=True,
        help_text=_("Public meetings appear in the agenda with their ordre du jour once convened."),
    )
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.PREPARATION,
                             editable=False)
    urgency = models.BooleanField(_("urgency"), default=False)
    urgency_reason = models.TextField(_("reason for the urgency"), blank=True)
    first_after_renewal = models.BooleanField(
        _("first meeting after a general renewal"), default=False,
        help_text=_("The first meeting since the renewal date of the instance: three clear days from 3,500 "
                    "inhabitants (L2121-7); never for an EPCI council."),
    )
    reconvocation_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("new convocation after a failed quorum of"),
        help_text=_("An earlier meeting of the same instance where the quorum was not reached, with the same "
                    "ordre du jour: three clear days at least, even in urgency; no quorum needed (L2121-17)."),
    )
    intro = RichTextField(_("introduction"), blank=True, features=NOTE_FEATURES)

    content_panels = Page.content_panels + [
        FieldPanel("instance"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("start"), FieldPanel("end")]), FieldPanel("place"), FieldPanel("address"),
             FieldPanel("is_public")],
            heading=_("When and where"),
        ),
        MultiFieldPanel(
            [FieldPanel("urgency"), FieldPanel("urgency_reason"), FieldPanel("first_after_renewal"),
             FieldPanel("reconvocation_of")],
            heading=_("Circumstances of the convocation"),
        ),
        FieldPanel("intro"),
        InlinePanel("agenda_items", heading=_("Ordre du jour"), label=_("item")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("place"),
        # Titles only: the notes de synthèse are for the members, and the
        # index of a public meeting is public (issue 13).
        index.RelatedFields("agenda_items", [index.SearchField("title")]),
        index.FilterField("instance"),
        index.FilterField("is_public"),
        index.FilterField("state"),
        index.FilterField("start"),
    ]
    parent_page_types = ["meetings.MeetingIndexPage"]
    subpage_types = []
    base_form_class = MeetingPageForm

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def clean(self):
        """What the meeting claims about itself must hold
        (workflow.circumstance_errors): a new convocation after a failed
        quorum of an earlier meeting of the same instance (L2121-17), the
        first meeting after the instance's renewal (L2121-7); the ordre du
        jour's part of it is checked at sending. Documents are checked on
        the submitted form (MeetingPageForm), never on the stored draft, so
        a bad draft cannot lock the page."""
        super().clean()
        if not self.instance_id:
            return
        from .workflow import circumstance_errors

        errors = circumstance_errors(self)
        if errors:
            raise ValidationError(errors)

    def with_content_json(self, content):
        """A revision never carries the state back: publishing an older
        draft must not undo a sending (the state moves in workflow.py only)."""
        page = super().with_content_json(content)
        page.state = self.state
        return page

    def get_sitemap_urls(self, request=None):
        from .access import is_publicly_visible

        return super().get_sitemap_urls(request) if is_publicly_visible(self) else []

    @property
    def local_start(self):
        return timezone.localtime(self.start)

    def documents(self):
        """(item, kind, document) for each document of the ordre du jour, in order."""
        return [
            (item, block.value["kind"], block.value["document"])
            for item in self.agenda_items.all()
            for block in item.documents
            if block.value.get("document") is not None
        ]

    def document_ids(self):
        """The ids of the documents of the ordre du jour, read from the
        stored stream data (no document query)."""
        return {
            block["value"].get("document")
            for item in self.agenda_items.all()
            for block in item.documents.raw_data
            if block["value"].get("document")
        }

    def check_access(self, request):
        from .access import can_see_meeting

        if not can_see_meeting(request.user, self):
            raise Http404

    @path("")
    def home(self, request):
        from . import member_views

        self.check_access(request)
        return member_views.meeting(request, self)

    @path("documents/<int:document_id>/")
    def document(self, request, document_id):
        from . import member_views

        self.check_access(request)
        return member_views.document(request, self, document_id)

    @path("documents/<int:document_id>/pdf/")
    def document_pdf(self, request, document_id):
        """The PDF made from an ODT or DOCX document, for reading on a phone."""
        from . import member_views

        self.check_access(request)
        return member_views.document(request, self, document_id, as_pdf=True)

    @path("ical/")
    def ics(self, request):
        from . import member_views

        self.check_access(request)
        return member_views.meeting_ics(request, self)


class AgendaItem(Orderable):
    """An item of the ordre du jour: no item absent from it may be voted
    (L2121-10). Its note de synthèse is required from 3,500 inhabitants and
    in EPCI (rules.needs_note_de_synthese)."""

    page = ParentalKey(MeetingPage, on_delete=models.CASCADE, related_name="agenda_items")
    title = models.CharField(_("title"), max_length=300)
    rapporteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("rapporteur"),
    )
    note = RichTextField(_("note de synthèse"), blank=True, features=NOTE_FEATURES)
    installation_classee = models.BooleanField(
        _("deliberation on an installation classée"), default=False,
        help_text=_("An installation of article L511-1 of the Code de l'environnement: under 3,500 inhabitants, "
                    "five clear days and a note de synthèse (L2121-12, last paragraph)."),
    )
    documents = StreamField([("document", AttachedDocumentBlock())], blank=True, verbose_name=_("documents"))

    panels = [FieldPanel("title"), FieldPanel("rapporteur"), FieldPanel("note"), FieldPanel("installation_classee"),
              FieldPanel("documents")]

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("ordre du jour")

    def __str__(self):
        return self.title

    @property
    def has_note(self):
        from django.utils.html import strip_tags

        return bool(strip_tags(self.note or "").strip())
