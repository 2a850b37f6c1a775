"""Who the API takes you for: a session of the site, or a Wagtail API token
(`Authorization: Bearer …`) which acts exactly as its owner. A revoked,
unknown or malformed token, or one whose owner was deactivated, is refused
with a French 401 and shows nothing."""
import pytest
from wagtail.models import APIToken

pytestmark = pytest.mark.django_db


def titles(response):
    return {item["title"] for item in response.json()["results"]}


@pytest.fixture
def member_key(people):
    _token, key = APIToken.create_token(user=people["elu_member"], name="Application des élus")
    return key


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_a_token_sees_what_its_owner_sees(content, client, member_key):
    response = client.get("/api/v1/publications/", **bearer(member_key))
    assert response.status_code == 200
    assert titles(response) == {content.publication.title}
    assert content.elus_document.title in titles(client.get("/api/v1/documents/", **bearer(member_key)))
    assert APIToken.objects.get().last_used_at is not None


def test_a_session_works_too(content, api_as):
    assert titles(api_as("elu_member").get("/api/v1/publications/")) == {content.publication.title}


@pytest.mark.parametrize("case", ["revoked", "unknown", "malformed", "inactive owner", "two words"])
def test_bad_tokens_are_refused_and_show_nothing(content, client, people, member_key, case):
    header = f"Bearer {member_key}"
    if case == "revoked":
        APIToken.objects.get().revoke()
    elif case == "unknown":
        header = f"Bearer {APIToken.generate_token()}"
    elif case == "malformed":
        header = "Bearer pas-un-jeton"
    elif case == "inactive owner":
        people["elu_member"].is_active = False
        people["elu_member"].save()
    else:
        header = f"Bearer {member_key} encore"
    response = client.get("/api/v1/publications/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json()["detail"] in {"Jeton invalide ou révoqué.", "En-tête d’authentification invalide."}
    assert content.publication.title not in response.content.decode()


def test_tokens_are_managed_in_the_admin(people, client):
    client.force_login(people["superuser"])
    assert client.get("/admin/api-tokens/").status_code == 200
