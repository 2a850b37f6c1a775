"""The CGCT rules through the flows, not only the pure functions (issue 14):
what a model's clean, a service or the sending task stores or refuses,
with the French message the agent reads. Reconvocation after a failed
quorum (L2121-17), first meeting after a renewal (L2121-7), installation
classée (L2121-12 last al.), items added after sending, the délai checked
again when the e-mails leave and on a re-send, pouvoirs revocable until
the vote and counted by date (L2121-20), days in Europe/Paris."""
import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from extensions.deliberations import seance as seance_service
from extensions.meetings import convocations, tasks, workflow
from extensions.meetings.models import AuditEvent, Delivery, Instance, ItemNotice, Pouvoir, Recipient
from extensions.meetings.pages import AgendaItem, MeetingPage
from extensions.meetings.workflow import TransitionError
from tests.factories import UserFactory

from .conftest import recipient
from .factories import InstanceFactory, MandateFactory, MeetingPageFactory

Answer = Recipient.Answer


def convene(meeting, agent, callbacks):
    """Locks the recipients and sends (the task runs: e-mails leave)."""
    workflow.lock_recipients(meeting, agent)
    with callbacks(execute=True):
        convocations.send(meeting, agent)
    meeting.refresh_from_db()
    return meeting


def field_errors(page, field):
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    return error.value.message_dict.get(field, [])


def fail_quorum(meeting, agent, members):
    """The appel of `meeting` finds one member in the room: the quorum is
    found lacking and the séance is not held (L2121-17)."""
    MeetingPage.objects.filter(pk=meeting.pk).update(state=MeetingPage.State.CONVOKED)
    meeting.state = MeetingPage.State.CONVOKED
    seance = seance_service.seance_for(meeting)
    seance_service.record_movement(seance, members[0], "arrival")
    seance_service.record_failed_quorum(seance)
    return meeting


@pytest.fixture
def failed(meeting_index, council, elus, agent):
    """A meeting held three days ago whose quorum failed."""
    return fail_quorum(MeetingPageFactory(parent=meeting_index, instance=council, days=-3), agent, elus)


# L2121-17: a new convocation after a failed quorum ------------------------------------------
def test_the_failed_quorum_is_read_from_the_seance(failed, meeting):
    assert workflow.items_without_quorum(failed) == ["Point n° 1 : budget annexe 1", "Point n° 2 : budget annexe 2"]
    assert workflow.items_without_quorum(meeting) == []


def test_reconvocation_of_a_meeting_whose_quorum_did_not_fail_is_refused(meeting_index, council, meeting):
    earlier = MeetingPageFactory(parent=meeting_index, instance=council, days=-10)
    meeting.reconvocation_of = earlier
    assert field_errors(meeting, "reconvocation_of") == [
        "Aucun défaut de quorum n’est constaté pour cette séance\u00a0: la nouvelle convocation de l’article "
        "L2121-17 "
        "suit une séance où le quorum n’a pas été atteint."
    ]


def test_reconvocation_of_another_instance_or_a_later_meeting_is_refused(meeting_index, failed, agent):
    other = MeetingPageFactory(parent=meeting_index, instance=InstanceFactory(name="CCAS"), days=10)
    other.reconvocation_of = failed
    assert "Une nouvelle convocation après un quorum non atteint doit suivre une séance de la même instance." in (
        field_errors(other, "reconvocation_of"))
    failed.reconvocation_of = failed
    assert "La séance où le quorum n’a pas été atteint doit précéder celle-ci." in field_errors(
        failed, "reconvocation_of")


def test_a_reconvocation_keeps_three_clear_days_even_in_urgency(meeting_index, council, failed, agent):
    # Two clear days: enough for an urgency, never for a reconvocation.
    meeting = MeetingPageFactory(parent=meeting_index, instance=council, days=3, reconvocation_of=failed,
                                 urgency=True, urgency_reason="Budget avant le 15 avril")
    workflow.lock_recipients(meeting, agent)
    with pytest.raises(convocations.SendRefused) as refused:
        convocations.send(meeting, agent)
    assert len(refused.value.messages) == 1
    assert refused.value.messages[0].startswith("Trop tard\u00a0: 3 jours francs sont requis")
    assert not meeting.convocations.exists() and mail.outbox == []


