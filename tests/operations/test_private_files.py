"""Private files are handed to nginx (X-Accel-Redirect) only after the
permission check, when ACCEL_REDIRECT_LOCATIONS is set; refusals stay the
same 404, and without the setting Django streams the file itself."""
import pytest

from extensions.participation.models import Entry
from tests.participation.helpers import make_contest, make_entry


@pytest.fixture
def accel(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.ACCEL_REDIRECT_LOCATIONS = {
        str(settings.MEDIA_ROOT): "/_protected/media/", str(settings.PRIVATE_MEDIA_ROOT): "/_protected/private/",
    }
    return settings


def test_a_public_document_is_handed_to_nginx(client, accel, public_document):
    response = client.get(public_document.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == "/_protected/media/" + public_document.file.name
    assert response["Content-Type"] == "application/pdf"
    assert not response.content  # nginx sends the bytes


def test_a_private_document_is_refused_before_any_hand_off(client_as, accel, private_document):
    for role in ("anonymous", "agent"):
        response = client_as(role).get(private_document.url)
        assert response.status_code == 404
        assert "X-Accel-Redirect" not in response
    member = client_as("elu").get(private_document.url)
    assert member["X-Accel-Redirect"] == "/_protected/media/" + private_document.file.name


def test_contest_photos_are_handed_to_nginx_once_approved(client, accel, home_page):
    contest = make_contest(home_page)
    approved, pending = make_entry(contest), make_entry(contest, status=Entry.Status.PENDING)
    response = client.get(approved.photo_url(480))
    assert response["X-Accel-Redirect"].startswith("/_protected/private/")
    assert response["Content-Type"] == "image/jpeg"
    # A photo can be withdrawn after approval: no shared cache keeps it.
    assert response["Cache-Control"] == "private, max-age=60"
    refused = client.get(pending.photo_url(480))
    assert refused.status_code == 404 and "X-Accel-Redirect" not in refused


def test_without_nginx_django_streams_the_file(client, public_document, settings):
    settings.ACCEL_REDIRECT_LOCATIONS = {}
    response = client.get(public_document.url)
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content).startswith(b"%PDF")
