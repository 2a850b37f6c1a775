"""The séance as the console records it, in the real order: the appel
(émargement, « tous présents », pouvoirs handed in), the opening once the
quorum is reached (or the lack of quorum recorded), the urgency ruling,
quorum per item with withdrawals and departures, ballots and results,
corrections, and the close that asks what became of each item left."""
import pytest

from extensions.deliberations import seance as seance_service
from extensions.deliberations.models import Deliberation, Vote
from extensions.deliberations.seance import SeanceError, Tally
from extensions.meetings.models import Pouvoir
from extensions.meetings.pages import MeetingPage

from .conftest import all_for, arrive, leave


def first_item(seance):
    return seance.deliberations.order_by("position").first()


def test_one_deliberation_per_agenda_item(seance):
    assert list(seance.deliberations.values_list("title", flat=True)) == [
        "Budget primitif 2026", "Tarifs de la cantine", "Vente d'un terrain communal"]
    assert seance_service.seance_for(seance.meeting).deliberations.count() == 3  # idempotent


def test_opening_needs_a_secretary(seance, members, secretary):
    arrive(seance, *members[:6])
    with pytest.raises(SeanceError, match="secrétaire"):
        seance_service.open_seance(seance, secretary, members[0], [])
    seance.meeting.refresh_from_db()
    assert seance.meeting.state == MeetingPage.State.CONVOKED


def test_opening_moves_the_meeting_and_records_the_urgency_ruling(seance, members, secretary):
    arrive(seance, *members[:6])
    seance.urgency_reason = "Sinistre sur l'école"
    seance.save()
    with pytest.raises(SeanceError, match="urgence"):
        seance_service.open_seance(seance, secretary, members[0], [members[1]])
    seance_service.open_seance(seance, secretary, members[0], [members[1]], urgency_accepted=True)
    seance.meeting.refresh_from_db()
    assert seance.meeting.state == MeetingPage.State.OPEN
    assert seance.urgency_accepted is True and seance.opened_at is not None
    with pytest.raises(SeanceError):
        seance_service.open_seance(seance, secretary, members[0], [members[1]])


def test_a_double_tap_records_one_arrival(open_seance, members):
    assert not seance_service.record_movement(open_seance, members[0], "arrival")
    assert open_seance.movements.filter(member=members[0]).count() == 1


def test_an_outsider_cannot_sign(open_seance, secretary):
    with pytest.raises(SeanceError, match="membre en exercice"):
        seance_service.record_movement(open_seance, secretary, "arrival")


@pytest.mark.parametrize(
    "arrived, departed, withdrawn, reached",
    [
        (8, 0, 0, True),
        (6, 0, 0, True),  # 6 of 11: quorum
        (8, 2, 0, True),
        (7, 2, 0, False),  # two departures: 5 of 11
        (8, 0, 2, True),
        (7, 0, 2, False),  # two withdrawn for a personal interest
    ],
)
def test_quorum_per_item(seance, members, secretary, arrived, departed, withdrawn, reached):
    arrive(seance, *members[:arrived])
    seance_service.open_seance(seance, secretary, members[0], [members[1]])
    leave(seance, *members[arrived - departed:arrived])
    item = first_item(seance)
    item.withdrawn_members.set(members[2:2 + withdrawn])
    assert seance_service.attendance(seance, item).quorum_reached is reached


def test_the_vote_is_blocked_without_quorum_and_nothing_is_recorded(open_seance, members):
    leave(open_seance, *members[3:6])  # 5 of 11 left in the room
    item = first_item(open_seance)
    with pytest.raises(SeanceError, match="Quorum non atteint"):
        seance_service.record_vote(item, all_for(open_seance, item))
    item.refresh_from_db()
    assert item.status == Deliberation.Status.PENDING and item.number_in_year is None
    assert not item.votes.exists()


def test_a_show_of_hands(open_seance, members):
    item = first_item(open_seance)
    tally = all_for(open_seance, item, elu3="contre", elu4="abstention", elu5="nppp")
    item = seance_service.record_vote(item, tally)
    assert (item.ballot, item.outcome) == ("ordinary", "adopted")
    assert (item.pour, item.contre, item.abstention, item.not_voting) == (5, 1, 1, 1)
    assert (item.in_office, item.present, item.voters) == (11, 8, 7)
    assert (item.number_in_seance, item.reference) == (1, "2026-001")


def test_a_second_click_records_nothing_more(open_seance):
    item = first_item(open_seance)
    seance_service.record_vote(item, all_for(open_seance, item))
    with pytest.raises(SeanceError, match="déjà"):
        seance_service.record_vote(item, all_for(open_seance, item))
    assert item.votes.count() == 8


def test_a_public_ballot_keeps_the_names(open_seance, members):
    item = first_item(open_seance)
    item.public_requests = 2  # a quarter of the 8 present
    item.save()
    item = seance_service.record_vote(item, all_for(open_seance, item, elu2="contre"))
    assert item.ballot == "public"
    assert item.votes.get(member=members[2]).choice == Vote.Choice.CONTRE


