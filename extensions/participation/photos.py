"""Public renditions of approved entries: made from the clean copy on
approval (in a background task) or on first request, stored privately, and
served only through the view that checks the entry is approved."""
import os
import tempfile

from django.core.files.base import ContentFile

from core.storage import local_path, private_storage
from extensions.operations.sendfile import serve_stored

from .images import make_rendition


def ensure_rendition(entry, width):
    """The storage name of the entry's rendition at `width`, made if
    missing. On disk, written to a temporary file then renamed, so that two
    simultaneous requests never serve half a file (an object store writes
    an object whole)."""
    name = entry.rendition_name(width)
    if not private_storage.exists(name):
        with private_storage.open(entry.photo.name, "rb") as source:
            data = make_rendition(source, width)
        target = local_path(name)
        if target is None:
            private_storage.save(name, ContentFile(data))
            return name
        os.makedirs(os.path.dirname(target), exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=os.path.dirname(target), suffix=".part")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o640)
        os.replace(temporary, target)
    return name


def serve_preview(request, entry, width):
    """The entry's photo for staff or jury, whatever its status: kept by no
    cache, since the caller's rights decided."""
    response = serve_stored(request, private_storage, ensure_rendition(entry, width), "image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response
