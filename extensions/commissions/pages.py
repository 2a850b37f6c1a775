"""The spaces in the page tree: an index page (/espaces/) and one page per
space, restricted to the space's group. The space page serves everything
that happens in the space through its sub-routes (views in
space_views.py); each route checks access again, so a space never depends
on the view restriction alone."""
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.url_routing import RouteResult


class SpaceIndexPage(Page):
    """Where the space pages live. Its own address shows "Mes espaces"; a
    signed-out visitor gets the sign-in page for any address below it,
    existing or not, so that the names of spaces cannot be probed. A
    section of its site that no role edits (pages/roles.py): spaces are run
    by their président(e) and agent référent from the space's own views,
    and provisioning keeps the pages."""

    is_creatable = False
    parent_page_types = ["pages.HomePage"]
    max_count_per_parent = 1
    section_editors = None
    subpage_types = ["commissions.SpacePage"]

    class Meta:
        verbose_name = _("private spaces")

    def route(self, request, path_components):
        if path_components and not request.user.is_authenticated:
            return RouteResult(self)
        return super().route(request, path_components)

    def serve(self, request, *args, **kwargs):
        return redirect("commissions:my_spaces")

    def get_sitemap_urls(self, request=None):
        return []


class SpacePage(RoutablePageMixin, Page):
    """The home of one space: its publications, its members and, for those
    who run it, the invitations. Created and renamed with its Space."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [FieldPanel("intro")]
    is_creatable = False
    parent_page_types = ["commissions.SpaceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("space page")

    def get_sitemap_urls(self, request=None):
        return []

    def access_for(self, request):
        """The visitor's SpaceAccess; 404 for anyone else (never 403: a
        non-member must not learn that the space exists)."""
        from .access import space_access

        space = getattr(self, "space", None) if self.pk else None
        access = space_access(request.user, space) if space else None
        if access is None:
            raise Http404
        return access

    def _view(self, name, request, **kwargs):
        from . import space_views

        return getattr(space_views, name)(request, self, self.access_for(request), **kwargs)

    @path("")
    def home(self, request):
        return self._view("home", request)

    @path("publications/nouvelle/")
    def new_publication(self, request):
        return self._view("new_publication", request)

    @path("publications/<int:publication_id>/")
    def publication(self, request, publication_id):
        return self._view("publication", request, publication_id=publication_id)

    @path("publications/<int:publication_id>/relance/")
    def remind(self, request, publication_id):
        return self._view("remind", request, publication_id=publication_id)

    @path("notifications/")
    def notifications(self, request):
        return self._view("notifications", request)

    @path("invitations/")
    def invite(self, request):
        return self._view("invite", request)

    @path("invitations/<int:invitation_id>/retrait/")
    def revoke_invitation(self, request, invitation_id):
        return self._view("revoke_invitation", request, invitation_id=invitation_id)