def test_a_secret_ballot_keeps_totals_only(open_seance):
    item = first_item(open_seance)
    item.secret_requests = 3  # a third of the 8 present
    item.save()
    with pytest.raises(SeanceError, match="8"):
        seance_service.record_vote(item, Tally(pour=6, contre=3))
    item = seance_service.record_vote(item, Tally(pour=4, contre=4))
    assert item.ballot == "secret" and not item.votes.exists()
    assert (item.outcome, item.casting_vote) == ("rejected", False)  # no casting vote in secret


def test_on_a_tie_the_president_prevails(open_seance, members):
    item = first_item(open_seance)
    # elu0 (the maire, président) votes pour: 4 pour, 4 contre.
    tally = all_for(open_seance, item, elu4="contre", elu5="contre", elu6="contre", elu7="contre")
    item = seance_service.record_vote(item, tally)
    assert (item.pour, item.contre, item.outcome, item.casting_vote) == (4, 4, "adopted", True)


def test_a_withdrawn_member_neither_counts_nor_votes(open_seance, members):
    item = first_item(open_seance)
    item.withdrawn_members.set([members[7]])
    item = seance_service.record_vote(item, all_for(open_seance, item))
    assert item.present == 7 and not item.votes.filter(member=members[7]).exists()


def test_a_pouvoir_votes_through_its_holder(open_seance, members, council):
    pouvoir = Pouvoir.objects.create(instance=council, giver=members[9], holder=members[1])
    pouvoir.meetings.add(open_seance.meeting)
    item = first_item(open_seance)
    item = seance_service.record_vote(item, all_for(open_seance, item))
    assert (item.present, item.represented, item.voters) == (8, 1, 9)
    assert item.votes.get(member=members[9]).holder == members[1]


def test_no_item_is_withdrawn_without_a_decision(open_seance, secretary):
    first, second, third = open_seance.deliberations.order_by("position")
    with pytest.raises(SeanceError, match="Précisez ce qu’il advient"):
        seance_service.close_seance(open_seance, secretary, {first.pk: "postponed", second.pk: "withdrawn"})
    assert set(open_seance.deliberations.values_list("status", flat=True)) == {Deliberation.Status.PENDING}
    assert open_seance.closed_at is None
    with pytest.raises(SeanceError):  # not a fate the secretary may give
        seance_service.close_seance(open_seance, secretary, {first.pk: "postponed", second.pk: "withdrawn",
                                                             third.pk: "voted"})
    seance_service.close_seance(open_seance, secretary, {first.pk: "postponed", second.pk: "withdrawn",
                                                         third.pk: "not_examined"})
    assert dict(open_seance.deliberations.values_list("position", "status")) == {
        1: "postponed", 2: "withdrawn", 3: "not_examined"}
    assert open_seance.closed_at is not None
    assert open_seance.proces_verbal.status == "draft"
    open_seance.meeting.refresh_from_db()
    assert open_seance.meeting.state == MeetingPage.State.CLOSED


def test_a_suppleant_sits_in_the_members_place(seance, members, council, secretary):
    from extensions.meetings.models import Recipient

    from tests.factories import UserFactory

    suppleant = UserFactory(username="suppleant", first_name="Sam", last_name="Zola")
    mandate = council.mandates.get(member=members[10])
    mandate.suppleant = suppleant
    mandate.save()
    Recipient.objects.create(meeting=seance.meeting, user=members[10], mandate=mandate, name="Klein",
                             answer=Recipient.Answer.SUPPLEANT)
    seats = seance_service.members(seance)
    assert suppleant in seats and members[10] not in seats and len(seats) == 11
    assert seance_service.record_movement(seance, suppleant, "arrival")
    assert seance_service.attendance(seance).present == {suppleant.pk}


def test_the_appel_comes_before_the_opening(seance, members, secretary):
    arrive(seance, *members[:5])
    with pytest.raises(SeanceError, match="quorum"):
        seance_service.open_seance(seance, secretary, members[0], [members[1]])
    seance.meeting.refresh_from_db()
    assert seance.opened_at is None and seance.meeting.state == MeetingPage.State.CONVOKED
    arrive(seance, members[5])
    seance_service.open_seance(seance, secretary, members[0], [members[1]])
    assert seance.is_open


def test_everyone_present_in_one_step(seance, members):
    arrive(seance, members[0])
    assert seance_service.all_present(seance) == 10
    assert seance_service.attendance(seance).present == {m.pk for m in members}
    assert seance.movements.count() == 11
    assert seance_service.all_present(seance) == 0  # a double tap adds nothing


def test_a_failed_quorum_ends_the_appel(seance, members, secretary):
    arrive(seance, *members[:6])
    with pytest.raises(SeanceError, match="quorum est atteint"):
        seance_service.record_failed_quorum(seance)
    leave(seance, members[5])
    seance_service.record_failed_quorum(seance)
    assert seance.quorum_failed_at is not None
    with pytest.raises(SeanceError):
        seance_service.open_seance(seance, secretary, members[0], [members[1]])
    with pytest.raises(SeanceError):
        seance_service.record_movement(seance, members[5], "arrival")


