"""Against a real SMTP server started by the test: each member gets exactly
one message whose link works; a server that refuses then accepts yields one
delivery after the retry; sending twice sends once; the member on paper
gets no e-mail; a failure stays visible."""
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from extensions.meetings import convocations
from extensions.meetings.models import AuditEvent, Delivery
from extensions.meetings.tasks import MAX_ATTEMPTS, run_due

from .smtp import smtp_server


@pytest.fixture
def inbox():
    with smtp_server() as inbox:
        yield inbox


def send(meeting, agent, capture):
    with capture(execute=True):
        return convocations.send(meeting, agent)


def link_in(message):
    text = message.get_body(("plain",)).get_content()
    return re.search(r"http://localhost(/seances/convocation/[^/\s]+/)", text).group(1)


def test_each_member_gets_one_message_with_a_working_link(inbox, ready, agent, elus, client,
                                                          django_capture_on_commit_callbacks):
    send(ready, agent, django_capture_on_commit_callbacks)
    for elu in elus[:4]:
        [message] = inbox.to(elu.email)
        assert message["Auto-Submitted"] == "auto-generated" and message["Message-ID"].endswith("@localhost>")
        response = client.get(link_in(message))
        assert response.status_code == 200
        assert "Conseil municipal du mois" in response.content.decode()
    assert inbox.to(elus[4].email) == []  # on paper
    assert len(inbox.messages) == 4
    deliveries = Delivery.objects.filter(convocation__meeting=ready, status=Delivery.Status.SENT)
    assert sorted(d.message_id for d in deliveries) == sorted(m["Message-ID"] for m in inbox.messages)


def test_a_refusal_then_acceptance_yields_one_delivery(inbox, ready, agent, elus,
                                                      django_capture_on_commit_callbacks):
    inbox.refuse = 1
    send(ready, agent, django_capture_on_commit_callbacks)
    assert len(inbox.messages) == 3
    [failed] = Delivery.objects.filter(convocation__meeting=ready, status=Delivery.Status.PENDING)
    assert failed.attempts == 1 and "451" in failed.error and failed.next_attempt_at > timezone.now()
    assert AuditEvent.objects.filter(meeting=ready, kind=AuditEvent.Kind.FAILED).count() == 1

    run_due()  # too early: the backoff is not over
    assert len(inbox.messages) == 3
    run_due(now=failed.next_attempt_at + timedelta(seconds=1))
    assert len(inbox.messages) == 4
    assert len(inbox.to(failed.recipient.email)) == 1
    failed.refresh_from_db()
    assert failed.status == Delivery.Status.SENT and failed.error == ""
    run_due(now=timezone.now() + timedelta(days=1))
    assert len(inbox.messages) == 4


def test_double_sending_sends_once(inbox, ready, agent, django_capture_on_commit_callbacks):
    send(ready, agent, django_capture_on_commit_callbacks)
    with pytest.raises(convocations.TransitionError):
        send(ready, agent, django_capture_on_commit_callbacks)
    run_due(now=timezone.now() + timedelta(days=1))
    assert len(inbox.messages) == 4


def test_a_lasting_failure_stays_visible(inbox, ready, agent, django_capture_on_commit_callbacks):
    inbox.refuse = 10_000
    send(ready, agent, django_capture_on_commit_callbacks)
    later = timezone.now()
    for _attempt in range(MAX_ATTEMPTS):
        later += timedelta(days=1)
        run_due(now=later)
    deliveries = Delivery.objects.filter(convocation__meeting=ready).exclude(status=Delivery.Status.TO_POST)
    assert {d.status for d in deliveries} == {Delivery.Status.FAILED}
    assert all(d.attempts == MAX_ATTEMPTS for d in deliveries)
    assert inbox.messages == []
