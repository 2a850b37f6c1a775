"""The permission matrix, API column: for every endpoint and every role,
lists show exactly what the role may see, and the detail of anything else
answers 404, the same as an id that does not exist."""
import pytest

from tests.api.conftest import ROLES, SEES_ELUS, SEES_URBANISME

pytestmark = pytest.mark.django_db

MISSING_ID = 987654321


def titles(response):
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["results"]}


def private_cases(content):
    """(endpoint, private object, public object or None, who may see it)."""
    return {
        "news": (content.elus_news, content.news, SEES_ELUS),
        "events": (content.elus_event, content.event, SEES_ELUS),
        "documents": (content.elus_document, content.document, SEES_ELUS),
        "contest-entries": (content.pending_entry, content.entry, set()),
        "publications": (content.publication, None, SEES_URBANISME),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", ["news", "events", "documents", "contest-entries", "publications"])
def test_lists_show_what_the_role_may_see(role, endpoint, content, api_as):
    private, public, allowed = private_cases(content)[endpoint]
    shown = titles(api_as(role).get(f"/api/v1/{endpoint}/"))
    assert (private.title in shown) == (role in allowed)
    if public is not None:
        assert public.title in shown


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("endpoint", ["news", "events", "documents", "contest-entries", "publications"])
def test_private_ids_answer_like_missing_ones(role, endpoint, content, api_as):
    private, _public, allowed = private_cases(content)[endpoint]
    client = api_as(role)
    found = client.get(f"/api/v1/{endpoint}/{private.pk}/")
    missing = client.get(f"/api/v1/{endpoint}/{MISSING_ID}/")
    assert missing.status_code == 404
    if role in allowed:
        assert found.status_code == 200
        assert found.json()["title"] == private.title
    else:
        assert found.status_code == 404
        assert found.json() == missing.json()


@pytest.mark.parametrize("role", ROLES)
def test_another_spaces_publications_are_never_shown(role, content, api_as):
    """The sécurité commission's publication: its members are the élu
    non-member of urbanisme and the outsider."""
    allowed = {"elu_non_member", "outsider", "superuser"}
    client = api_as(role)
    assert (content.other_publication.title in titles(client.get("/api/v1/publications/"))) == (role in allowed)
    detail = client.get(f"/api/v1/publications/{content.other_publication.pk}/")
    assert detail.status_code == (200 if role in allowed else 404)


@pytest.mark.parametrize("role", ROLES)
def test_contests_are_public(role, content, api_as):
    assert content.contest.title in titles(api_as(role).get("/api/v1/contests/"))
