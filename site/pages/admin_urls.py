"""Addresses of Wagtail's admin answered with the privacy rules first: the
page chooser (pages.chooser) and the explorer of one page
(pages.explorer). config/urls.py lists them ahead of Wagtail's admin URLs
(a `register_admin_urls` hook would come after Wagtail's own)."""
from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.utils.urlpatterns import decorate_urlpatterns

from . import chooser
from .explorer import explorable_only

urlpatterns = decorate_urlpatterns([
    path("choose-page/", chooser.BrowseView.as_view(), name="parvis_choose_page"),
    path("choose-page/<int:parent_page_id>/", chooser.BrowseView.as_view(), name="parvis_choose_page_child"),
    path("choose-page/search/", chooser.SearchView.as_view(), name="parvis_choose_page_search"),
    path("choose-page/chosen-multiple/", chooser.ChosenMultipleView.as_view(),
         name="parvis_choose_page_chosen_multiple"),
    path("pages/<int:parent_page_id>/",
         explorable_only(page_viewset_registry.as_view("index", parent_page_id_kwarg="parent_page_id")),
         name="parvis_explore"),
    path("pages/<int:parent_page_id>/results/",
         explorable_only(page_viewset_registry.as_view("index_results", parent_page_id_kwarg="parent_page_id")),
         name="parvis_explore_results"),
], require_admin_access)
