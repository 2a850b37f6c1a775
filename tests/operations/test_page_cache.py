"""Anonymous visitors get public pages from the cache after the first hit,
fresh after a publish, an unpublish, a move or a deletion; signed-in users
never get, and never fill, a cached page."""
import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction, Site

from extensions.commissions.models import Membership, Space
from pages.roles import ELUS
from tests.factories import (
    ArchiveDocumentFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    UserFactory,
    install_home_page,
)
from tests.html import soup, visible_text
from tests.participation.helpers import make_contest, make_entry

pytestmark = pytest.mark.usefixtures("page_cache")


@pytest.fixture
def news(home_page):
    index = NewsIndexPageFactory(parent=home_page, title="Actualités", slug="actualites")
    return NewsPageFactory(parent=index, title="Travaux rue de la Gare", slug="travaux")


def test_second_anonymous_visit_is_served_from_the_cache(client, news, django_assert_num_queries):
    first = client.get(news.url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(news.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert "Set-Cookie" not in second


def test_a_publish_is_seen_at_once(client, news):
    client.get(news.url)
    news.title = "Travaux terminés rue de la Gare"
    news.save_revision().publish()
    response = client.get(news.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Travaux terminés" in visible_text(response)


def test_a_listing_is_fresh_after_a_new_page_is_published(client, news):
    index = news.get_parent()
    client.get(index.url)
    NewsPageFactory(parent=index.specific, title="Fête de la musique")
    assert "Fête de la musique" in visible_text(client.get(index.url))


def test_an_unpublished_page_is_gone_at_once(client, news):
    client.get(news.url)
    news.unpublish()
    assert client.get(news.url).status_code == 404


def test_a_moved_page_leaves_its_old_address(client, news, home_page):
    old_url = news.url
    client.get(old_url)
    news.move(home_page, pos="last-child")
    response = client.get(old_url)
    assert response.status_code == 301  # Wagtail's automatic redirect
    assert response["Location"] == "/travaux/"


def test_a_deleted_page_is_gone_at_once(client, news):
    client.get(news.url)
    url = news.url
    news.delete()
    assert client.get(url).status_code == 404


def test_a_new_document_refreshes_the_library(client, library_page):
    client.get(library_page.url)
    ArchiveDocumentFactory(title="Arrêté de circulation")
    assert "Arrêté de circulation" in visible_text(client.get(library_page.url))


def test_sites_have_their_own_entries(client, home_page):
    other = install_home_page(hostname="interco.localhost", title="Communauté de communes")
    commune = client.get("/")
    interco = client.get("/", HTTP_HOST="interco.localhost")
    assert "Communauté de communes" in visible_text(interco)
    assert "Communauté de communes" not in visible_text(commune)
    # A publish on one site leaves the other's entries alone.
    other.save_revision().publish()
    assert client.get("/")["X-Page-Cache"] == "hit"
    assert client.get("/", HTTP_HOST="interco.localhost")["X-Page-Cache"] == "miss"
    assert Site.objects.count() == 2


def test_signed_in_users_neither_get_nor_fill_the_cache(client, users, news):
    # An editor's page carries their Wagtail user bar (edit links).
    client.force_login(users["redaction"])
    editor_page = client.get(news.url)
    assert "X-Page-Cache" not in editor_page
    assert b"wagtail-userbar" in editor_page.content
    client.logout()
    client.cookies.clear()
    anonymous = client.get(news.url)
    assert anonymous["X-Page-Cache"] == "miss"
    assert b"wagtail-userbar" not in anonymous.content
    assert client.get(news.url)["X-Page-Cache"] == "hit"
    client.force_login(users["redaction"])
    again = client.get(news.url)
    assert "X-Page-Cache" not in again
    assert b"wagtail-userbar" in again.content


def test_a_visitor_with_a_session_is_not_served_from_the_cache(client, news):
    client.get(news.url)
    client.cookies["sessionid"] = "anything"
    assert "X-Page-Cache" not in client.get(news.url)


def test_two_members_of_a_space_each_see_their_own_name(client, home_page):
    space = Space.objects.create(name="Commission urbanisme")
    names = {"paul": ("Paul", "Martin"), "claire": ("Claire", "Durand")}
    people = {}
    for username, (first, last) in names.items():
        people[username] = UserFactory(username=username, first_name=first, last_name=last, groups=[Group.objects.get(name=ELUS)])
        Membership.objects.create(space=space, user=people[username])
    for username, other in (("paul", "Claire Durand"), ("claire", "Paul Martin")):
        client.force_login(people[username])
        text = visible_text(client.get(space.page.url))
        assert f"Connecté(e) : {' '.join(names[username])}" in text
        assert f"Connecté(e) : {other}" not in text
    client.logout()
    client.cookies.clear()
    anonymous = client.get(space.page.url)
    assert anonymous.status_code in (302, 404)
    assert b"Martin" not in anonymous.content and b"Durand" not in anonymous.content


def test_a_restricted_page_is_never_stored(client, news):
    restriction = PageViewRestriction.objects.create(
        page=news, restriction_type=PageViewRestriction.PASSWORD, password="conseil")
    # Wagtail answers 200 with a password form (a CSRF token): not shared.
    for _attempt in range(2):
        response = client.get(news.url)
        assert "X-Page-Cache" not in response
    restriction.delete()
    assert client.get(news.url)["X-Page-Cache"] == "miss"


def test_a_page_with_a_form_is_never_stored(client, home_page, settings, tmp_path):
    """A contest photo's page holds the vote form and its CSRF token: a
    token served to someone else would make their vote fail."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    contest = make_contest(home_page)
    url = contest.url + f"photo/{make_entry(contest).pk}/"
    tokens = set()
    for _visitor in range(2):
        client.cookies.clear()
        response = client.get(url)
        assert "X-Page-Cache" not in response
        tokens.add(soup(response).find("input", {"name": "csrfmiddlewaretoken"})["value"])
    assert len(tokens) == 2


def test_the_cache_can_be_turned_off(client, news, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(news.url)
    assert "X-Page-Cache" not in client.get(news.url)
