"""The admin of meetings: instances with their mandates (a snippet
viewset), the « Séances » menu for Agents (the meetings and « Nouvelle
séance »), the French guides in the help menu, a link from the meeting's
edit page to it, and the public agenda's section of public meetings."""
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_urls
from .access import can_manage
from .agenda import agenda_section
from .models import Instance
from .pages import MeetingPage


class InstanceViewSet(SnippetViewSet):
    model = Instance
    icon = "group"
    menu_label = _("Instances")
    add_to_admin_menu = False
    list_display = ["name", "kind", "population", "space"]
    list_filter = ["kind"]
    search_fields = ["name"]
    search_backend_name = None
    copy_view_enabled = False


register_snippet(InstanceViewSet())


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("seances/", include(admin_urls, namespace="meetings_admin"))]


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage(request.user)


@hooks.register("register_admin_menu_item")
def meetings_menu():
    return SubmenuMenuItem(_("Meetings"), Menu(items=[
        DashboardMenuItem(_("All meetings"), reverse("meetings_admin:index"), icon_name="date", order=100),
        DashboardMenuItem(_("New meeting"), reverse("meetings_admin:new"), icon_name="plus", order=200),
    ]), icon_name="date", order=350, name="meetings")


@hooks.register("register_page_header_buttons")
def dashboard_button(page, user, view_name=None, next_url=None):
    if issubclass(page.specific_class or object, MeetingPage) and can_manage(user):
        yield Button(_("Convocation dashboard"), reverse("meetings_admin:dashboard", args=[page.pk]),
                               icon_name="date", priority=10)


hooks.register("agenda_sections", agenda_section)


@hooks.register("before_serve_page", order=-10)
def hide_meetings(page, request, serve_args, serve_kwargs):
    """Before Wagtail's view restriction sends a visitor to the sign-in
    page (which would tell that the meeting exists), a meeting the visitor
    may not see answers 404 like a missing address."""
    if isinstance(page, MeetingPage):
        page.check_access(request)
