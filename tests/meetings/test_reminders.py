"""The automatic reminder goes once, after the instance's delay, to the
members by e-mail who have not opened their convocation."""
from datetime import timedelta

from django.core import mail
from django.utils import timezone

from extensions.meetings import links
from extensions.meetings.models import AuditEvent
from extensions.meetings.tasks import send_due_reminders
from tests.core.mime import assert_standard_headers

from .conftest import recipient


def test_reminder_once_to_those_who_have_not_opened(client, convoked, elus):
    client.post(links.url_for(recipient(convoked, elus[0])), {"action": "open"})  # her first gesture
    mail.outbox.clear()
    assert send_due_reminders() == 0  # the 48 hours are not over
    later = timezone.now() + timedelta(hours=49)
    assert send_due_reminders(now=later) == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in elus[1:4])
    assert "http://localhost/seances/convocation/" in mail.outbox[0].body
    assert_standard_headers(mail.outbox[0], "localhost")  # a legal reminder: no unsubscription
    assert send_due_reminders(now=later + timedelta(hours=1)) == 0
    assert AuditEvent.objects.filter(kind=AuditEvent.Kind.REMINDED).count() == 3


def test_no_reminder_when_the_instance_does_not_want_one(convoked, council):
    council.reminder_delay_hours = 0
    council.save()
    assert send_due_reminders(now=timezone.now() + timedelta(days=5)) == 0
