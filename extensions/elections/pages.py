"""The public side: an « Élections » index (the archive of past elections)
and one results page per scrutin and round. The page and its JSON are
Wagtail page routes, so the anonymous page cache of extensions.operations
serves them on election night; a validated entry flushes the site's cached
pages (entry.py)."""
from django.db import models
from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

# Seconds a browser, a proxy or the page cache (extensions.operations) may
# keep the page and its JSON, even with one local cache per process that a
# validated entry cannot flush everywhere; the visitors' pages poll every
# POLL_SECONDS.
JSON_MAX_AGE = 5
POLL_SECONDS = 15


class ElectionIndexPage(Page):
    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = ["elections.ElectionResultsPage"]
    max_count_per_parent = 1
    template = "elections/election_index_page.html"
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("elections")

    def elections(self):
        return (ElectionResultsPage.objects.live().public().child_of(self)
                .select_related("scrutin").order_by("-scrutin__day", "-scrutin__round"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["elections"] = self.elections()
        return context


class ElectionResultsPage(RoutablePageMixin, Page):
    parent_page_types = ["elections.ElectionIndexPage"]
    subpage_types = []
    template = "elections/election_results_page.html"
    scrutin = models.OneToOneField("elections.Scrutin", on_delete=models.PROTECT, related_name="page",
                                   verbose_name=_("scrutin"))
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("scrutin"), FieldPanel("intro")]

    class Meta:
        verbose_name = _("election results")

    @path("")
    def results(self, request):
        from .consolidation import consolidate

        response = self.render(request, context_overrides={"results": consolidate(self.scrutin),
                                                           "poll_seconds": POLL_SECONDS})
        response["Cache-Control"] = f"public, max-age={JSON_MAX_AGE}"
        return response

    # Wagtail's page routes end with a slash and have no dot: /direct/.
    @path("direct/", name="live_json")
    def live_json(self, request):
        from .consolidation import consolidate

        response = JsonResponse(consolidate(self.scrutin), json_dumps_params={"ensure_ascii": False})
        response["Cache-Control"] = f"public, max-age={JSON_MAX_AGE}"
        return response