def test_a_pouvoir_handed_in_then_revoked(seance, members, secretary):
    arrive(seance, *members[:8])
    pouvoir = seance_service.hand_in_pouvoir(seance, members[9], members[2], secretary)
    assert seance_service.attendance(seance).represented == {members[9].pk: members[2]}
    with pytest.raises(SeanceError, match="un seul"):  # members[2] already holds one
        seance_service.hand_in_pouvoir(seance, members[10], members[2], secretary)
    with pytest.raises(SeanceError, match="présent"):
        seance_service.hand_in_pouvoir(seance, members[3], members[4], secretary)
    seance_service.revoke_pouvoir(seance, members[9], secretary)
    pouvoir.refresh_from_db()
    assert pouvoir.revoked_at is not None and seance_service.attendance(seance).represented == {}
    assert seance.meeting.audit_events.filter(kind="pouvoir_revoked").exists()


def test_a_rejected_urgency_blocks_the_item(seance, members, secretary):
    seance.urgency_reason = "Sinistre sur l'école"
    seance.save()
    arrive(seance, *members[:8])
    first, second, _third = seance.deliberations.order_by("position")
    seance_service.open_seance(seance, secretary, members[0], [members[1]], urgency_accepted=True,
                               urgency_rejected=[second])
    second.refresh_from_db()
    with pytest.raises(SeanceError, match="rejeté l’urgence"):
        seance_service.record_vote(second, all_for(seance, second))
    second.refresh_from_db()
    assert second.status == Deliberation.Status.URGENCY_REJECTED and second.number_in_year is None
    assert seance_service.record_vote(first, all_for(seance, first)).number_in_year == 1


def test_an_urgency_rejected_for_the_whole_agenda(seance, members, secretary):
    seance.urgency_reason = "Sinistre sur l'école"
    seance.save()
    arrive(seance, *members[:8])
    seance_service.open_seance(seance, secretary, members[0], [members[1]], urgency_accepted=False)
    assert set(seance.deliberations.values_list("status", flat=True)) == {Deliberation.Status.URGENCY_REJECTED}
    seance_service.close_seance(seance, secretary)  # nothing left to decide


def test_no_act_is_adopted_with_an_empty_text(open_seance):
    item = first_item(open_seance)
    Deliberation.objects.filter(pk=item.pk).update(text="  ")
    with pytest.raises(SeanceError, match="Texte de la délibération"):
        seance_service.record_vote(item, all_for(open_seance, item))
    item.refresh_from_db()
    assert item.status == Deliberation.Status.PENDING and item.number_in_year is None and not item.votes.exists()
    # Rejected, it needs no text to be recorded.
    assert seance_service.record_vote(item, all_for(open_seance, item, "contre")).outcome == "rejected"


def test_an_adopted_text_cannot_be_emptied_afterwards(open_seance):
    from django.core.exceptions import ValidationError

    item = seance_service.record_vote(first_item(open_seance), all_for(open_seance, first_item(open_seance)))
    item.text = ""
    with pytest.raises(ValidationError):
        item.full_clean()


def test_a_correction_keeps_the_number_and_the_trail(open_seance, members, secretary):
    item = first_item(open_seance)
    item = seance_service.record_vote(item, all_for(open_seance, item))
    number = item.reference
    tally = all_for(open_seance, item, elu3="contre", elu4="contre", elu5="contre", elu6="contre",
                    elu7="contre")
    with pytest.raises(SeanceError, match="Indiquez pourquoi"):
        seance_service.correct_vote(item, tally, " ", secretary)
    item = seance_service.correct_vote(item, tally, "Mains mal comptées", secretary)
    assert (item.pour, item.contre, item.outcome, item.reference) == (3, 5, "rejected", number)
    assert item.votes.get(member=members[3]).choice == "contre"
    [correction] = item.corrections.all()
    assert correction.reason == "Mains mal comptées" and correction.by == secretary
    assert "8 pour" in correction.before and "3 pour" in correction.after
    seance_service.close_seance(open_seance, secretary, {d.pk: "postponed" for d in open_seance.deliberations.filter(
        status="pending")})
    with pytest.raises(SeanceError):
        seance_service.correct_vote(item, all_for(open_seance, item), "Trop tard", secretary)


def test_a_secret_ballot_correction_changes_totals_only(open_seance, secretary):
    item = first_item(open_seance)
    item.secret_requests = 3
    item.save()
    item = seance_service.record_vote(item, Tally(pour=4, contre=3, abstention=1))
    item = seance_service.correct_vote(item, Tally(pour=3, contre=4, abstention=1), "Bulletin mal lu", secretary)
    assert (item.pour, item.contre, item.outcome, item.votes.count()) == (3, 4, "rejected", 0)
    with pytest.raises(SeanceError):
        seance_service.correct_vote(item, Tally(pour=9, contre=0), "Trop", secretary)