def test_a_reconvocation_keeps_the_same_ordre_du_jour(meeting_index, council, failed, agent):
    meeting = MeetingPageFactory(parent=meeting_index, instance=council, days=10, reconvocation_of=failed, items=3)
    workflow.lock_recipients(meeting, agent)
    with pytest.raises(convocations.SendRefused) as refused:
        convocations.send(meeting, agent)
    assert refused.value.messages == [
        "Une nouvelle convocation après un quorum non atteint reprend le même ordre du jour "
        "(article L2121-17)\u00a0: "
        "les points qui n’ont pu être délibérés, «\u00a0Point n° 1 : budget annexe 1\u00a0», "
        "«\u00a0Point n° 2 : budget annexe 2\u00a0»."
    ]


def test_a_valid_reconvocation_is_sent_and_held_without_quorum(meeting_index, council, failed, elus, agent,
                                                               django_capture_on_commit_callbacks):
    meeting = MeetingPageFactory(parent=meeting_index, instance=council, days=4, reconvocation_of=failed,
                                 urgency=True, urgency_reason="")
    convene(meeting, agent, django_capture_on_commit_callbacks)
    assert meeting.state == MeetingPage.State.CONVOKED
    assert len(mail.outbox) == 4
    assert seance_service.seance_for(meeting).reconvened


# L2121-7: the first meeting after a general renewal ----------------------------------------------------
@pytest.fixture
def large_council(council, elus):
    Instance.objects.filter(pk=council.pk).update(population=4200,
                                                  renewal_date=timezone.localdate() - datetime.timedelta(days=2))
    council.refresh_from_db()
    return council


def test_the_first_meeting_after_renewal_has_three_days_from_3500(meeting_index, large_council, agent,
                                                                   django_capture_on_commit_callbacks):
    meeting = MeetingPageFactory(parent=meeting_index, instance=large_council, days=4, first_after_renewal=True)
    convene(meeting, agent, django_capture_on_commit_callbacks)
    assert meeting.state == MeetingPage.State.CONVOKED


def test_without_the_flag_a_large_commune_needs_five_days(meeting_index, large_council, agent):
    meeting = MeetingPageFactory(parent=meeting_index, instance=large_council, days=4)
    workflow.lock_recipients(meeting, agent)
    with pytest.raises(convocations.SendRefused, match="5 jours francs"):
        convocations.send(meeting, agent)


def test_the_flag_is_refused_when_another_meeting_came_first(meeting_index, large_council):
    MeetingPageFactory(parent=meeting_index, instance=large_council, days=3)
    meeting = MeetingPageFactory(parent=meeting_index, instance=large_council, days=10)
    meeting.first_after_renewal = True
    day = large_council.renewal_date
    [message] = field_errors(meeting, "first_after_renewal")
    assert message.startswith("Ce n’est pas la première réunion après le renouvellement général du ")
    assert f"{day.day} " in message and str(day.year) in message


@pytest.mark.parametrize(
    "kind, renewal, message",
    [
        (Instance.Kind.EPCI, True, "Un conseil communautaire ne bénéficie jamais du délai réduit de la première "
                                   "réunion après un renouvellement (Conseil d’État, 22 juillet 2015, "
                                   "n° 383072)\u00a0: "
                                   "décochez cette case."),
        (Instance.Kind.COMMUNE, False,
         "Indiquez d’abord sur l’instance la date du dernier renouvellement général."),
        (Instance.Kind.COMMISSION, True, "Seul un conseil municipal a une première réunion après un renouvellement "
                                         "général."),
    ],
)
def test_the_flag_is_refused_where_the_law_does_not_give_it(meeting_index, kind, renewal, message):
    instance = InstanceFactory(name=f"Instance {kind}", kind=kind, population=30000,
                               renewal_date=datetime.date(2026, 3, 15) if renewal else None)
    meeting = MeetingPageFactory(parent=meeting_index, instance=instance, days=10)
    meeting.first_after_renewal = True
    assert field_errors(meeting, "first_after_renewal") == [message]


def test_the_population_is_labelled_as_the_population_totale():
    field = Instance._meta.get_field("population")
    assert str(field.verbose_name) == "population totale (derniers chiffres authentifiés)"
    assert "R2151-2" in str(field.help_text)


# L2121-12 last alinéa: an installation classée under 3,500 -------------------------------------------
def test_an_installation_classee_needs_five_days_and_its_note(meeting_index, council, elus, agent):
    meeting = MeetingPageFactory(parent=meeting_index, instance=council, days=5)  # four clear days
    item = meeting.agenda_items.first()
    AgendaItem.objects.filter(pk=item.pk).update(installation_classee=True, note="")
    meeting = MeetingPage.objects.get(pk=meeting.pk)
    workflow.lock_recipients(meeting, agent)
    with pytest.raises(convocations.SendRefused) as refused:
        convocations.send(meeting, agent)
    first, second = refused.value.messages
    assert first.startswith("Trop tard\u00a0: 5 jours francs sont requis")
    assert second.endswith("«\u00a0Point n° 1 : budget annexe 1\u00a0».")


