"""The page chooser's addresses in Wagtail's admin, answered by the views of
pages.chooser: config/urls.py lists them ahead of Wagtail's admin URLs
(a `register_admin_urls` hook would come after Wagtail's own chooser)."""
from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.utils.urlpatterns import decorate_urlpatterns

from . import chooser

urlpatterns = decorate_urlpatterns([
    path("choose-page/", chooser.BrowseView.as_view(), name="parvis_choose_page"),
    path("choose-page/<int:parent_page_id>/", chooser.BrowseView.as_view(), name="parvis_choose_page_child"),
    path("choose-page/search/", chooser.SearchView.as_view(), name="parvis_choose_page_search"),
    path("choose-page/chosen-multiple/", chooser.ChosenMultipleView.as_view(),
         name="parvis_choose_page_chosen_multiple"),
], require_admin_access)
