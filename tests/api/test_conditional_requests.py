"""Conditional GET where it is cheap: an ETag on every answer (a matching
If-None-Match gets 304), Last-Modified on pages; and answers that depend
on who asks are never kept by shared caches."""
import pytest

pytestmark = pytest.mark.django_db


def test_etag_and_304(content, client):
    first = client.get("/api/v1/documents/")
    assert first.status_code == 200 and first["ETag"]
    again = client.get("/api/v1/documents/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_etag_changes_with_the_content(content, client):
    etag = client.get("/api/v1/news/")["ETag"]
    content.news.title = "Fête de la musique, nouveau programme"
    content.news.save_revision().publish()
    assert client.get("/api/v1/news/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_pages_say_when_they_last_changed(content, client):
    response = client.get(f"/api/v1/news/{content.news.pk}/")
    assert response["Last-Modified"]
    assert client.get(f"/api/v1/news/{content.news.pk}/",
                      HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]).status_code == 304


def test_answers_vary_on_who_asks(content, api_as):
    anonymous = api_as("anonymous").get("/api/v1/news/")
    assert {"Authorization", "Cookie"} <= {h.strip() for h in anonymous["Vary"].split(",")}
    member = api_as("elu_member").get("/api/v1/news/")
    assert member["Cache-Control"] == "private, no-cache"
    # Élus see one more article: the same ETag must not serve both.
    assert member["ETag"] != anonymous["ETag"]