# A convened meeting moved: its convocation must still reach the new day ---------------------------------
def test_a_convened_meeting_cannot_be_moved_earlier_than_its_convocation_reaches(meeting_index, council, elus, agent,
                                                                                 django_capture_on_commit_callbacks):
    meeting = MeetingPageFactory(parent=meeting_index, instance=council, days=10)
    convene(meeting, agent, django_capture_on_commit_callbacks)
    meeting = MeetingPage.objects.get(pk=meeting.pk)
    meeting.start = timezone.now() + datetime.timedelta(days=2)
    [message] = field_errors(meeting, "start")
    assert message.startswith("La convocation est partie le ")
    assert message.endswith("annulez cette séance et convoquez-en une nouvelle.")
    meeting.start = timezone.now() + datetime.timedelta(days=8)
    meeting.full_clean()  # later than the délai: the convocation still reaches it


# Items added after sending: a complément with its own délai -------------------------------------------
def convened_long_ago(meeting, days_before=18):
    """The convened `meeting`, sent `days_before` days before it, is now
    two days away."""
    ItemNotice.objects.filter(item__page=meeting).update(
        sent_on=timezone.localdate() - datetime.timedelta(days=days_before - 2))
    MeetingPage.objects.filter(pk=meeting.pk).update(start=meeting.start - datetime.timedelta(days=18))
    meeting.refresh_from_db()
    return meeting


def add_item(meeting, title, callbacks):
    """The agent adds an item and publishes: the task sends a complément.
    Returns the item as stored."""
    meeting.agenda_items.add(AgendaItem(title=title, note="<p>Note.</p>"))
    with callbacks(execute=True):
        meeting.save_revision().publish()
    return AgendaItem.objects.get(page=meeting, title=title)


def test_an_item_added_too_late_is_refused_with_its_own_delai(convoked, agent, django_capture_on_commit_callbacks):
    meeting = convened_long_ago(convoked)
    [message] = workflow.item_addition_refusals(meeting, [AgendaItem(title="Subvention au club", note="<p>x</p>")])
    assert message.startswith("Point «\u00a0Subvention au club\u00a0», envoyé maintenant en complément\u00a0: "
                              "Trop tard\u00a0: 3 jours francs sont requis")


def test_a_late_complement_is_not_sent_nor_votable(convoked, agent, elus, django_capture_on_commit_callbacks):
    meeting = convened_long_ago(convoked)
    mail.outbox.clear()
    item = add_item(meeting, "Subvention au club de football", django_capture_on_commit_callbacks)
    complement = meeting.convocations.get(version=2)
    assert ItemNotice.objects.get(item=item).convocation == complement
    assert mail.outbox == []
    statuses = set(complement.deliveries.exclude(status=Delivery.Status.TO_POST).values_list("status", flat=True))
    assert statuses == {Delivery.Status.LATE}
    assert complement.deliveries.filter(error__startswith="Non envoyée le ").count() == 4
    assert not workflow.item_may_be_voted(item)
    others = AgendaItem.objects.filter(page=meeting).exclude(pk=item.pk)
    assert all(workflow.item_may_be_voted(other) for other in others)


