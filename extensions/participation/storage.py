"""Private storage for contest photos: files under PRIVATE_MEDIA_ROOT,
outside the public media folder, that no URL serves. They are only read by
views that check the entry's status or the user's permissions."""
import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    # Read the setting at each use, not once at import: tests and
    # deployments may point it elsewhere after start-up.
    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no URL.")


private_storage = PrivateStorage()


def get_private_storage():
    """Callable for FileField(storage=...), so migrations name no path."""
    return private_storage


def delete_quietly(*names):
    for name in names:
        if name and private_storage.exists(name):
            private_storage.delete(name)
