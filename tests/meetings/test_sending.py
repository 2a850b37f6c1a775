"""Sending from the checks to the e-mails (test mail backend): refusals in
French with the legal dates, one message per member by e-mail, none for
the member on paper, double sending sends once, the state moves once; each
message is an invitation calendars understand, from the meeting's site."""
import datetime

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from extensions.meetings import convocations, workflow
from extensions.meetings.models import Delivery, Recipient
from extensions.meetings.pages import MeetingPage
from pages.models import SiteIdentity
from tests.core.mime import assert_standard_headers, sender
from tests.factories import install_home_page

from .factories import MeetingIndexPageFactory, MeetingPageFactory


def test_locking_takes_the_members_in_office(ready, elus):
    assert ready.state == MeetingPage.State.READY
    assert sorted(ready.recipients.values_list("user__username", flat=True)) == [u.username for u in elus]
    assert ready.recipients.get(user=elus[4]).channel == Recipient.Channel.PAPER


def test_a_mandate_ended_before_the_meeting_is_not_convened(meeting, elus, agent):
    mandate = meeting.instance.mandates.get(member=elus[0])
    mandate.end = timezone.localdate()
    mandate.save()
    workflow.lock_recipients(meeting, agent)
    assert not meeting.recipients.filter(user=elus[0]).exists()


def test_send_mails_each_member_once_and_not_the_paper_one(convoked, elus):
    assert convoked.state == MeetingPage.State.CONVOKED
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in elus[:4])
    message = mail.outbox[0]
    assert message.subject.startswith("Convocation")
    assert "Salle du conseil" in message.body
    assert "Point n° 1 : budget annexe 1" in message.body
    assert "/seances/convocation/" in message.body
    assert any(a[0] == "convocation.ics" for a in message.attachments)
    deliveries = Delivery.objects.filter(convocation__meeting=convoked)
    assert deliveries.filter(status=Delivery.Status.SENT).count() == 4
    assert deliveries.get(recipient__user=elus[4]).status == Delivery.Status.TO_POST
    assert all(d.message_id for d in deliveries.filter(status=Delivery.Status.SENT))


def test_sending_twice_sends_once(convoked, agent):
    with pytest.raises(workflow.TransitionError, match="nothing was changed|rien n'a été modifié"):
        convocations.send(convoked, agent)
    assert len(mail.outbox) == 4
    assert convoked.convocations.count() == 1


def test_running_the_task_again_sends_nothing_more(convoked):
    from extensions.meetings.tasks import deliver_convocation

    deliver_convocation.enqueue(convoked.convocations.get().pk)
    assert len(mail.outbox) == 4


def test_too_late_is_refused_with_the_legal_dates(meeting_index, council, elus, agent):
    meeting = MeetingPageFactory(parent=meeting_index, instance=council, days=3)
    workflow.lock_recipients(meeting, agent)
    with pytest.raises(convocations.SendRefused) as refused:
        convocations.send(meeting, agent)
    [message] = refused.value.messages
    latest = timezone.localdate() - datetime.timedelta(days=1)
    assert "3 jours francs" in message
    assert str(latest.day) in message
    meeting.refresh_from_db()
    assert meeting.state == MeetingPage.State.READY
    assert mail.outbox == []
    assert not meeting.convocations.exists()


def test_a_large_commune_needs_every_note(meeting_index, elus, council, agent):
    council.population = 4000
    council.save()
    meeting = MeetingPageFactory(parent=meeting_index, instance=council)
    item = meeting.agenda_items.first()
    item.note = ""
    item.save()
    workflow.lock_recipients(meeting, agent)
    with pytest.raises(convocations.SendRefused) as refused:
        convocations.send(meeting, agent)
    assert "note explicative de synthèse" in refused.value.messages[0]
    assert "Point n° 1" in refused.value.messages[0]


def test_the_paper_posting_date_counts_for_the_delai(meeting_index, council, elus, agent):
    meeting = MeetingPageFactory(parent=meeting_index, instance=council, days=6)
    workflow.lock_recipients(meeting, agent)
    with pytest.raises(convocations.SendRefused):
        convocations.send(meeting, agent, posting_on=timezone.localdate() + datetime.timedelta(days=3))
    assert convocations.send(meeting, agent, posting_on=timezone.localdate())