def test_a_complement_in_time_is_votable(convoked, agent, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    item = add_item(convoked, "Subvention au club de football", django_capture_on_commit_callbacks)
    assert workflow.item_addition_refusals(convoked, [AgendaItem(title="Autre point", note="<p>x</p>")]) == []
    assert len(mail.outbox) == 4
    assert ItemNotice.objects.get(item=item).sent_on == timezone.localdate()
    assert workflow.item_may_be_voted(item)


def test_the_console_refuses_an_item_sent_late_unless_urgency_is_accepted(
        convoked, agent, elus, django_capture_on_commit_callbacks):
    meeting = convened_long_ago(convoked)
    item = add_item(meeting, "Subvention au club de football", django_capture_on_commit_callbacks)
    ItemNotice.objects.filter(item=item).update(convocation=meeting.convocations.get(version=1))  # no late delivery
    meeting = MeetingPage.objects.get(pk=meeting.pk)
    seance = seance_service.seance_for(meeting)
    for elu in elus:
        seance_service.record_movement(seance, elu, "arrival")
    seance_service.open_seance(seance, agent, elus[0], [elus[1]])
    late = seance.deliberations.get(item=item)
    tally = seance_service.Tally(choices={elu.pk: "pour" for elu in elus})
    with pytest.raises(seance_service.SeanceError, match="Ce point ne peut pas être voté"):
        seance_service.record_vote(late, tally)
    late.refresh_from_db()
    assert late.status == "pending" and late.number_in_year is None
    on_time = seance.deliberations.exclude(item=item).first()
    on_time.text = "Le conseil municipal approuve le budget annexe."
    on_time.save()
    assert seance_service.record_vote(on_time, tally).status == "voted"


def test_an_accepted_urgency_makes_a_late_item_votable(convoked, agent, django_capture_on_commit_callbacks):
    meeting = convened_long_ago(convoked)
    meeting.urgency, meeting.urgency_reason = True, "Subvention avant la saison"
    item = add_item(meeting, "Subvention au club de football", django_capture_on_commit_callbacks)
    assert workflow.item_may_be_voted(item, urgency_accepted=True)
    assert not workflow.item_may_be_voted(item, urgency_accepted=False)


def test_no_item_may_be_added_once_the_seance_is_open(convoked):
    MeetingPage.objects.filter(pk=convoked.pk).update(state=MeetingPage.State.OPEN)
    convoked.refresh_from_db()
    assert workflow.item_addition_refusals(convoked, [AgendaItem(title="Questions diverses")]) == [
        "La séance est ouverte ou terminée\u00a0: son ordre du jour ne peut plus changer (article L2121-10)."]


# The délai checked again when the e-mails leave and on a re-send ---------------------------------------
def test_a_queue_that_retried_too_long_marks_the_convocation_late(meeting_index, council, elus, agent,
                                                                   django_capture_on_commit_callbacks, client):
    meeting = MeetingPageFactory(parent=meeting_index, instance=council, days=5)  # four clear days
    workflow.lock_recipients(meeting, agent)
    with django_capture_on_commit_callbacks(execute=False):  # the worker is down
        convocations.send(meeting, agent)
    two_days_later = timezone.now() + datetime.timedelta(days=2)
    assert tasks.run_due(now=two_days_later) == (0, 0)
    assert mail.outbox == []
    late = Delivery.objects.filter(convocation__meeting=meeting, status=Delivery.Status.LATE)
    assert late.count() == 4
    assert late.first().error.startswith(
        f"Non envoyée le {workflow.rules.local_day(two_days_later):%d/%m/%Y}\u00a0: Trop tard\u00a0: 3 jours francs")
    assert AuditEvent.objects.filter(meeting=meeting, kind=AuditEvent.Kind.LATE).count() == 4
    client.force_login(agent)
    page = client.get(reverse("meetings_admin:status", args=[meeting.pk])).content.decode()
    assert "non envoyée\u00a0: délai dépassé" in page


def test_a_re_send_too_late_is_refused(convoked, elus, agent, client):
    MeetingPage.objects.filter(pk=convoked.pk).update(start=timezone.now() + datetime.timedelta(days=1))
    convoked.refresh_from_db()
    anne = recipient(convoked, elus[0])
    with pytest.raises(convocations.SendRefused) as refused:
        convocations.resend(anne, agent)
    [message] = refused.value.messages
    assert message.startswith(f"Non envoyée le {timezone.localdate():%d/%m/%Y}\u00a0: Trop tard")
    client.force_login(agent)
    response = client.post(reverse("meetings_admin:resend", args=[convoked.pk, anne.pk]), follow=True)
    assert message in response.content.decode().replace("&#x27;", "'")
    assert Delivery.objects.filter(recipient=anne, status=Delivery.Status.PENDING).count() == 0


# L2121-20: pouvoirs ---------------------------------------------------------------------------------
@pytest.fixture
def series(meeting_index, council, elus, agent):
    """Four convened meetings of the council, 10 days apart."""
    meetings = []
    for days in (10, 20, 30, 40):
        meeting = MeetingPageFactory(parent=meeting_index, instance=council, days=days)
        workflow.lock_recipients(meeting, agent)
        MeetingPage.objects.filter(pk=meeting.pk).update(state=MeetingPage.State.CONVOKED)
        meeting.state = MeetingPage.State.CONVOKED
        meetings.append(meeting)
    return meetings


def delegate(meeting, giver, holder, illness=False):
    return workflow.give_answer(recipient(meeting, giver), Answer.POUVOIR, actor=giver, holder=holder,
                                illness=illness, notify=False)


@pytest.mark.parametrize("order", [(3, 1, 0, 2), (1, 2, 3, 0), (0, 1, 3, 2), (0, 1, 2, 3)])
def test_consecutive_meetings_are_counted_by_date_whatever_the_order_given(series, elus, order):
    *first, last = order
    for index in first:
        delegate(series[index], elus[0], elus[1])
    with pytest.raises(TransitionError, match="plus de trois séances consécutives"):
        delegate(series[last], elus[0], elus[1])
    assert not Pouvoir.objects.filter(meetings=series[last]).exists()
    assert delegate(series[last], elus[0], elus[1], illness=True).illness


def test_a_gap_breaks_the_run(series, elus):
    for index in (0, 1, 3):
        delegate(series[index], elus[0], elus[1])
    assert workflow.consecutive_delegations(elus[0], series[3]) == 1


def test_an_elu_revokes_after_the_answer_deadline(series, elus):
    meeting = series[0]
    pouvoir = delegate(meeting, elus[0], elus[1])
    MeetingPage.objects.filter(pk=meeting.pk).update(start=timezone.now() + datetime.timedelta(minutes=30))
    meeting.refresh_from_db()
    with pytest.raises(TransitionError):
        workflow.give_answer(recipient(meeting, elus[0]), Answer.PRESENT, actor=elus[0])
    assert workflow.revoke_pouvoir(pouvoir, elus[0]) == [meeting]
    assert not workflow.pouvoirs_in_force(meeting).exists()
    assert recipient(meeting, elus[0]).answer == Answer.NONE
    assert meeting.audit_events.filter(kind=AuditEvent.Kind.POUVOIR_REVOKED).exists()


def test_the_holder_is_told_when_the_pouvoir_is_revoked(series, elus, django_capture_on_commit_callbacks):
    meeting = series[0]
    pouvoir = delegate(meeting, elus[0], elus[1])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.revoke_pouvoir(pouvoir, elus[0])
    [message] = mail.outbox
    assert message.to == [elus[1].email]
    assert "a révoqué son pouvoir" in message.subject
    assert "vous ne votez plus en son nom" in message.body


def test_the_former_holder_is_told_when_the_giver_names_another(series, elus, django_capture_on_commit_callbacks):
    meeting = series[0]
    delegate(meeting, elus[0], elus[1])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.give_answer(recipient(meeting, elus[0]), Answer.POUVOIR, actor=elus[0], holder=elus[2])
    told = {message.to[0]: message.subject for message in mail.outbox}
    assert "a révoqué son pouvoir" in told[elus[1].email]
    assert "vous donne pouvoir" in told[elus[2].email]


def test_a_pouvoir_is_revocable_during_the_seance_but_not_after(series, elus, agent):
    meeting = series[0]
    pouvoir = delegate(meeting, elus[0], elus[1])
    MeetingPage.objects.filter(pk=meeting.pk).update(state=MeetingPage.State.OPEN)
    with pytest.raises(TransitionError, match="Seul l’élu qui a donné ce pouvoir peut le révoquer."):
        workflow.revoke_pouvoir(pouvoir, elus[2])
    workflow.revoke_pouvoir(pouvoir, elus[0])
    with pytest.raises(TransitionError, match="Ce pouvoir est déjà révoqué."):
        workflow.revoke_pouvoir(pouvoir, elus[0])
    again = workflow.record_pouvoir_at_seance(meeting, elus[0], elus[1], agent)
    MeetingPage.objects.filter(pk=meeting.pk).update(state=MeetingPage.State.CLOSED)
    with pytest.raises(TransitionError, match="La séance est terminée\u00a0: ce pouvoir ne peut plus être"):
        workflow.revoke_pouvoir(again, elus[0])
    assert Pouvoir.objects.get(pk=again.pk).revoked_at is None


def test_the_secretary_records_a_pouvoir_given_by_a_member_leaving(series, elus, agent,
                                                                   django_capture_on_commit_callbacks):
    meeting = series[0]
    seance = seance_service.seance_for(meeting)
    for elu in elus[:4]:
        seance_service.record_movement(seance, elu, "arrival")
    seance_service.open_seance(seance, agent, elus[0], [elus[1]])
    seance_service.record_movement(seance, elus[3], "departure")
    meeting.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        pouvoir = workflow.record_pouvoir_at_seance(meeting, elus[3], elus[2], agent)
    assert pouvoir.holder == elus[2] and recipient(meeting, elus[3]).answer == Answer.POUVOIR
    assert [m.to for m in mail.outbox] == [[elus[2].email]]
    assert seance_service.attendance(seance).represented == {elus[3].pk: elus[2]}
    with pytest.raises(TransitionError, match="porte déjà un pouvoir"):
        workflow.record_pouvoir_at_seance(meeting, elus[4], elus[2], agent)
    assert recipient(meeting, elus[4]).answer == Answer.NONE


def test_no_pouvoir_is_recorded_for_a_meeting_over(series, elus, agent):
    MeetingPage.objects.filter(pk=series[0].pk).update(state=MeetingPage.State.CLOSED)
    series[0].refresh_from_db()
    with pytest.raises(TransitionError, match="Un pouvoir ne peut être enregistré que pour une séance convoquée"):
        workflow.record_pouvoir_at_seance(series[0], elus[3], elus[2], agent)


# Europe/Paris: days are days in Paris, whatever time zone is active -------------------------------------
@pytest.mark.parametrize("active", ["UTC", "America/New_York", "Pacific/Kiritimati"])
def test_a_meeting_just_after_midnight_counts_on_days_in_paris(meeting_index, council, elus, active):
    # Monday 29 March 2027 at 00:30 in Paris, the night after the change to
    # summer time: 22:30 UTC on Sunday 28.
    start = datetime.datetime(2027, 3, 29, 0, 30, tzinfo=workflow.rules.LEGAL_TIMEZONE)
    meeting = MeetingPageFactory(parent=meeting_index, instance=council, start=start)
    Instance.objects.filter(pk=council.pk).update(population=4200)
    meeting.refresh_from_db()
    with timezone.override(active):
        assert workflow.meeting_day(meeting) == datetime.date(2027, 3, 29)
        # Five clear days (24 to 28 March) from Tuesday 23 March.
        assert workflow.convocation_refusals(meeting, datetime.date(2027, 3, 23)) == []
        [late] = workflow.convocation_refusals(meeting, datetime.date(2027, 3, 24))
    assert late.startswith("Trop tard\u00a0: 5 jours francs")


@pytest.mark.parametrize("active", ["UTC", "Asia/Tokyo"])
def test_today_is_today_in_paris(active):
    with timezone.override(active):
        assert workflow.today() == timezone.now().astimezone(workflow.rules.LEGAL_TIMEZONE).date()


def test_a_new_member_mandate_does_not_change_the_rules(meeting_index, council):
    """An instance saved through the admin keeps its renewal date (the
    field of the snippet's form)."""
    MandateFactory(instance=council, member=UserFactory())
    council.renewal_date = datetime.date(2026, 3, 15)
    council.full_clean()
    council.save()
    assert Instance.objects.get(pk=council.pk).renewal_date == datetime.date(2026, 3, 15)


def test_an_elu_revokes_through_the_personal_link_after_the_deadline(series, elus, client):
    from extensions.meetings import links

    meeting = series[0]
    delegate(meeting, elus[0], elus[1])
    MeetingPage.objects.filter(pk=meeting.pk).update(start=timezone.now() + datetime.timedelta(minutes=30))
    page = client.get(links.url_for(recipient(meeting, elus[0]))).content.decode()
    assert "Révoquer mon pouvoir" in page
    response = client.post(links.url_for(recipient(meeting, elus[0])), {"action": "revoke"}, follow=True)
    assert "Votre pouvoir est révoqué" in response.content.decode()
    assert not workflow.pouvoirs_in_force(meeting).exists()


@pytest.mark.postgresql("SQLite serialises every write: the race needs row locks")
def test_two_members_naming_the_same_holder_at_once(django_db_serialized_rollback, transactional_db, series, elus):
    """Two pouvoirs to the same holder from two requests at the same
    moment (threads, each with its own connection): one only is recorded
    (« un même conseiller municipal ne peut être porteur que d'un seul
    pouvoir »), the other refused in French."""
    import threading

    from django.db import connections

    meeting = series[0]
    barrier, errors = threading.Barrier(2), []

    def give(giver):
        try:
            barrier.wait()
            delegate(meeting, giver, elus[2])
        except TransitionError as exc:
            errors.append(str(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=give, args=(giver,)) for giver in elus[:2]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert workflow.pouvoirs_in_force(meeting).filter(holder=elus[2]).count() == 1
    assert len(errors) == 1 and "porte déjà un pouvoir" in errors[0]
