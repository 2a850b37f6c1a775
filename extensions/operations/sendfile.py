"""Private files leave Django through one door, after the permission check
of the view that asks: streamed by Django, or handed to nginx with an
X-Accel-Redirect header when settings.ACCEL_REDIRECT_LOCATIONS maps the
file's folder to an `internal` nginx location (docs/deployment.md).

serve_file() is for our own views (contest photos); serve_stored() for a
file of any Django storage (an object store's file is streamed from it);
Wagtail's document view reaches sendfile() below through SENDFILE_BACKEND."""
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, HttpResponse
from wagtail.utils import sendfile_streaming_backend
from wagtail.utils.sendfile import sendfile as wagtail_sendfile


def accel_location(filename):
    """The internal URL of filename, or None when no location covers it."""
    path = Path(filename).resolve()
    for root, location in settings.ACCEL_REDIRECT_LOCATIONS.items():
        root = Path(root).resolve()
        if path.is_relative_to(root):
            return location.rstrip("/") + "/" + quote(path.relative_to(root).as_posix())
    return None


def sendfile(request, filename, **kwargs):
    """A wagtail.utils.sendfile backend: nginx sends the bytes when it can."""
    location = accel_location(filename)
    if location is None:
        return sendfile_streaming_backend.sendfile(request, filename, **kwargs)
    response = HttpResponse()
    response["X-Accel-Redirect"] = location
    # nginx sets the type from the file's extension; keep ours instead.
    response["Content-Type"] = kwargs.get("mimetype") or "application/octet-stream"
    return response


def serve_file(request, filename, content_type):
    return wagtail_sendfile(request, str(filename), mimetype=content_type, backend=sendfile)


def serve_stored(request, storage, name, content_type):
    """The file `name` of `storage`: through serve_file() when it is on this
    machine, streamed from the store otherwise (no URL of the store is ever
    given out, so the view's permission check stays the only door)."""
    try:
        path = storage.path(name)
    except NotImplementedError:
        return FileResponse(storage.open(name, "rb"), content_type=content_type)
    return serve_file(request, path, content_type)
