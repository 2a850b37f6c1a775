"""Editorial page types: home, standard pages, news, public agenda and
thematic spaces."""
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, PagePermissionTester
from wagtail.query import PageQuerySet
from wagtail.search import index

from .blocks import BodyBlock
from .privacy import public_pages

INTRO_FEATURES = ["bold", "italic", "link"]


def paginate(request, queryset, per_page):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def parents(*listings):
    """The parent of the first page of each listing (None for an empty one),
    in one query: the index each listing links to."""
    paths = [pages[0].path[: -Page.steplen] if pages else None for pages in listings]
    found = {page.path: page for page in Page.objects.filter(path__in=[path for path in paths if path])}
    return [found.get(path) for path in paths]


class BasePage(Page):
    """What every editorial page has: an introduction, an optional picture
    and a body composed of blocks."""

    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)
    image = models.ForeignKey(
        "library.PublicImage",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("image"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        abstract = True


class HomePagePermissionTester(PagePermissionTester):
    """Page permissions are granted per section (roles.py), because a
    permission on a home page would reach the meetings and spaces below
    it. The home page itself is the exception, through a model permission
    that reaches no other page: its holders edit and publish home pages
    and add sections under them."""

    HOME_PAGE_PERMISSION = "pages.change_homepage"
    HOME_PAGE_ACTIONS = {"add", "change", "publish", "lock", "unlock"}

    def __init__(self, user, page):
        super().__init__(user, page)
        if user.is_active and not user.is_superuser and user.has_perm(self.HOME_PAGE_PERMISSION):
            self.permissions |= self.HOME_PAGE_ACTIONS


class HomePage(BasePage):
    """The root of a site: a welcome text, then the latest news and the next
    events of that site."""

    parent_page_types = ["wagtailcore.Page"]
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def permissions_for_user(self, user):
        return HomePagePermissionTester(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = public_pages(request, NewsPage.objects.descendant_of(self)).select_related("image")
        context["latest_news"] = list(news.order_by("-date")[:3])
        events = public_pages(request, EventPage.objects.descendant_of(self)).filter(end__gte=timezone.now())
        context["next_events"] = list(events.select_related("image").order_by("start")[:3])
        context["news_index"], context["agenda"] = parents(context["latest_news"], context["next_events"])
        # Other apps add their own sections (the latest acts of
        # extensions.deliberations) through the "home_sections" hook:
        # fn(request, home_page) -> HTML or "".
        sections = (fn(request, self) for fn in hooks.get_hooks("home_sections"))
        context["home_sections"] = [html for html in sections if html]
        return context


class StandardPage(BasePage):
    """A page of information: services, démarches, legal pages."""

    template = "pages/standard_page.html"

    class Meta:
        verbose_name = _("standard page")


class NewsIndexPage(BasePage):
    """The news of a site, newest first, filterable by tag."""

    per_page = 10
    subpage_types = ["pages.NewsPage"]
    template = "pages/news_index_page.html"

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news = public_pages(request, NewsPage.objects.child_of(self)).select_related("image").order_by("-date")
        tag = request.GET.get("tag", "").strip()
        if tag:
            news = news.filter(tags__name=tag)
        context["tag"] = tag
        context["news"] = paginate(request, news, self.per_page)
        return context


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("pages.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)


class NewsPage(BasePage):
    """A news article."""

    date = models.DateField(_("publication date"), default=timezone.localdate)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))
    themes = ParentalManyToManyField("library.Theme", blank=True, verbose_name=_("themes"))

    content_panels = BasePage.content_panels + [
        MultiFieldPanel([FieldPanel("date"), FieldPanel("tags"), FieldPanel("themes")], heading=_("Filing")),
    ]
    search_fields = BasePage.search_fields + [index.FilterField("date")]
    parent_page_types = ["pages.NewsIndexPage"]
    subpage_types = []
    template = "pages/news_page.html"

    class Meta:
        verbose_name = _("news article")


class EventQuerySet(PageQuerySet):
    def upcoming(self):
        """Published public events not yet over, soonest first."""
        return self.live().public().filter(end__gte=timezone.now()).order_by("start")

    def past(self):
        return self.live().public().filter(end__lt=timezone.now()).order_by("-start")


class EventIndexPage(BasePage):
    """The public agenda: upcoming events first; past ones on demand."""

    per_page = 12
    subpage_types = ["pages.EventPage"]
    template = "pages/event_index_page.html"

    class Meta:
        verbose_name = _("agenda")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        past = request.GET.get("periode") == "passes"
        events = EventPage.objects.child_of(self).select_related("image")
        events = events.past() if past else events.upcoming()
        context["past"] = past
        context["events"] = paginate(request, events, self.per_page)
        # Other apps add their own sections (the public meetings of
        # extensions.meetings) through the "agenda_sections" hook:
        # fn(request, agenda_page, past) -> HTML or "".
        sections = (fn(request, self, past) for fn in hooks.get_hooks("agenda_sections"))
        context["agenda_sections"] = [html for html in sections if html]
        return context


class EventPage(BasePage):
    """An event of the public agenda: when, where, what."""

    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    location_name = models.CharField(_("place"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    themes = ParentalManyToManyField("library.Theme", blank=True, verbose_name=_("themes"))

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("start"), FieldPanel("end"), FieldPanel("location_name"), FieldPanel("address")],
            heading=_("When and where"),
        ),
        FieldPanel("themes"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("location_name"),
        index.FilterField("start"),
    ]
    parent_page_types = ["pages.EventIndexPage"]
    subpage_types = []
    template = "pages/event_page.html"

    objects = PageManager.from_queryset(EventQuerySet)()

    class Meta:
        verbose_name = _("event")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The event cannot end before it starts.")})


class ThemePage(BasePage):
    """A thematic space (urbanisme, petite enfance, environnement...): its
    own pages, and the news, events and documents filed under its theme."""

    theme = models.ForeignKey(
        "library.Theme", verbose_name=_("theme"), on_delete=models.PROTECT, related_name="pages"
    )

    content_panels = BasePage.content_panels + [FieldPanel("theme")]
    template = "pages/theme_page.html"

    class Meta:
        verbose_name = _("thematic space")

    def get_context(self, request, *args, **kwargs):
        from library.privacy import visible_documents

        context = super().get_context(request, *args, **kwargs)
        context["children"] = public_pages(request, self.get_children()).specific()
        site_root = self.get_site().root_page
        context["news"] = (
            public_pages(request, NewsPage.objects.descendant_of(site_root)).filter(themes=self.theme)
            .select_related("image").order_by("-date")[:4]
        )
        context["events"] = (
            public_pages(request, EventPage.objects.descendant_of(site_root))
            .filter(themes=self.theme, end__gte=timezone.now()).select_related("image").order_by("start")[:4]
        )
        context["documents"] = visible_documents(request).filter(themes=self.theme)[:10]
        return context


# Per-site settings live in their own module; importing them here registers
# them with the app.
from .site_settings import Navigation, SiteIdentity  # noqa: E402,F401