def test_recording_the_posting_date(convoked, agent, elus):
    convocation = convoked.convocations.get()
    warnings = convocations.record_posting(convocation, timezone.localdate(), agent)
    assert warnings == []
    delivery = convocation.deliveries.get(recipient__user=elus[4])
    assert delivery.status == Delivery.Status.POSTED and delivery.posted_on == timezone.localdate()
    late = convocations.record_posting(convocation, timezone.localdate(), agent)
    assert late == []  # recorded once: nothing left to post


def test_cancelling_a_convened_meeting_sends_a_cancel(convoked, agent, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        convocations.cancel(convoked, agent)
    assert convoked.state == MeetingPage.State.CANCELLED
    assert len(mail.outbox) == 4
    ics = next(a for a in mail.outbox[0].attachments if a[0] == "convocation.ics")[1]
    ics = ics.decode() if isinstance(ics, bytes) else ics
    assert "METHOD:CANCEL" in ics and "SEQUENCE:2" in ics


def test_a_revision_never_brings_the_state_back(convoked):
    old = convoked.revisions.order_by("created_at").first()
    old.publish()
    convoked.refresh_from_db()
    assert convoked.state == MeetingPage.State.CONVOKED


def test_an_unpublished_meeting_cannot_be_sent(ready, agent):
    ready.unpublish()
    ready.refresh_from_db()
    with pytest.raises(convocations.SendRefused) as refused:
        convocations.send(ready, agent)
    assert "Publiez d'abord la page" in refused.value.messages[-1]


@pytest.fixture
def identity(home_page):
    """The commune's identity: the sender of its e-mails."""
    identity = SiteIdentity.for_site(home_page.get_site())
    identity.name, identity.email = "Commune de Parvis", "mairie@parvis.localhost"
    identity.save()
    return identity


def calendar_parts(message):
    """The invitation as the alternative part and as the attachment, read
    back from the raw MIME as a mail client does."""
    raw = assert_standard_headers(message, "localhost")
    assert raw.get_content_type() == "multipart/mixed"
    [alternative] = [part for part in raw.iter_parts() if part.get_content_type() == "multipart/alternative"]
    assert [part.get_content_type() for part in alternative.iter_parts()] == ["text/plain", "text/html",
                                                                            "text/calendar"]
    [attachment] = list(raw.iter_attachments())
    assert attachment.get_filename() == "convocation.ics"
    return list(alternative.iter_parts())[2], attachment


def test_the_convocation_is_an_invitation_from_the_commune(identity, convoked):
    message = mail.outbox[0]
    assert sender(message) == ("Commune de Parvis", "mairie@parvis.localhost")
    assert "http://localhost/seances/convocation/" in message.body
    for part in calendar_parts(message):
        assert part.get_content_type() == "text/calendar" and part.get_param("method") == "REQUEST"
        calendar = icalendar.Calendar.from_ical(part.get_content())
        assert calendar["METHOD"] == "REQUEST"
        event = calendar.walk("VEVENT")[0]
        assert event["ATTENDEE"] == f"mailto:{message.to[0]}"
        assert event["ORGANIZER"] == "mailto:mairie@parvis.localhost"  # the sender


def test_a_cancellation_is_a_calendar_cancel(convoked, agent, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        convocations.cancel(convoked, agent)
    for part in calendar_parts(mail.outbox[0]):
        assert part.get_param("method") == "CANCEL"


def test_the_interco_convenes_from_its_own_site(council, elus, agent, django_capture_on_commit_callbacks):
    home = install_home_page(hostname="interco.localhost", theme="interco", title="Communauté du Val d’Aurèle",
                             slug="val")
    meeting = MeetingPageFactory(parent=MeetingIndexPageFactory(parent=home), instance=council)
    workflow.lock_recipients(meeting, agent)
    with django_capture_on_commit_callbacks(execute=True):
        convocations.send(meeting, agent)
    message = mail.outbox[0]
    assert sender(message)[0] == "Communauté du Val d’Aurèle"
    assert "http://interco.localhost/seances/convocation/" in message.body
    assert "http://localhost" not in message.body and "testserver" not in message.body
    assert_standard_headers(message, "interco.localhost")
    assert Delivery.objects.filter(convocation__meeting=meeting).exclude(message_id="").first().message_id.endswith(
        "@interco.localhost>")
