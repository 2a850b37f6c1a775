"""Benchmark of convocations (not part of `make test`; `make bench`): a
convocation to 100 members through a real local SMTP server (aiosmtpd),
from the send to the last accepted message; and the agent's request that
sends it, with the task queued (as in production), then the task alone
(hashing, timestamp, e-mails). Prints seconds and SQL queries."""
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from extensions.meetings import convocations, tasks, workflow
from extensions.meetings.models import Convocation, Delivery
from pages.roles import AGENTS
from tests.factories import UserFactory
from tests.meetings.factories import InstanceFactory, MandateFactory, MeetingIndexPageFactory, MeetingPageFactory, attach
from tests.meetings.smtp import smtp_server

MEMBERS = 100


def ready_meeting(home_page, agent):
    """A conseil communautaire of 100 members, 8 items and 3 documents, its
    list of recipients locked."""
    council = InstanceFactory(name="Conseil communautaire (banc d'essai)", kind="epci", population=60000)
    for n in range(MEMBERS):
        MandateFactory(instance=council, member=UserFactory(username=f"conseiller{n}"))
    meeting = MeetingPageFactory(parent=MeetingIndexPageFactory(parent=home_page), instance=council, items=8)
    for n in range(3):
        attach(meeting, n, title=f"Projet de délibération n° {n}")
    workflow.lock_recipients(meeting, agent)
    return meeting


@pytest.mark.django_db
def test_convocation_to_100_members(home_page, django_capture_on_commit_callbacks):
    agent = UserFactory(username="agent-banc")
    meeting = ready_meeting(home_page, agent)

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


@pytest.mark.django_db
def test_the_request_that_sends_to_100_members(home_page, client, settings, django_capture_on_commit_callbacks):
    """The agent's click: the version and its deliveries are recorded, the
    task is queued (production queues it in the database); the hashing,
    the timestamp and the e-mails are the task's, measured apart."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    agent = UserFactory(username="agent-banc", groups=[AGENTS], is_staff=False)
    meeting = ready_meeting(home_page, agent)
    client.force_login(agent)
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        start = time.perf_counter()
        response = client.post(f"/admin/seances/{meeting.pk}/action/send/")
        request_seconds = time.perf_counter() - start
    assert response.status_code == 302
    convocation = Convocation.objects.get(meeting=meeting)
    assert convocation.manifest == ""  # not sealed in the request

    with smtp_server() as inbox:
        start = time.perf_counter()
        tasks.deliver_convocation.call(convocation.pk)
        task_seconds = time.perf_counter() - start
    convocation.refresh_from_db()
    assert convocation.manifest_sha256 and len(inbox.messages) == MEMBERS
    print(
        f"\nThe request that sends a convocation to {MEMBERS} members: {request_seconds:.2f} s, "
        f"{len(queries)} SQL queries; then the task (manifest, hashes, timestamp, {MEMBERS} e-mails): "
        f"{task_seconds:.2f} s"
    )
