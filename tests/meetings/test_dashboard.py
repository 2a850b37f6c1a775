"""The staff dashboard: the agent moves the meeting through its states
with clear refusals, sees receipts and answers live (bounded queries
whatever the number of members), re-sends to one member in one click,
records the posting of the paper batch, and downloads the attestation."""
import pytest
from django.core import mail
from django.urls import reverse

from extensions.meetings import links, workflow
from extensions.meetings.models import AuditEvent, Delivery
from extensions.meetings.pages import MeetingPage
from tests.factories import UserFactory

from .conftest import recipient
from .factories import MandateFactory


@pytest.fixture
def staff(client, agent):
    client.force_login(agent)
    return client


def dashboard(meeting):
    return f"/admin/seances/{meeting.pk}/"


def test_the_agent_locks_then_sends(staff, meeting, annex, elus, django_capture_on_commit_callbacks):
    staff.post(dashboard(meeting) + "action/lock/")
    meeting.refresh_from_db()
    assert meeting.state == MeetingPage.State.READY
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(dashboard(meeting) + "action/send/", follow=True)
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.state == MeetingPage.State.CONVOKED
    assert len(mail.outbox) == 4
    text = response.content.decode()
    for elu in elus:
        assert elu.get_full_name() in text


def test_a_refusal_is_shown_and_changes_nothing(staff, meeting_index, council, elus, agent):
    from .factories import MeetingPageFactory

    late = MeetingPageFactory(parent=meeting_index, instance=council, days=2)
    workflow.lock_recipients(late, agent)
    response = staff.post(dashboard(late) + "action/send/", follow=True)
    late.refresh_from_db()
    assert late.state == MeetingPage.State.READY
    assert "3" in response.content.decode() and mail.outbox == []


def test_an_unknown_action_is_404(staff, meeting):
    assert staff.post(dashboard(meeting) + "action/exploser/").status_code == 404


def test_double_click_on_lock(staff, meeting):
    staff.post(dashboard(meeting) + "action/lock/")
    response = staff.post(dashboard(meeting) + "action/lock/", follow=True)
    assert meeting.recipients.count() == 5
    assert response.status_code == 200


def test_status_queries_are_bounded(staff, convoked, council, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        small = staff.get(dashboard(convoked) + "etat/")
    assert small.status_code == 200


def test_status_queries_do_not_grow_with_members(staff, meeting_index, council, elus, agent,
                                                 django_capture_on_commit_callbacks, django_assert_max_num_queries):
    from extensions.meetings import convocations

    from .factories import MeetingPageFactory

    for n in range(10):  # a query per member would show with ten as with thirty
        MandateFactory(instance=council, member=UserFactory(username=f"membre{n}"))
    meeting = MeetingPageFactory(parent=meeting_index, instance=council)
    workflow.lock_recipients(meeting, agent)
    with django_capture_on_commit_callbacks(execute=True):
        convocations.send(meeting, agent)
    with django_assert_max_num_queries(20):
        assert staff.get(dashboard(meeting) + "etat/").status_code == 200
    with django_assert_max_num_queries(40):
        assert staff.get(dashboard(meeting)).status_code == 200


def test_resend_to_one_member(staff, convoked, elus, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    anne = recipient(convoked, elus[0])
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(dashboard(convoked) + f"renvoi/{anne.pk}/")
    assert [m.to for m in mail.outbox] == [[elus[0].email]]
    assert AuditEvent.objects.filter(recipient=anne, kind=AuditEvent.Kind.RESENT).count() == 1


def test_posting_the_paper_batch(staff, convoked, elus):
    convocation = convoked.convocations.get()
    letters = staff.get(f"/admin/seances/convocations/{convocation.pk}/courrier/").content.decode()
    assert "3 rue des Lilas" in letters and "Point n° 1" in letters
    staff.post(f"/admin/seances/convocations/{convocation.pk}/envoi-postal/", {"posted_on": "pas une date"})
    assert convocation.deliveries.get(recipient__user=elus[4]).status == Delivery.Status.TO_POST
    staff.post(f"/admin/seances/convocations/{convocation.pk}/envoi-postal/", {"posted_on": "2026-01-02"})
    assert convocation.deliveries.get(recipient__user=elus[4]).status == Delivery.Status.POSTED


def test_the_attestation_shows_receipts_and_answers(staff, convoked, elus):
    anne = recipient(convoked, elus[0])
    staff.get(links.url_for(anne))
    staff.post(links.url_for(anne), {"action": "acknowledge"})
    workflow.give_answer(anne, "pouvoir", holder=elus[1])
    convocation = convoked.convocations.get()
    csv = staff.get(f"/admin/seances/convocations/{convocation.pk}/attestation.csv").content.decode("utf-8-sig")
    [row] = [line for line in csv.splitlines() if line.startswith("Anne Conseil")]
    cells = row.split(";")
    assert cells[2] and cells[4] and cells[5]  # sent, opened, acknowledged
    assert "<" in cells[3]  # the Message-ID
    assert convocation.manifest_sha256 in csv
    pdf = staff.get(f"/admin/seances/convocations/{convocation.pk}/attestation.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    manifest = staff.get(f"/admin/seances/convocations/{convocation.pk}/manifeste.json")
    assert manifest.content.decode() == convocation.manifest


def test_the_seance_is_opened_in_the_console_where_the_quorum_is_checked(client, convoked, agent):
    """The dashboard sends the secretary to the séance console; a bare
    « open » from it, which would skip the appel and the quorum, is refused."""
    client.force_login(agent)
    page = client.get(f"/admin/seances/{convoked.pk}/").content.decode()
    assert f'href="{reverse("deliberations:console", args=[convoked.pk])}"' in page
    response = client.post(f"/admin/seances/{convoked.pk}/action/open/", follow=True)
    assert "le quorum y est vérifié" in response.content.decode()
    convoked.refresh_from_db()
    assert convoked.state == "convoked"
