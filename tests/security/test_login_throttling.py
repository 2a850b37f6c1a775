"""Password guessing is throttled on both login forms: after a few wrong
passwords for one username from one address, the form answers 429 with a
French message and does not check the password, even the right one."""
import pytest
from django.urls import reverse

from tests.html import visible_text

LOGINS = ["/connexion/", "/admin/login/"]
PASSWORD = "mot-de-passe-correct"


@pytest.fixture
def elu(users):
    user = users["elu"]
    user.set_password(PASSWORD)
    user.is_staff = True  # may also sign in to the admin
    user.save()
    return user


def attempt(client, url, password, username="elu", address="203.0.113.7"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


@pytest.mark.parametrize("url", LOGINS)
def test_wrong_passwords_then_the_form_pauses(client, elu, url, settings):
    for _attempt in range(settings.LOGIN_THROTTLE["per_user"]):
        assert attempt(client, url, "devinette").status_code == 200  # the form, with its error
    response = attempt(client, url, PASSWORD)
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    text = visible_text(response)
    assert "Trop de tentatives de connexion" in text
    assert "Réessayez dans 15 minutes." in text
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("url", LOGINS)
def test_another_address_or_account_is_not_locked(client, elu, url, settings):
    for _attempt in range(settings.LOGIN_THROTTLE["per_user"]):
        attempt(client, url, "devinette")
    response = attempt(client, url, PASSWORD, address="198.51.100.20")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(elu.pk)


def test_one_address_trying_many_usernames_is_paused(client, elu, settings):
    settings.LOGIN_THROTTLE = {**settings.LOGIN_THROTTLE, "per_address": 6}
    for number in range(6):
        attempt(client, LOGINS[0], "devinette", username=f"inconnu{number}")
    assert attempt(client, LOGINS[0], PASSWORD).status_code == 429


def test_a_success_clears_the_failures(client, elu, settings):
    for _attempt in range(settings.LOGIN_THROTTLE["per_user"] - 1):
        attempt(client, LOGINS[0], "devinette")
    assert attempt(client, LOGINS[0], PASSWORD).status_code == 302
    client.logout()
    for _attempt in range(settings.LOGIN_THROTTLE["per_user"] - 1):
        attempt(client, LOGINS[0], "devinette")
    assert attempt(client, LOGINS[0], PASSWORD).status_code == 302


def test_the_address_behind_a_proxy_comes_from_the_configured_header(client, elu, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    for _attempt in range(settings.LOGIN_THROTTLE["per_user"]):
        client.post(LOGINS[0], {"username": "elu", "password": "x"}, REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="203.0.113.7")
    # Another visitor behind the same proxy is not paused.
    other = client.post(LOGINS[0], {"username": "elu", "password": PASSWORD},
                        REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="192.0.2.55")
    assert other.status_code == 302


def test_the_login_views_are_the_real_ones(settings):
    assert {reverse(name) for name in settings.LOGIN_THROTTLE["views"]} == set(LOGINS)
