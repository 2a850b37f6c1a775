"""Search never reveals what a role may not see: a word planted only in a
page restricted to the Élus, a document of the Élus' private collection and
a page for signed-in users is found exactly by those allowed, in results,
counts, facets and autocomplete, on every backend and through the views."""
import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from extensions.search.engine import Search, SearchParams, suggestions
from pages.roles import ELUS
from tests.factories import ArchiveDocumentFactory, StandardPageFactory

ROLES = ["anonymous", "externe", "elu", "redaction", "agent", "superuser"]
SECRET = "zorglubine"
MEMBERS_ONLY = "zorglogine"
# Who may see what: Élus restrictions let in the group and superusers;
# a login restriction lets in anyone signed in.
SEES_ELUS = {"elu", "superuser"}
SEES_LOGIN = set(ROLES) - {"anonymous"}


def restrict(page, restriction_type, groups=()):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=restriction_type)
    restriction.groups.set(groups)


@pytest.fixture
def planted(search_backend, home_page, elus_collection, users, refresh):
    elus_page = StandardPageFactory(parent=home_page, title=f"Note {SECRET} aux élus", intro=f"<p>Le dossier {SECRET}.</p>")
    restrict(elus_page, PageViewRestriction.GROUPS, Group.objects.filter(name=ELUS))
    ArchiveDocumentFactory(title=f"Rapport {SECRET} confidentiel", summary=f"Le {SECRET} du conseil.", collection=elus_collection)
    login_page = StandardPageFactory(parent=home_page, title=f"Espace {MEMBERS_ONLY}", intro=f"<p>{MEMBERS_ONLY}</p>")
    restrict(login_page, PageViewRestriction.LOGIN)
    StandardPageFactory(parent=home_page, title="Page publique", intro="<p>Rien de secret.</p>")
    refresh()


def expected(role, word):
    if word == SECRET:
        return {f"Note {SECRET} aux élus", f"Rapport {SECRET} confidentiel"} if role in SEES_ELUS else set()
    return {f"Espace {MEMBERS_ONLY}"} if role in SEES_LOGIN else set()


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("word", [SECRET, MEMBERS_ONLY])
def test_results_counts_and_facets_show_only_what_the_role_may_see(planted, request_as, role, word):
    search = Search(request_as(role), SearchParams(query=word))
    merged = search.merged()
    assert {r.title for r in search.present(merged[0:20])} == expected(role, word)
    assert merged.count() == len(expected(role, word))
    facet_total = sum(v.count for group in search.facets() if group.name == "type" for v in group.values)
    assert facet_total == len(expected(role, word))
    kinds = [v for group in search.facets() if group.name == "kind" for v in group.values]
    assert bool(kinds) == (word == SECRET and role in SEES_ELUS)


@pytest.mark.parametrize("role", ROLES)
def test_autocomplete_shows_only_what_the_role_may_see(planted, request_as, role):
    found = {s["title"] for s in suggestions(request_as(role), SECRET[:6])}
    assert found == expected(role, SECRET)


@pytest.mark.parametrize("role", ROLES)
def test_the_page_and_the_endpoint_reveal_nothing_more(planted, client_as, role):
    client = client_as(role)
    page = client.get("/recherche/", {"q": SECRET})
    suggestions_json = client.get("/recherche/suggestions/", {"q": SECRET[:6]}).json()
    allowed = role in SEES_ELUS
    assert (SECRET in page.content.decode()) is True  # the query itself is echoed
    assert (f"Note <mark>{SECRET}</mark> aux élus" in page.content.decode()) is allowed
    assert (f"Rapport <mark>{SECRET}</mark> confidentiel" in page.content.decode()) is allowed
    assert bool(suggestions_json["results"]) is allowed
