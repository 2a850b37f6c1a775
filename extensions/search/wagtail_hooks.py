"""Admin integration: the extraction and search terms reports."""
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls
from .admin_views import can_see_extraction_report, can_see_search_terms, query_chooser


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("recherche/", include(admin_urls, namespace="parvis_search"))]


@hooks.register("register_admin_urls", order=-1)
def guard_query_chooser():
    """Listed before wagtail.contrib.search_promotions' own URLs, these
    paths answer instead of its unguarded query chooser."""
    return [
        path("searchpicks/queries/chooser/", query_chooser, name="parvis_query_chooser"),
        path("searchpicks/queries/chooser/results/", query_chooser, {"get_results": True},
             name="parvis_query_chooser_results"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, check, **kwargs):
        super().__init__(*args, **kwargs)
        self.check = check

    def is_shown(self, request):
        return self.check(request.user)


@hooks.register("register_reports_menu_item")
def extraction_report_menu_item():
    return PermissionMenuItem(_("Text extraction"), reverse("parvis_search:extraction_failures"),
                              name="text-extraction", icon_name="doc-full", order=1350,
                              check=can_see_extraction_report)


@hooks.register("register_reports_menu_item")
def search_terms_menu_item():
    return PermissionMenuItem(_("Most searched"), reverse("parvis_search:search_terms"),
                              name="most-searched", icon_name="search", order=1310,
                              check=lambda user: can_see_search_terms(user) and not user.is_superuser)
