"""Wagtail hooks of the deliberations: the console's admin URLs, its menu
item and its button on meeting pages, the deadlines panel on the
dashboard, and the guards that keep a published act online for two months
(R2131-1)."""
from django.contrib import messages
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page

from extensions.meetings.access import can_manage
from extensions.meetings.pages import MeetingPage

from . import deadlines, urls
from .home import home_section
from .models import CopyRequest
from .pages import ActPage
from .publication import unpublish_refusal


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("deliberations/", include((urls.urlpatterns, urls.app_name), namespace=urls.app_name))]


class SeancesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return SeancesMenuItem(_("Deliberations"), reverse("deliberations:seances"), icon_name="group", order=360)


@hooks.register("register_page_header_buttons")
def console_button(page, user, view_name=None, next_url=None):
    """From a meeting's edit page to its séance console."""
    if issubclass(page.specific_class or object, MeetingPage) and can_manage(user):
        yield Button(_("Séance console"), reverse("deliberations:console", args=[page.pk]), icon_name="group",
                     priority=20)


class DeadlinesPanel(Component):
    name = "deliberations_deadlines"
    order = 120

    def __init__(self, alerts):
        self.alerts = alerts

    def render_html(self, parent_context=None):
        return render_to_string("deliberations/admin/deadlines_panel.html", {"alerts": self.alerts})


@hooks.register("construct_homepage_panels")
def add_deadlines_panel(request, panels):
    if can_manage(request.user):
        found = deadlines.alerts()
        if found:
            panels.append(DeadlinesPanel(found))


def _refusal(page):
    """Why `page`, or an act below it, may not go offline yet (R2131-1)."""
    acts = ActPage.objects.live().descendant_of(page, inclusive=True)
    return next(filter(None, (unpublish_refusal(act) for act in acts)), None)


def _refuse_if_too_early(request, page):
    refusal = _refusal(page)
    if refusal:
        messages.error(request, refusal)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def keep_acts_online_in_bulk(request, action_type, objects, action_class_instance):
    if action_type in ("unpublish", "delete"):
        pages = [obj for obj in objects if isinstance(obj, Page)]
        refusal = next(filter(None, (_refusal(page) for page in pages)), None)
        if refusal:
            messages.error(request, refusal)
            return redirect("wagtailadmin_explore_root")
    return None


@hooks.register("before_unpublish_page")
def keep_acts_online(request, page):
    return _refuse_if_too_early(request, page)


@hooks.register("before_delete_page")
def keep_acts_online_on_delete(request, page):
    return _refuse_if_too_early(request, page)


class CopyRequestViewSet(ModelViewSet):
    """Requests for a paper copy of an act: the staff post the copy and
    record when they did."""

    model = CopyRequest
    icon = "mail"
    menu_label = _("Paper copy requests")
    add_to_admin_menu = False
    list_display = ["act", "name", "email", "created_at", "handled_at"]
    list_filter = ["handled_at"]
    form_fields = ["handled_at"]
    copy_view_enabled = False
    inspect_view_enabled = True


@hooks.register("register_admin_viewset")
def register_copy_requests():
    return CopyRequestViewSet("deliberation_copy_requests")


hooks.register("home_sections", home_section)
