"""A document of a collection restricted to the Élus is invisible to everyone
else: not listed, no detail page, no download, no direct media URL, and
every refusal looks exactly like a document that does not exist."""
import re

import pytest
from wagtail.models import CollectionViewRestriction

from tests.factories import ArchiveDocumentFactory, ThemePageFactory, private_collection
from tests.html import visible_text

OUTSIDERS = ["anonymous", "externe", "agent", "redaction"]
MEMBERS = ["elu", "superuser"]
MISSING_ID = 987654


def detail_url(library_page, document_id):
    return f"{library_page.url}document/{document_id}/"


def download_url(document_id, filename):
    return f"/documents/{document_id}/{filename}"


def page_body(response, url):
    """The response's HTML without what changes by itself: its own URL, any
    per-request nonce and the CSRF token of the header's sign-out form."""
    text = re.sub(r'nonce="[^"]*"', "", response.content.decode().replace(url, ""))
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)


def assert_same_404(client, url, missing_url):
    """`url` answers exactly as `missing_url`, which names no document."""
    response, missing = client.get(url), client.get(missing_url)
    assert response.status_code == missing.status_code == 404
    assert page_body(response, url) == page_body(missing, missing_url)
    return response


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_do_not_see_the_private_document_listed(
    client_as, role, library_page, public_document, private_document
):
    response = client_as(role).get(library_page.url)
    assert response.status_code == 200
    assert public_document.title in visible_text(response)
    assert private_document.title not in response.content.decode()


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_get_404_on_the_detail_page(client_as, role, library_page, private_document):
    response = assert_same_404(
        client_as(role), detail_url(library_page, private_document.pk), detail_url(library_page, MISSING_ID)
    )
    assert private_document.title not in response.content.decode()


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_get_404_on_the_download(client_as, role, private_document):
    response = assert_same_404(
        client_as(role),
        download_url(private_document.pk, private_document.filename),
        download_url(MISSING_ID, private_document.filename),
    )
    assert "Content-Disposition" not in response


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_do_not_find_it_by_search_in_the_library(client_as, role, library_page, private_document):
    response = client_as(role).get(library_page.url, {"q": "cession"})
    assert response.status_code == 200
    assert private_document.title not in response.content.decode()


@pytest.mark.parametrize("role", MEMBERS)
def test_members_see_list_detail_and_download(client_as, role, library_page, private_document):
    client = client_as(role)
    assert private_document.title in visible_text(client.get(library_page.url))
    detail = client.get(detail_url(library_page, private_document.pk))
    assert detail.status_code == 200
    assert private_document.title in visible_text(detail)
    assert private_document.url in detail.content.decode()
    download = client.get(private_document.url)
    assert download.status_code == 200
    with private_document.open_file() as stored:
        assert b"".join(download.streaming_content) == stored.read()


def test_public_document_downloads_for_anyone(client, public_document):
    response = client.get(public_document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_download_with_a_wrong_filename_is_404(client, public_document):
    assert client.get(download_url(public_document.pk, "autre.pdf")).status_code == 404


@pytest.mark.parametrize("role", ["anonymous", "elu"])
def test_media_url_of_a_document_is_never_served(client_as, role, private_document, public_document):
    client = client_as(role)
    for document in (private_document, public_document):
        assert client.get(f"/media/{document.file.name}").status_code == 404


def test_links_to_documents_go_through_the_checking_view(public_document):
    assert public_document.url == download_url(public_document.pk, public_document.filename)


def test_theme_page_does_not_list_private_documents(client_as, home_page, private_document, public_document):
    theme_page = ThemePageFactory(parent=home_page)
    for document in (private_document, public_document):
        document.themes.add(theme_page.theme)
    assert private_document.title not in client_as("anonymous").get(theme_page.url).content.decode()
    assert private_document.title in visible_text(client_as("elu").get(theme_page.url))


def test_restriction_covers_sub_collections(client_as, elus_collection):
    child = elus_collection.add_child(name="Commission finances")
    document = ArchiveDocumentFactory(title="Rapport de la commission des finances", collection=child)
    assert client_as("externe").get(document.url).status_code == 404
    assert client_as("elu").get(document.url).status_code == 200


def test_login_restriction_lets_any_signed_in_person_in(client_as, db):
    collection = private_collection("Intranet")
    CollectionViewRestriction.objects.filter(collection=collection).update(
        restriction_type=CollectionViewRestriction.LOGIN
    )
    document = ArchiveDocumentFactory(title="Note interne", collection=collection)
    assert client_as("anonymous").get(document.url).status_code == 404
    assert client_as("externe").get(document.url).status_code == 200
