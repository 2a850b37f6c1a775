"""Routing guards (config.routing): numbers in URLs are ASCII digits only,
so no Wagtail pattern written with \\d is reached past the project's own
views; and under DEBUG only normalised paths of the public image folders
of MEDIA_ROOT are served."""
import importlib

import pytest
from django.urls import clear_url_caches, resolve

from config import routing

pytestmark = pytest.mark.django_db

ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.mark.parametrize("digits", [ARABIC_INDIC, FULLWIDTH], ids=["arabic-indic", "fullwidth"])
@pytest.mark.parametrize("role", ["anonymous", "elu"])
def test_a_document_id_in_other_digits_is_404_before_wagtail(client_as, role, digits, private_document):
    url = f"/documents/{str(private_document.pk).translate(digits)}/{private_document.filename}"
    assert resolve(url).func is routing.not_found
    response = client_as(role).get(url)
    assert response.status_code == 404
    assert "Location" not in response, "no login redirect that would confirm the document exists"


@pytest.mark.parametrize("path", [
    "/admin/pages/٣/revisions/compare/live...latest/",
    "/admin/pages/3/revisions/compare/live...٣/",
    "/_util/authenticate_with_password/１/２/",
    "/actes/document/٤٢/",  # a routable page's <int:> inside Wagtail's page serving
])
def test_other_digits_are_refused_everywhere(client_as, path):
    assert resolve(path).func is routing.not_found
    assert client_as("superuser").get(path).status_code == 404


def test_ascii_ids_still_reach_the_project_view(client, public_document):
    assert client.get(public_document.url).status_code == 200


@pytest.fixture
def debug_urls(settings):
    """The URLs as `make demo` builds them (config.urls reads DEBUG once)."""
    settings.DEBUG = True
    urls = importlib.import_module("config.urls")
    importlib.reload(urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(urls)
    clear_url_caches()


@pytest.fixture
def media_files(settings):
    images, documents = settings.MEDIA_ROOT / "images", settings.MEDIA_ROOT / "documents"
    images.mkdir(exist_ok=True)
    documents.mkdir(exist_ok=True)
    (images / "vue.txt").write_text("une image publique")
    (documents / "secret.txt").write_text("note confidentielle")
    yield
    (images / "vue.txt").unlink()
    (documents / "secret.txt").unlink()


def test_public_images_are_served_under_debug(debug_urls, media_files, client):
    response = client.get("/media/images/vue.txt")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"une image publique"


@pytest.mark.parametrize("path", [
    "/media/images/%2e%2e/documents/secret.txt",
    "/media/images/../documents/secret.txt",
    "/media/original_images/%2E%2E/documents/secret.txt",
    "/media/images/%2e%2e%2fdocuments/secret.txt",
    "/media/images/./%2e%2e/documents/secret.txt",
    "/media/documents/secret.txt",
    "/media/images/",
])
def test_nothing_outside_the_image_folders_under_debug(debug_urls, media_files, client, path):
    assert client.get(path).status_code == 404
