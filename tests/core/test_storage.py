"""core.storage: private files follow settings.STORAGES["private"] (the
local PRIVATE_MEDIA_ROOT, or a private S3 location), never give a URL, and
leave only through the views (operations' serve_stored)."""
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.test import RequestFactory

from core.s3 import PrivateS3Storage
from core.storage import PrivateFileSystemStorage, local_path, private_storage
from extensions.deliberations.models import ProcesVerbal
from extensions.operations.sendfile import serve_stored
from extensions.participation.models import Entry

S3 = {"BACKEND": "core.s3.PrivateS3Storage",
      "OPTIONS": {"bucket_name": "parvis-prive", "location": "private", "access_key": "x", "secret_key": "y"}}


class ObjectStore(Storage):
    """Like an object store: the files are not on this machine (no path)."""

    files = {}

    def _save(self, name, content):
        self.files[name] = content.read()
        return name

    def _open(self, name, mode="rb"):
        return ContentFile(self.files[name], name=name)

    def exists(self, name):
        return name in self.files


def with_private(settings, backend):
    settings.STORAGES = {**settings.STORAGES, "private": backend}


def test_locally_private_files_live_under_private_media_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    name = private_storage.save("participation/photo.jpg", ContentFile(b"jpeg"))
    assert isinstance(private_storage._wrapped, PrivateFileSystemStorage)
    assert local_path(name) == str(tmp_path / name)
    with pytest.raises(ValueError):
        private_storage.url(name)


def test_with_s3_private_files_go_to_the_private_location(settings):
    """No network: the storage is only built and asked for its settings."""
    with_private(settings, S3)
    storage = Entry._meta.get_field("photo").storage  # the models follow the alias too
    assert storage is ProcesVerbal._meta.get_field("signed_file").storage is private_storage
    assert (private_storage.bucket_name, private_storage.location) == ("parvis-prive", "private")
    assert isinstance(private_storage._wrapped, PrivateS3Storage)
    assert private_storage.default_acl == "private" and private_storage.file_overwrite is False
    assert local_path("participation/photo.jpg") is None
    with pytest.raises(ValueError):
        private_storage.url("participation/photo.jpg")  # never a signed address


def test_a_file_off_this_machine_is_streamed_by_the_view(settings):
    with_private(settings, {"BACKEND": "tests.core.test_storage.ObjectStore"})
    name = private_storage.save("proces-verbaux/pv-1.pdf", ContentFile(b"%PDF-1.7 signe"))
    response = serve_stored(RequestFactory().get("/"), private_storage, name, "application/pdf")
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.7 signe"
