"""The personal link of the e-mail: it opens the convocation (first
opening recorded once), the member acknowledges, answers and gives a
pouvoir through it, downloads documents (first download recorded once);
an unknown, expired or tampered link gets a clear message and records
nothing."""
import pytest

from core.links import make_token
from extensions.meetings import links
from extensions.meetings.models import AuditEvent, DocumentDownload, Recipient

from .conftest import recipient


@pytest.fixture
def anne(convoked, elus):
    return recipient(convoked, elus[0])


def test_opening_is_recorded_once(client, anne):
    url = links.url_for(anne)
    assert client.get(url).status_code == 200
    anne.refresh_from_db()
    first = anne.first_opened_at
    assert first is not None
    client.get(url)
    anne.refresh_from_db()
    assert anne.first_opened_at == first
    assert AuditEvent.objects.filter(recipient=anne, kind=AuditEvent.Kind.OPENED).count() == 1


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
