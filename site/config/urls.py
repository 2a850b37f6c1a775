"""URLs of the whole instance: the admin, document downloads behind a
permission check, then every page served by Wagtail. Guards first: numbers
are ASCII digits only, and Wagtail's password forms are throttled
(config.routing, core.authentication)."""
from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as wagtaildocs_views

from config.robots import robots_txt
from config.routing import NON_ASCII_NUMBER, not_found, serve_public_media
from core.authentication import throttle_password_form
from library.views import serve_document

urlpatterns = [
    re_path(NON_ASCII_NUMBER, not_found),
    # The page chooser held to the privacy rules, ahead of Wagtail's own.
    path("admin/", include("pages.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/<int:document_id>/<str:document_filename>", serve_document, name="library_serve_document"),
    # Wagtail's password forms, ahead of the same addresses in its URLs.
    path("documents/authenticate_with_password/<int:restriction_id>/",
         throttle_password_form(wagtaildocs_views.authenticate_with_password, "restriction_id"),
         name="wagtaildocs_authenticate_with_password"),
    path("_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
         throttle_password_form(wagtail_views.authenticate_with_password, "page_view_restriction_id"),
         name="wagtailcore_authenticate_with_password"),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap),
    path("robots.txt", robots_txt),
    path("", include("extensions.operations.urls")),
]

if settings.DEBUG:
    # Only images are public media; documents never get a direct URL.
    urlpatterns += [path("media/<path:path>", serve_public_media)]

urlpatterns += [
    path("participation/", include("extensions.participation.urls")),
    path("", include("extensions.commissions.urls")),
    path("seances/", include("extensions.meetings.urls")),
    path("recherche/", include("extensions.search.urls")),
    path("elections/", include("extensions.elections.urls")),
    path("api/v1/", include("extensions.api.urls")),
    path("donnees/", include("extensions.api.opendata_urls")),
    path("aide/", include("core.guides")),
    path("", include(wagtail_urls)),
]
