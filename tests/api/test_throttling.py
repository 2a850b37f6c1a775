"""Rate limits: anonymous clients per address, signed-in people (session or
token) per person, with a French 429 that says when to come back."""
import pytest
from wagtail.models import APIToken

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_rates(settings):
    settings.API_THROTTLE_RATES = {"anon": "3/minute", "user": "5/minute"}


def test_anonymous_clients_are_limited_per_address(low_rates, db, client):
    statuses = [client.get("/api/v1/documents/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = client.get("/api/v1/documents/")
    assert "Requête ralentie" in refused.json()["detail"]
    assert int(refused["Retry-After"]) > 0
    # Another address has its own allowance.
    assert client.get("/api/v1/documents/", REMOTE_ADDR="192.0.2.7").status_code == 200


def test_people_are_limited_per_person_whatever_the_channel(low_rates, users, client):
    _token, key = APIToken.create_token(user=users["elu"], name="Script")
    client.force_login(users["elu"])
    statuses = [client.get("/api/v1/news/").status_code for _ in range(3)]
    client.logout()
    statuses += [client.get("/api/v1/news/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code for _ in range(3)]
    assert statuses == [200] * 5 + [429]


def test_a_client_rotating_forwarded_for_gets_no_more_requests(low_rates, db, client):
    statuses = [client.get("/api/v1/documents/", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
                for n in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_behind_the_configured_proxy_each_visitor_has_an_allowance(low_rates, db, client, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    statuses = [client.get("/api/v1/documents/", HTTP_X_REAL_IP="198.51.100.1").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert client.get("/api/v1/documents/", HTTP_X_REAL_IP="198.51.100.2").status_code == 200
