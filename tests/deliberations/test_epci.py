"""EPCI information copies (L5211-40-2): the list of deliberations within a
month of the séance, the procès-verbal within a month of its adoption, each
sent once to the councillors of member communes who do not sit."""
import datetime

import pytest
from django.core import mail

from extensions.deliberations import deadlines, epci
from extensions.deliberations.models import InformationCopy
from extensions.meetings.models import Instance, InformationRecipient
from tests.core.mime import assert_standard_headers

from .helpers import hold


@pytest.fixture
def epci_seance(seance, council):
    Instance.objects.filter(pk=council.pk).update(kind=Instance.Kind.EPCI, population=25000)
    InformationRecipient.objects.create(instance=council, name="Jeanne Roux", email="jeanne@commune.localhost",
                                        commune="Saint-Aurèle")
    InformationRecipient.objects.create(instance=council, name="Paul Morel", email="paul@commune.localhost")
    seance.meeting.instance.refresh_from_db()
    return seance


def test_the_list_copy_is_due_within_a_month_and_sent_once(epci_seance, secretary, members):
    held = hold(epci_seance, secretary, members)
    copy = held.information_copies.get()
    assert (copy.kind, copy.due_on) == (InformationCopy.Kind.LIST, datetime.date(2026, 4, 10))
    alerts = deadlines.alerts(today=datetime.date(2026, 4, 12))
    late = [a for a in alerts if a.what.startswith("Copie")]
    assert late and late[0].late and late[0].days_late == 2
    assert epci.send_copy(copy) == 2
    assert epci.send_copy(copy) == 0
    assert len(mail.outbox) == 2 and mail.outbox[0].attachments[0][2] == "application/pdf"
    assert "L5211-40-2" in mail.outbox[0].body
    assert mail.outbox[0].subject.startswith("Liste des délibérations — ")
    assert_standard_headers(mail.outbox[0], "localhost")


def test_no_copy_for_a_commune(seance, secretary, members):
    assert not hold(seance, secretary, members).information_copies.exists()
