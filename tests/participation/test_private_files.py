"""Pending and rejected photos live in private storage that no URL serves;
only approved entries of a live, public contest have public renditions."""
from django.conf import settings

from core.storage import private_storage
from extensions.participation.models import Entry
from tests.participation.helpers import make_entry


def test_the_private_root_is_outside_the_public_media(contest):
    assert not str(private_storage.location).startswith(str(settings.MEDIA_ROOT))
    entry = make_entry(contest, status=Entry.Status.PENDING)
    try:
        private_storage.url(entry.photo.name)
    except ValueError:
        pass
    else:
        raise AssertionError("a private file must have no URL")


def test_pending_and_rejected_entries_have_no_public_photo(client, contest):
    for status in (Entry.Status.PENDING, Entry.Status.REJECTED):
        entry = make_entry(contest, status=status)
        for width in (480, 960, 1600):
            assert client.get(entry.photo_url(width)).status_code == 404
        assert client.get(f"/media/{entry.photo.name}").status_code == 404
        assert client.get(contest.url + f"photo/{entry.pk}/").status_code == 404


def test_an_approved_entry_has_a_public_photo_and_page(client, contest):
    entry = make_entry(contest)
    assert client.get(entry.photo_url()).status_code == 200
    assert client.get(contest.url + f"photo/{entry.pk}/").status_code == 200


def test_an_unpublished_contest_hides_its_photos(client, contest):
    entry = make_entry(contest)
    contest.unpublish()
    assert client.get(entry.photo_url()).status_code == 404


def test_unknown_sizes_are_not_served(client, contest):
    entry = make_entry(contest)
    assert client.get(f"/participation/photo/{entry.pk}/123.jpg").status_code == 404


def test_the_admin_preview_needs_moderation_rights(client_as, contest):
    entry = make_entry(contest, status=Entry.Status.PENDING)
    url = f"/admin/participation/apercu/{entry.pk}/480.jpg"
    assert client_as("redaction").get(url).status_code == 404
    assert client_as("agent").get(url).status_code == 200


def test_a_photo_that_can_be_withdrawn_is_never_kept_by_a_shared_cache(client, contest):
    """Approved today, rejected tomorrow: a proxy or CDN must not go on
    serving it for an hour, and a browser only briefly."""
    entry = make_entry(contest)
    response = client.get(entry.photo_url())
    assert response.status_code == 200
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert "private" in directives and "public" not in directives
    assert "max-age=60" in directives

    entry.status = Entry.Status.REJECTED
    entry.save()
    assert client.get(entry.photo_url()).status_code == 404
