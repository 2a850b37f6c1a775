"""Reminding the non-readers in one click: one e-mail to each member who
has not read, nothing more on a double click, nothing for the others."""
import uuid

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from extensions.commissions.models import Reminder
from extensions.commissions.readings import record_reading
from tests.commissions.conftest import join
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def remind_url(publication):
    return publication.get_url() + "relance/"


@pytest.fixture
def remind(cast, publication, sign_in, django_capture_on_commit_callbacks):
    """remind(token) posts the reminder form as the chair, running what is
    queued after the commit (the e-mails)."""
    client = sign_in(cast["president"])

    def _remind(token):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(remind_url(publication), {"token": str(token)}, follow=True)

    return _remind


def test_the_reminder_goes_to_each_non_reader(cast, urbanisme, publication, remind):
    reader, late = UserFactory(username="lectrice"), UserFactory(username="retardataire")
    join(urbanisme, reader)
    join(urbanisme, late)
    record_reading(publication, reader)
    record_reading(publication, cast["president"])
    remind(uuid.uuid4())
    assert sorted(m.to[0] for m in mail.outbox) == sorted([cast["elu_member"].email, late.email])
    message = mail.outbox[0]
    assert publication.title in message.subject
    assert f"http://localhost{publication.get_url()}" in message.body
    assert f'href="http://localhost{publication.get_url()}"' in message.alternatives[0][0]
    # A chair's request to read is not a notification one can turn off.
    assert "List-Unsubscribe" not in message.message()
    assert Reminder.objects.get().recipient_count == 2
    assert ModelLogEntry.objects.filter(action="commissions.reminder", object_id=str(publication.pk)).exists()


def test_a_double_click_sends_one_reminder(publication, remind):
    token = uuid.uuid4()
    remind(token)
    remind(token)
    assert len(mail.outbox) == 1  # the elu member, the only non-reader
    assert Reminder.objects.count() == 1


def test_no_reminder_when_everyone_has_read(cast, publication, remind):
    record_reading(publication, cast["elu_member"])
    record_reading(publication, cast["president"])
    remind(uuid.uuid4())
    assert mail.outbox == []
    assert not Reminder.objects.exists()


def test_a_plain_member_cannot_remind(cast, publication, sign_in):
    response = sign_in(cast["elu_member"]).post(remind_url(publication), {"token": str(uuid.uuid4())})
    assert response.status_code == 403
    assert mail.outbox == []


def test_a_non_member_gets_404(cast, publication, sign_in):
    response = sign_in(cast["elu_non_member"]).post(remind_url(publication), {"token": str(uuid.uuid4())})
    assert response.status_code == 404
    assert mail.outbox == []
