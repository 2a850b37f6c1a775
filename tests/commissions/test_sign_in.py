"""Front-end sign-in of élus, agents and invited outsiders: sign in (by
username or e-mail address), sign out, reset a forgotten password by
e-mail, and come back to the page they asked for."""
import re

import pytest
from django.core import mail

from tests.core.mime import assert_standard_headers, sender
from tests.factories import PASSWORD, install_home_page
from tests.html import soup

pytestmark = pytest.mark.django_db


def test_the_sign_in_form_is_labelled(client, home_page):
    page = soup(client.get("/connexion/"))
    for name in ("username", "password"):
        field = page.find("input", attrs={"name": name})
        assert page.find("label", attrs={"for": field["id"]}) is not None
    assert page.find("input", attrs={"name": "username"})["autocomplete"] == "username"
    assert page.find("a", href="/mot-de-passe/oublie/") is not None


@pytest.mark.parametrize("login", ["elu", "ELU", "elu@parvis.localhost", "ELU@parvis.localhost"])
def test_signing_in_leads_to_my_spaces(login, client, cast):
    response = client.post("/connexion/", {"username": login, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/espaces/"


def test_a_wrong_password_is_explained_and_signs_nobody_in(client, cast):
    response = client.post("/connexion/", {"username": "elu", "password": "mauvais"})
    assert response.status_code == 200
    assert soup(response).find(class_="form-errors") is not None
    assert "_auth_user_id" not in client.session


def test_a_signed_out_visitor_comes_back_to_the_publication(client, cast, publication):
    response = client.get(publication.get_url())
    assert response.status_code == 302
    login_url = response["Location"]
    next_url = login_url.split("next=")[1]
    response = client.post(login_url, {"username": "elu", "password": PASSWORD, "next": publication.get_url()})
    assert response["Location"] == publication.get_url()
    assert next_url.replace("%2F", "/") == publication.get_url()


def test_signing_in_never_sends_elsewhere(client, cast):
    response = client.post("/connexion/", {"username": "elu", "password": PASSWORD,
                                           "next": "https://ailleurs.example/piege"})
    assert response["Location"] == "/espaces/"


def test_signing_out_takes_a_post(client, cast, sign_in):
    client = sign_in(cast["elu_member"])
    assert client.get("/deconnexion/").status_code == 405
    assert client.post("/deconnexion/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_resetting_a_forgotten_password(client, cast):
    # A Host header no site answers to gets the default site's links, never its own.
    response = client.post("/mot-de-passe/oublie/", {"email": "elu@parvis.localhost"}, HTTP_HOST="pirate.example")
    assert response["Location"] == "/mot-de-passe/envoye/"
    [message] = mail.outbox
    assert message.to == ["elu@parvis.localhost"]
    assert "pirate" not in message.body
    link = re.search(r"http://localhost(/mot-de-passe/nouveau/\S+/)", message.body).group(1)
    assert link in message.alternatives[0][0]
    form_url = client.get(link)["Location"]  # Django hides the token behind a redirect
    response = client.post(form_url, {"new_password1": "Nouveau-Mot-2025!", "new_password2": "Nouveau-Mot-2025!"})
    assert response["Location"] == "/mot-de-passe/modifie/"
    cast["elu_member"].refresh_from_db()
    assert cast["elu_member"].check_password("Nouveau-Mot-2025!")


def test_a_reset_asked_on_the_intercos_site_comes_from_it(client, cast):
    install_home_page(hostname="interco.localhost", theme="interco", title="Val d’Aurèle", slug="val")
    client.post("/mot-de-passe/oublie/", {"email": "elu@parvis.localhost"}, HTTP_HOST="interco.localhost")
    [message] = mail.outbox
    assert re.search(r"http://interco\.localhost/mot-de-passe/nouveau/\S+/", message.body)
    assert sender(message)[0] == "Val d’Aurèle"
    assert_standard_headers(message, "interco.localhost")


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, cast):
    response = client.post("/mot-de-passe/oublie/", {"email": "inconnu@example.org"})
    assert response["Location"] == "/mot-de-passe/envoye/"
    assert mail.outbox == []


def test_my_spaces_needs_signing_in(client, home_page):
    response = client.get("/espaces/")
    assert response["Location"] == "/connexion/?next=/espaces/"
