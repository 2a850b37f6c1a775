"""Approved contest photos are searchable by everyone who may see their
contest, by title and description; pending and rejected entries are found by
no one, in results, counts and autocomplete, and a restricted contest's
photos stay out of sight of those it is restricted against."""
import pytest
from wagtail.models import PageViewRestriction

from extensions.participation.models import Entry
from extensions.search.engine import Search, SearchParams, suggestions
from tests.participation.helpers import make_contest, make_entry

WORD = "quenouillette"


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def contest(search_backend, home_page):
    return make_contest(home_page)


def found(request, query=WORD):
    search = Search(request, SearchParams(query=query))
    merged = search.merged()
    titles = {result.title for result in search.present(merged[0:20])}
    return titles, merged.count(), {s["title"] for s in suggestions(request, query[:7])}


@pytest.mark.parametrize("role", ["anonymous", "elu", "superuser"])
def test_an_approved_photo_is_found_by_title_and_description(contest, refresh, request_as, role):
    make_entry(contest, title=f"La {WORD} au lavoir", description="Brume sur l'Aurèle au petit matin.")
    refresh()
    assert found(request_as(role)) == ({f"La {WORD} au lavoir"}, 1, {f"La {WORD} au lavoir"})
    titles, count, _ = found(request_as(role), "brumes aurele")
    assert titles == {f"La {WORD} au lavoir"} and count == 1


@pytest.mark.parametrize("status", [Entry.Status.PENDING, Entry.Status.REJECTED])
@pytest.mark.parametrize("role", ["anonymous", "agent", "superuser"])
def test_unmoderated_and_rejected_photos_are_found_by_no_one(contest, refresh, request_as, status, role):
    make_entry(contest, status=status, title=f"La {WORD} au lavoir")
    refresh()
    assert found(request_as(role)) == (set(), 0, set())


def test_a_photo_disappears_once_rejected(contest, refresh, request_as):
    entry = make_entry(contest, title=f"La {WORD} au lavoir")
    entry.status = Entry.Status.REJECTED
    entry.save()
    refresh()
    assert found(request_as("anonymous")) == (set(), 0, set())


def test_the_author_name_is_not_searchable(contest, refresh, request_as):
    make_entry(contest, author_name=f"Camille {WORD.capitalize()}")
    refresh()
    assert found(request_as("anonymous"))[1] == 0


def test_a_restricted_contest_hides_its_photos(contest, refresh, request_as, users):
    PageViewRestriction.objects.create(page=contest, restriction_type=PageViewRestriction.LOGIN)
    make_entry(contest, title=f"La {WORD} au lavoir")
    refresh()
    assert found(request_as("anonymous")) == (set(), 0, set())
    assert found(request_as("elu"))[1] == 1


def test_the_search_page_links_to_the_photo_page(contest, refresh, client):
    entry = make_entry(contest, title=f"La {WORD} au lavoir")
    refresh()
    response = client.get("/recherche/", {"q": WORD})
    link = f"{contest.url}photo/{entry.pk}/"
    assert link in response.content.decode()
    assert client.get(link).status_code == 200
