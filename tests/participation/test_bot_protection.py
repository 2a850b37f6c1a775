"""Bot protection without third parties: a honeypot, a proof-of-work
challenge verified by the server (unforgeable, single use, expiring), rate
limits per IP and per e-mail in Django's cache; and no contest page asks
the browser for anything outside the site."""
import base64
import json
import time

import pytest
from django.core import mail

from extensions.participation.core import antibot
from extensions.participation.core.models import Confirmation
from tests.html import soup
from tests.participation.helpers import challenge_payload, entry_form, make_entry, submit


def test_the_challenge_endpoint_gives_a_fresh_signed_challenge(client, contest):
    first, second = client.get("/participation/defi/"), client.get("/participation/defi/")
    assert first["Content-Type"] == "application/json"
    assert "no-cache" in first["Cache-Control"] or "no-store" in first["Cache-Control"]
    assert first.json()["challenge"] != second.json()["challenge"]
    assert first.json()["algorithm"] == "SHA-256"


def test_a_filled_honeypot_is_refused(client, contest):
    response = submit(client, contest, website="http://spam.example")
    assert response.status_code == 200
    assert str(antibot.REFUSED) in response.content.decode()
    assert not Confirmation.objects.exists()


@pytest.mark.parametrize("payload", ["", "garbage", base64.b64encode(b"{}").decode()])
def test_a_missing_or_broken_solution_is_refused(client, contest, payload):
    response = submit(client, contest, altcha=payload)
    assert response.status_code == 200
    assert not Confirmation.objects.exists()


def test_a_forged_challenge_is_refused(client, contest):
    """A challenge the client made up itself has no valid signature."""
    salt = f"abc?expires={int(time.time()) + 600}"
    forged = {"algorithm": "SHA-256", "challenge": antibot._hash(salt, 3), "maxnumber": 10, "salt": salt,
              "signature": "0" * 64}
    assert submit(client, contest, altcha=antibot.solve(forged)).status_code == 200
    assert not Confirmation.objects.exists()


def test_a_solution_is_used_once(client, contest):
    payload = challenge_payload(client)
    assert antibot.verify(payload)
    assert not antibot.verify(payload)


def test_an_expired_challenge_is_refused(client, db, monkeypatch):
    payload = challenge_payload(client)
    later = time.time() + antibot.CHALLENGE_LIFETIME + 1
    monkeypatch.setattr("extensions.participation.core.antibot.time.time", lambda: later)
    assert not antibot.verify(payload)


def test_a_wrong_number_is_refused(client, db):
    data = json.loads(base64.b64decode(challenge_payload(client)))
    data["number"] += 1
    assert not antibot.verify(base64.b64encode(json.dumps(data).encode()).decode())


def test_submissions_are_limited_per_address(client, contest, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"submit-email": (2, 3600)}
    statuses = [submit(client, contest, email="robot@exemple.fr").status_code for _ in range(3)]
    assert statuses[2] == 429


def test_submissions_are_limited_per_connection(client, contest, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"submit-ip": (2, 3600)}
    statuses = [submit(client, contest, email=f"p{n}@exemple.fr").status_code for n in range(3)]
    assert statuses[2] == 429
    elsewhere = client.post(f"/participation/envoi/{contest.pk}/", entry_form(client, contest, email="p9@exemple.fr"),
                            REMOTE_ADDR="10.0.0.9")
    assert elsewhere.status_code == 302


def test_vote_requests_are_limited_per_address(client, contest, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"vote-email": (2, 3600)}
    entry = make_entry(contest)
    for _ in range(3):
        client.post(contest.url + f"photo/{entry.pk}/", {"email": "v@exemple.fr", "altcha": challenge_payload(client)})
    assert len(mail.outbox) == 2


def test_vote_requests_are_limited_per_connection(client, contest, settings):
    settings.PARTICIPATION_RATE_LIMITS = {"vote-ip": (2, 3600)}
    entry = make_entry(contest)
    for n in range(3):
        client.post(contest.url + f"photo/{entry.pk}/", {"email": f"v{n}@exemple.fr",
                                                        "altcha": challenge_payload(client)})
    assert len(mail.outbox) == 2


def test_contest_pages_call_no_third_party(client, contest):
    entry = make_entry(contest)
    for path in ("", "reglement/", "participer/", "galerie/", f"photo/{entry.pk}/", "resultats/"):
        document = soup(client.get(contest.url + path))
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("img", "srcset"),
                               ("iframe", "src"), ("form", "action")):
            for element in document.find_all(tag):
                value = element.get(attribute) or ""
                assert "://" not in value and not value.startswith("//"), (path, tag, value)
        assert not document.find_all("script", src=False), "no inline script"
        assert not document.select("[style]"), "no inline style"
