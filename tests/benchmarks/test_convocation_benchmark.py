"""Benchmark of convocations (not part of `make test`; `make bench`): a
convocation to 100 members through a real local SMTP server (aiosmtpd),
from the send to the last accepted message. Prints seconds and SQL
queries, in total and per member."""
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from extensions.meetings import convocations, workflow
from extensions.meetings.models import Delivery
from tests.factories import UserFactory
from tests.meetings.factories import InstanceFactory, MandateFactory, MeetingIndexPageFactory, MeetingPageFactory, attach
from tests.meetings.smtp import smtp_server

MEMBERS = 100


@pytest.mark.django_db
def test_convocation_to_100_members(home_page, django_capture_on_commit_callbacks):
    council = InstanceFactory(name="Conseil communautaire (banc d'essai)", kind="epci", population=60000)
    for n in range(MEMBERS):
        MandateFactory(instance=council, member=UserFactory(username=f"conseiller{n}"))
    agent = UserFactory(username="agent-banc")
    meeting = MeetingPageFactory(parent=MeetingIndexPageFactory(parent=home_page), instance=council, items=8)
    for n in range(3):
        attach(meeting, n, title=f"Projet de délibération n° {n}")
    workflow.lock_recipients(meeting, agent)

    with smtp_server() as inbox, CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        with django_capture_on_commit_callbacks(execute=True):
            convocations.send(meeting, agent)
        seconds = time.perf_counter() - start

    sent = Delivery.objects.filter(convocation__meeting=meeting, status=Delivery.Status.SENT).count()
    assert sent == MEMBERS and len(inbox.messages) == MEMBERS
    print(
        f"\nConvocation to {MEMBERS} members through a local SMTP server: {seconds:.2f} s "
        f"({seconds / MEMBERS * 1000:.1f} ms per member), {len(queries)} SQL queries "
        f"({len(queries) / MEMBERS:.1f} per member)"
    )
