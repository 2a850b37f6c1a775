"""Routing guards of the whole instance's URLs (config.urls).

- Numbers in URLs are ASCII digits. Python's \\d also matches other
  scripts' digits (Arabic-Indic ٣, fullwidth ３) and int() reads them, so
  a pattern written with \\d (Wagtail's document serve view, the admin's
  revision comparison) would take /documents/٣/… past the project's own
  document view, whose <int:> converter takes [0-9] only. Any URL with a
  segment made of digits that are not all ASCII is answered 404 before
  every other pattern.
- In DEBUG, only the public image folders of MEDIA_ROOT are served, and
  only normalised paths: "images/../documents/x" is not an image."""
import posixpath

from django.conf import settings
from django.http import Http404
from django.views.static import serve

# A number (between slashes or dots, like the ids of the admin's revision
# comparison "live...12") of \d digits with at least one outside 0-9.
NON_ASCII_NUMBER = r"^(?:.*[/.])?\d*(?![0-9])\d\d*(?:[/.]|$)"

PUBLIC_MEDIA_FOLDERS = ("images", "original_images")


def not_found(request, *args, **kwargs):
    raise Http404


def serve_public_media(request, path):
    """DEBUG only (`make demo`): a file of the public image folders."""
    normalised = posixpath.normpath(path)
    if normalised != path or normalised.split("/", 1)[0] not in PUBLIC_MEDIA_FOLDERS or "/" not in normalised:
        raise Http404
    return serve(request, normalised, document_root=settings.MEDIA_ROOT)
