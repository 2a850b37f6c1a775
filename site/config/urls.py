"""URLs of the whole instance: the admin, document downloads behind a
permission check, then every page served by Wagtail."""
from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve as serve_static
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from library.views import serve_document

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/<int:document_id>/<str:document_filename>", serve_document, name="library_serve_document"),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap),
    path("", include("extensions.operations.urls")),
]

if settings.DEBUG:
    # Only images are public media; documents never get a direct URL.
    urlpatterns += [
        re_path(r"^media/(?P<path>(?:original_images|images)/.*)$", serve_static,
                {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += [
    path("participation/", include("extensions.participation.urls")),
    path("", include("extensions.commissions.urls")),
    path("seances/", include("extensions.meetings.urls")),
    path("recherche/", include("extensions.search.urls")),
    path("elections/", include("extensions.elections.urls")),
    path("api/v1/", include("extensions.api.urls")),
    path("donnees/", include("extensions.api.opendata_urls")),
    path("", include(wagtail_urls)),
]
