"""The personal link of the e-mail: it opens the convocation (first
opening recorded once, on the member's first action, never by a plain GET
such as a mail scanner's), the member acknowledges, answers and gives a
pouvoir through it, downloads documents (first download recorded once);
an unknown, expired or tampered link gets a clear message and records
nothing; a cancelled meeting or an ended mandate withdraws the link."""
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.translation import gettext

from core.links import make_token
from extensions.meetings import attestation, convocations, links
from extensions.meetings.models import AuditEvent, DocumentDownload, Mandate, Recipient
from tests.html import soup, visible_text

from .conftest import recipient


@pytest.fixture
def anne(convoked, elus):
    return recipient(convoked, elus[0])


def test_a_plain_get_records_no_opening(client, anne):
    """A mail scanner fetches the link: the page answers, nothing is recorded."""
    url = links.url_for(anne)
    for _n in range(2):
        response = client.get(url)
        assert response.status_code == 200
    anne.refresh_from_db()
    assert anne.first_opened_at is None
    assert not AuditEvent.objects.filter(recipient=anne, kind=AuditEvent.Kind.OPENED).exists()
    page = soup(response)
    opening = page.select_one("form[data-meeting-opening]")
    assert opening.find("input", {"name": "action"})["value"] == "open"
    scripts = page.select("script")
    assert "/static/meetings/opening.js" in [script.get("src") for script in scripts]
    assert all(script.get("src") and not script.string for script in scripts)  # strict CSP: no inline code


def test_the_members_first_action_records_the_opening_once(client, anne):
    url = links.url_for(anne)
    response = client.post(url, {"action": "open"})
    assert response.status_code == 204
    anne.refresh_from_db()
    first = anne.first_opened_at
    assert first is not None
    client.post(url, {"action": "acknowledge"})
    anne.refresh_from_db()
    assert anne.first_opened_at == first
    assert AuditEvent.objects.filter(recipient=anne, kind=AuditEvent.Kind.OPENED).count() == 1
    assert not soup(client.get(url)).select("form[data-meeting-opening], script[src*=opening]")


def test_the_attestation_counts_only_human_openings(client, anne, elus):
    url = links.url_for(anne)
    client.get(url)
    convocation = anne.meeting.convocations.get(version=1)
    consultation = attestation.headings().index(gettext("First consultation"))
    assert [row[consultation] for row in attestation.rows(convocation) if row[0] == anne.name] == [""]
    client.post(url, {"action": "acknowledge"})
    anne.refresh_from_db()
    row = next(row for row in attestation.rows(convocation) if row[0] == anne.name)
    assert row[consultation] == timezone.localtime(anne.first_opened_at).strftime("%d/%m/%Y %H:%M:%S")
    assert row[consultation + 1]  # acknowledged


def withdrawn(anne, how, agent):
    if how == "cancelled":
        convocations.cancel(anne.meeting, agent)
    else:
        Mandate.objects.filter(pk=anne.mandate_id).update(end=timezone.localdate() - timedelta(days=1))
    return {"cancelled": "annulée", "mandate ended": "mandat"}[how]


@pytest.mark.parametrize("how", ["cancelled", "mandate ended"])
def test_a_withdrawn_link_says_why_and_records_nothing(client, anne, annex, agent, how):
    url = links.url_for(anne)
    word = withdrawn(anne, how, agent)
    events = AuditEvent.objects.count()
    for response in (client.get(url), client.post(url, {"action": "open"}),
                     client.post(url, {"action": "acknowledge"}), client.get(f"{url}documents/{annex.pk}/")):
        assert response.status_code == 410
        text = visible_text(response)
        assert "Ce lien n’est plus actif" in text and word in text
    anne.refresh_from_db()
    assert anne.first_opened_at is None and anne.acknowledged_at is None
    assert not DocumentDownload.objects.filter(recipient=anne).exists()
    assert AuditEvent.objects.count() == events


def test_a_mandate_ending_later_keeps_the_link(client, anne):
    Mandate.objects.filter(pk=anne.mandate_id).update(end=timezone.localdate())
    assert client.get(links.url_for(anne)).status_code == 200


def test_acknowledge_and_answer_through_the_link(client, anne, elus):
    url = links.url_for(anne)
    response = client.post(url, {"action": "acknowledge"}, follow=True)
    assert response.status_code == 200
    client.post(url, {"action": "acknowledge"})
    response = client.post(url, {"action": "answer", "answer": "pouvoir", "holder": elus[1].pk}, follow=True)
    anne.refresh_from_db()
    assert anne.acknowledged_at and anne.answer == Recipient.Answer.POUVOIR
    assert AuditEvent.objects.filter(recipient=anne, kind=AuditEvent.Kind.ACKNOWLEDGED).count() == 1
    assert "Bruno Conseil" in response.content.decode()


def test_a_refused_pouvoir_explains_and_changes_nothing(client, convoked, elus):
    from extensions.meetings import workflow

    workflow.give_answer(recipient(convoked, elus[2]), "pouvoir", holder=elus[1])
    anne = recipient(convoked, elus[0])
    response = client.post(links.url_for(anne), {"action": "answer", "answer": "pouvoir", "holder": elus[1].pk})
    assert response.status_code == 200
    assert "only one" in response.content.decode() or "un seul" in response.content.decode()
    anne.refresh_from_db()
    assert anne.answer == ""


def test_documents_through_the_link(client, anne, annex):
    url = f"{links.url_for(anne)}documents/{annex.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    with annex.file.open("rb") as fh:
        assert b"".join(response.streaming_content) == fh.read()
    client.get(url)
    assert DocumentDownload.objects.filter(recipient=anne, document=annex).count() == 1
    assert AuditEvent.objects.filter(recipient=anne, kind=AuditEvent.Kind.DOWNLOADED).count() == 1


def test_a_document_of_another_meeting_is_not_served(client, anne, private_document):
    assert client.get(f"{links.url_for(anne)}documents/{private_document.pk}/").status_code == 404


@pytest.mark.parametrize("kind", ["tampered", "unknown", "expired", "garbage"])
def test_a_bad_link_gets_a_message_and_records_nothing(client, anne, elus, kind, settings):
    token = links.token_for(anne)
    if kind == "tampered":
        token = links.token_for(recipient(anne.meeting, elus[1])).split(":")[0] + token[token.index(":"):]
    elif kind == "unknown":
        token = make_token(links.SALT, 999999)
    elif kind == "expired":
        settings.MEETINGS_LINK_MAX_AGE = -1
    else:
        token = "n-importe-quoi"
    events = AuditEvent.objects.count()
    response = client.get(f"/seances/convocation/{token}/")
    assert response.status_code == 404
    text = response.content.decode()
    assert ("expired" in text or "expiré" in text) if kind == "expired" else ("not valid" in text or "valide" in text)
    response = client.post(f"/seances/convocation/{token}/", {"action": "acknowledge"})
    assert response.status_code == 404
    anne.refresh_from_db()
    assert anne.first_opened_at is None and anne.acknowledged_at is None
    assert AuditEvent.objects.count() == events
