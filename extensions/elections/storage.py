"""Private storage for the signed PV de bureau: files under
PRIVATE_MEDIA_ROOT that no URL serves; only the election office's view
reads them."""
import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    # Read the setting at each use: tests point it elsewhere after start-up.
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
