"""The public side of the deliberations: an index of the acts (with the
list of deliberations of each séance) and one page per published act. Act
pages are created by publication.py, never by hand: their file, its SHA-256
and their online date are set once and never change."""
from django.conf import settings
from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from . import rules


class ActIndexPage(RoutablePageMixin, Page):
    """Where a site's acts live (e.g. /deliberations/): the published acts,
    newest first, and the list of deliberations of each séance
    (L2121-25). A section of its site that no role edits by hand
    (pages/roles.py): acts are written by the publication only."""

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["deliberations.ActPage"]
    max_count_per_parent = 1
    section_editors = None
    template = "deliberations/act_index_page.html"

    class Meta:
        verbose_name = _("acts")

    def acts(self):
        return ActPage.objects.live().public().child_of(self).order_by("-online_on", "-pk")

    def get_context(self, request, *args, **kwargs):
        from pages.models import paginate

        from .listing import published_lists

        context = super().get_context(request, *args, **kwargs)
        context["acts"] = paginate(request, self.acts().select_related("deliberation", "document"), 20)
        context["lists"] = published_lists(self)
        return context

    @path("seance/<int:seance_id>/")
    def deliberation_list(self, request, seance_id):
        """The list of deliberations of one séance, once put online; the
        same 404 for a séance that does not exist or is not online."""
        from .listing import public_list

        seance, deliberations = public_list(self, seance_id)
        return TemplateResponse(request, "deliberations/deliberation_list.html", {
            "page": self, "self": self, "seance": seance, "deliberations": deliberations,
        })


class ActPage(Page):
    """A deliberation published as an act (L2131-1, R2131-1): its full text
    as a PDF that cannot be modified, the author's name and title, the date
    it went online, the file's SHA-256, its status at the préfecture, and a
    form to ask for a paper copy."""

    deliberation = models.OneToOneField(
        "deliberations.Deliberation", on_delete=models.PROTECT, related_name="act", editable=False
    )
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, editable=False)
    online_on = models.DateField(_("online since"), editable=False)
    author_name = models.CharField(_("author"), max_length=150, editable=False)
    author_title = models.CharField(_("author's title"), max_length=150, editable=False)

    search_fields = Page.search_fields + [index.SearchField("published_text"), index.FilterField("online_on")]
    parent_page_types = ["deliberations.ActIndexPage"]
    subpage_types = []
    is_creatable = False
    template = "deliberations/act_page.html"

    class Meta:
        verbose_name = _("act")
        verbose_name_plural = _("acts")

    def published_text(self):
        return self.deliberation.public_text

    @property
    def earliest_unpublication(self):
        return rules.earliest_unpublication(self.online_on)

    def get_context(self, request, *args, **kwargs):
        from .connector import executory_on
        from .forms import CopyRequestForm

        context = super().get_context(request, *args, **kwargs)
        transmitted_at = self.deliberation.transmitted_at
        context["transmitted_on"] = timezone.localtime(transmitted_at).date() if transmitted_at else None
        context["executory_on"] = executory_on(self.deliberation, self)
        context.setdefault("copy_form", CopyRequestForm())
        return context

    def serve(self, request, *args, **kwargs):
        from .views import request_copy

        if self.deliberation.huis_clos:  # never on a public channel
            raise Http404
        if request.method == "POST":
            return request_copy(request, self)
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        return [] if self.deliberation.huis_clos else super().get_sitemap_urls(request)
