"""Private storage: files no URL may serve (contest photos awaiting
moderation, signed procès-verbaux), read only by views that check the
visitor's rights and hand the bytes over through operations' sendfile.

The backend is the "private" alias of settings.STORAGES, so it follows the
deployment: PRIVATE_MEDIA_ROOT on the local disk (outside MEDIA_ROOT), or a
private S3 location (core.s3) when media live on an object store
(production settings). Neither backend gives a URL: a signed S3 address would bypass
the permission check of our views."""
import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

ALIAS = "private"


class NoURL:
    def url(self, name, *args, **kwargs):
        raise ValueError("Private files have no URL: serve them through a view that checks the rights.")


class PrivateFileSystemStorage(NoURL, FileSystemStorage):
    """PRIVATE_MEDIA_ROOT, read at each use: tests and deployments may point
    it elsewhere after start-up."""

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)


class PrivateStorage(LazyObject):
    """The storage of settings.STORAGES["private"], looked up on first use."""

    def _setup(self):
        self._wrapped = storages[ALIAS]


private_storage = PrivateStorage()


@receiver(setting_changed)
def _forget_backend(*, setting, **kwargs):
    # Django forgets its own storages when STORAGES changes (tests): so do we.
    if setting == "STORAGES":
        private_storage._wrapped = empty


def get_private_storage():
    """Callable for FileField(storage=...), so migrations name no backend."""
    return private_storage


def local_path(name):
    """The file's path on this machine, or None on an object store."""
    try:
        return private_storage.path(name)
    except NotImplementedError:
        return None


def delete_quietly(*names):
    for name in names:
        if name and private_storage.exists(name):
            private_storage.delete(name)
