"""Wagtail hooks of the deliberations: the console's admin URLs and menu
item, the deadlines panel on the dashboard, and the guards that keep a
published act online for two months (R2131-1)."""
from django.contrib import messages
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from extensions.meetings.access import can_manage

from . import deadlines, urls
from .pages import ActPage
from .publication import unpublish_refusal


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("seances/", include((urls.urlpatterns, urls.app_name), namespace=urls.app_name))]


class SeancesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return SeancesMenuItem(_("Séances"), reverse("deliberations:seances"), icon_name="group", order=250)


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


def _refuse_if_too_early(request, page):
    act = page.specific if isinstance(page.specific, ActPage) else None
    refusal = unpublish_refusal(act) if act else None
    if refusal:
        messages.error(request, refusal)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_unpublish_page")
def keep_acts_online(request, page):
    return _refuse_if_too_early(request, page)


@hooks.register("before_delete_page")
def keep_acts_online_on_delete(request, page):
    return _refuse_if_too_early(request, page)
