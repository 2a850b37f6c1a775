"""Documents in the API: metadata, and a download link to the library's
checking view, which answers 404 to whoever may not see the document."""
import pytest

pytestmark = pytest.mark.django_db


def test_download_links_go_through_the_checking_view(content, api_as):
    data = api_as("elu_member").get(f"/api/v1/documents/{content.elus_document.pk}/").json()
    document = content.elus_document
    assert data["download_url"] == f"http://testserver/documents/{document.pk}/{document.filename}"
    assert data["kind_label"] == "délibération"
    assert "/media/" not in data["download_url"]
    path = data["download_url"].removeprefix("http://testserver")
    assert api_as("elu_member").get(path).status_code == 200
    assert api_as("anonymous").get(path).status_code == 404
    assert api_as("agent").get(path).status_code == 404


def test_publication_attachments_link_to_the_checking_view(content, api_as):
    data = api_as("elu_member").get(f"/api/v1/publications/{content.publication.pk}/").json()
    attachment = content.publication.attachments.get().document
    assert [a["title"] for a in data["attachments"]] == [attachment.title]
    assert data["body"] == "<p>Le dossier est prêt pour la commission.</p>"
    assert data["space"]["name"] == "Commission urbanisme"
    download = data["attachments"][0]["download_url"].removeprefix("http://testserver")
    assert api_as("agent").get(download).status_code == 404


def test_entries_show_their_credit_and_licence_and_hide_counts(content, client):
    data = client.get(f"/api/v1/contest-entries/{content.entry.pk}/").json()
    assert data["credit"] == "© Alex Martin"
    assert data["licence"]
    assert data["votes"] is None  # the demo contest hides counts until the results
    assert client.get(data["photo_url"].removeprefix("http://testserver")).status_code == 200
    assert "email" not in data and "age" not in data
