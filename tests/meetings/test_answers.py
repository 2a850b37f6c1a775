"""Answers and pouvoirs (L2121-20) through give_answer: a holder holds one
pouvoir, a fourth consecutive meeting is refused unless illness, revoking
by changing one's answer, the holder is told, answers close at the
deadline, expected presence and quorum."""
import datetime

import pytest
from django.core import mail
from django.utils import timezone

from extensions.meetings import convocations, workflow
from extensions.meetings.models import Pouvoir, Recipient
from extensions.meetings.workflow import TransitionError
from tests.core.mime import assert_standard_headers

from .conftest import recipient
from .factories import MeetingPageFactory

Answer = Recipient.Answer


def test_present_then_excused(convoked, elus):
    anne = recipient(convoked, elus[0])
    workflow.give_answer(anne, Answer.PRESENT, actor=elus[0])
    workflow.give_answer(anne, Answer.EXCUSED, actor=elus[0])
    anne.refresh_from_db()
    assert anne.answer == Answer.EXCUSED and anne.answered_at


def test_a_pouvoir_is_recorded_and_its_holder_told(convoked, elus, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        pouvoir = workflow.give_answer(recipient(convoked, elus[0]), Answer.POUVOIR, actor=elus[0], holder=elus[1])
    assert pouvoir.holder == elus[1] and list(pouvoir.meetings.all()) == [convoked]
    assert [m.to for m in mail.outbox] == [[elus[1].email]]
    assert "Anne Conseil" in mail.outbox[0].subject
    assert_standard_headers(mail.outbox[0], "localhost")
    assert list(workflow.pouvoirs_in_force(convoked)) == [pouvoir]


def test_a_member_holds_only_one_pouvoir(convoked, elus):
    workflow.give_answer(recipient(convoked, elus[0]), Answer.POUVOIR, holder=elus[1])
    with pytest.raises(TransitionError):
        workflow.give_answer(recipient(convoked, elus[2]), Answer.POUVOIR, holder=elus[1])
    assert recipient(convoked, elus[2]).answer == Answer.NONE
    assert Pouvoir.objects.count() == 1


def test_changing_ones_answer_revokes_the_pouvoir(convoked, elus):
    workflow.give_answer(recipient(convoked, elus[0]), Answer.POUVOIR, holder=elus[1])
    workflow.give_answer(recipient(convoked, elus[0]), Answer.PRESENT)
    assert not workflow.pouvoirs_in_force(convoked).exists()
    # The holder is free again.
    pouvoir = workflow.give_answer(recipient(convoked, elus[2]), Answer.POUVOIR, holder=elus[1])
    assert list(workflow.pouvoirs_in_force(convoked)) == [pouvoir]


def test_a_pouvoir_names_a_member_of_the_same_instance(convoked, elus, users):
    with pytest.raises(TransitionError):
        workflow.give_answer(recipient(convoked, elus[0]), Answer.POUVOIR, holder=users["elu"])
    with pytest.raises(TransitionError):
        workflow.give_answer(recipient(convoked, elus[0]), Answer.POUVOIR, holder=elus[0])


def _convened(meeting_index, council, agent, days):
    meeting = MeetingPageFactory(parent=meeting_index, instance=council, days=days)
    workflow.lock_recipients(meeting, agent)
    convocations.send(meeting, agent)
    return meeting


def test_a_fourth_consecutive_meeting_needs_illness(meeting_index, council, elus, agent):
    meetings = [_convened(meeting_index, council, agent, days) for days in (10, 20, 30, 40)]
    for meeting in meetings[:3]:
        workflow.give_answer(recipient(meeting, elus[0]), Answer.POUVOIR, holder=elus[1])
    with pytest.raises(TransitionError, match="three consecutive|trois séances consécutives"):
        workflow.give_answer(recipient(meetings[3], elus[0]), Answer.POUVOIR, holder=elus[1])
    pouvoir = workflow.give_answer(recipient(meetings[3], elus[0]), Answer.POUVOIR, holder=elus[1], illness=True)
    assert pouvoir.illness and list(pouvoir.meetings.all()) == [meetings[3]]
    assert recipient(meetings[3], elus[0]).answer == Answer.POUVOIR


def test_a_meeting_attended_in_between_starts_the_count_again(meeting_index, council, elus, agent):
    meetings = [_convened(meeting_index, council, agent, days) for days in (10, 20, 30, 40)]
    for meeting in (meetings[0], meetings[2]):
        workflow.give_answer(recipient(meeting, elus[0]), Answer.POUVOIR, holder=elus[1])
    # Attended meetings[1]: meetings[3] is the second in a row, no illness needed.
    pouvoir = workflow.give_answer(recipient(meetings[3], elus[0]), Answer.POUVOIR, holder=elus[1])
    assert not pouvoir.illness and pouvoir.holder == elus[1]
    assert recipient(meetings[3], elus[0]).answer == Answer.POUVOIR


def test_answers_close_at_the_deadline(convoked, elus):
    type(convoked).objects.filter(pk=convoked.pk).update(start=timezone.now() + datetime.timedelta(hours=1))
    convoked.refresh_from_db()
    with pytest.raises(TransitionError):
        workflow.give_answer(recipient(convoked, elus[0]), Answer.PRESENT)


def test_no_answer_once_the_seance_is_open(convoked, elus, agent):
    workflow.open_seance(convoked, agent)
    with pytest.raises(TransitionError):
        workflow.give_answer(recipient(convoked, elus[0]), Answer.PRESENT)


def test_expected_presence_and_quorum(convoked, elus):
    for elu in elus[:2]:
        workflow.give_answer(recipient(convoked, elu), Answer.PRESENT)
    presence = workflow.expected_presence(convoked)
    assert (presence.in_office, presence.present, presence.no_answer, presence.quorum) == (5, 2, 3, 3)
    assert not presence.quorum_expected
    workflow.give_answer(recipient(convoked, elus[2]), Answer.PRESENT)
    workflow.give_answer(recipient(convoked, elus[3]), Answer.POUVOIR, holder=elus[0])
    presence = workflow.expected_presence(convoked)
    assert presence.quorum_expected and presence.pouvoirs == 1


def test_the_suppleant_needs_one(convoked, elus):
    with pytest.raises(TransitionError):
        workflow.give_answer(recipient(convoked, elus[0]), Answer.SUPPLEANT)
