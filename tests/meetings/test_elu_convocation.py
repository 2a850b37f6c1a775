"""The élu's side of a convocation, signed in: « Mes espaces » shows the
convocations to confirm first, soonest first; one form acknowledges and
answers (a pouvoir chosen by full name), the pouvoir is revoked from the
same screen; a double submission records once; bad input is explained in
French and changes nothing."""
import datetime

import pytest
from django.core import mail
from django.utils import timezone

from extensions.meetings import convocations, workflow
from extensions.meetings.member_views import acknowledge
from extensions.meetings.models import AuditEvent, Pouvoir, Recipient
from tests.html import soup, visible_text

from .conftest import recipient
from .factories import MeetingPageFactory

Answer = Recipient.Answer


@pytest.fixture
def anne_client(client, convoked, elus):
    client.force_login(elus[0])
    return client


def test_my_spaces_lists_the_convocations_to_confirm_first(anne_client, convoked, meeting_index, council, agent,
                                                           elus, django_capture_on_commit_callbacks):
    later = MeetingPageFactory(parent=meeting_index, instance=council, title="Conseil de printemps",
                               start=convoked.start + datetime.timedelta(days=30))
    soonest = MeetingPageFactory(parent=meeting_index, instance=council, title="Conseil extraordinaire",
                                 start=convoked.start - datetime.timedelta(days=2))
    for other in (later, soonest):
        workflow.lock_recipients(other, agent)
        with django_capture_on_commit_callbacks(execute=True):
            convocations.send(other, agent)
    answered = recipient(later, elus[0])
    workflow.give_answer(answered, Answer.PRESENT)
    sections = soup(anne_client.get("/espaces/")).select("section.convocations")
    # Answered but not acknowledged: still to confirm, soonest first.
    assert [section.h2.get_text() for section in sections] == ["Convocations à confirmer"]
    assert [h.get_text() for h in sections[0].select("h3")] == [
        "Conseil extraordinaire", "Conseil municipal du mois", "Conseil de printemps"]
    assert "Réception non confirmée · pas encore de réponse" in sections[0].get_text()
    assert sections[0].find("a", class_="button")["href"] == soonest.url
    acknowledge(answered)
    sections = soup(anne_client.get("/espaces/")).select("section.convocations")
    assert [section.h2.get_text() for section in sections] == ["Convocations à confirmer", "Mes autres convocations"]
    assert [h.get_text() for h in sections[1].select("h3")] == ["Conseil de printemps"]
    page = soup(anne_client.get("/espaces/"))
    assert page.find("a", string="Guide : recevoir une convocation, répondre, donner pouvoir")["href"] == (
        "/aide/elu-recevoir-repondre-pouvoir/")


def test_confirmed_convocations_come_after(anne_client, convoked, elus):
    anne = recipient(convoked, elus[0])
    anne_client.post(convoked.url, {"action": "acknowledge", "answer": "present"})
    page = soup(anne_client.get("/espaces/"))
    assert [section.h2.get_text() for section in page.select("section.convocations")] == ["Mes autres convocations"]
    assert "Réception confirmée · présent" in page.select_one("section.convocations").get_text()
    anne.refresh_from_db()
    assert anne.acknowledged_at and anne.answer == Answer.PRESENT


def test_acknowledge_and_give_a_pouvoir_in_one_form(anne_client, convoked, elus, django_capture_on_commit_callbacks):
    page = soup(anne_client.get(convoked.url))
    assert page.find("a", string="Aide : comment répondre, donner ou révoquer un pouvoir")["href"] == (
        "/aide/elu-recevoir-repondre-pouvoir/")
    form = page.find("button", attrs={"value": "acknowledge"}).find_parent("form")
    holder = form.find("select", attrs={"name": "holder"})
    assert "Bruno Conseil" in [option.get_text() for option in holder.find_all("option")]
    assert "elu2" not in holder.get_text()
    mail.outbox.clear()
    data = {"action": "acknowledge", "answer": "pouvoir", "holder": elus[1].pk}
    with django_capture_on_commit_callbacks(execute=True):
        response = anne_client.post(convoked.url, data, follow=True)
        anne_client.post(convoked.url, data)  # the double click
    text = visible_text(response)
    assert "Vous avez donné pouvoir à Bruno Conseil" in text
    anne = recipient(convoked, elus[0])
    assert anne.acknowledged_at and anne.answer == Answer.POUVOIR
    assert Pouvoir.objects.filter(giver=elus[0]).count() == 1
    assert len(mail.outbox) == 1  # the holder is told once
    assert AuditEvent.objects.filter(recipient=anne, kind=AuditEvent.Kind.ACKNOWLEDGED).count() == 1
    assert AuditEvent.objects.filter(recipient=anne, kind=AuditEvent.Kind.ANSWERED).count() == 1


def test_revoke_the_pouvoir_from_the_same_screen(anne_client, convoked, elus):
    anne_client.post(convoked.url, {"action": "acknowledge", "answer": "pouvoir", "holder": elus[1].pk})
    response = anne_client.post(convoked.url, {"action": "revoke"}, follow=True)
    assert "Votre pouvoir est révoqué" in visible_text(response)
    assert not workflow.pouvoirs_in_force(convoked).exists()
    anne = recipient(convoked, elus[0])
    assert anne.answer == Answer.NONE
    assert AuditEvent.objects.filter(recipient=anne, kind=AuditEvent.Kind.POUVOIR_REVOKED).count() == 1
    again = anne_client.post(convoked.url, {"action": "revoke"}, follow=True)
    assert "Vous n’avez pas de pouvoir en cours" in visible_text(again)
    assert AuditEvent.objects.filter(recipient=anne, kind=AuditEvent.Kind.POUVOIR_REVOKED).count() == 1
    # Bruno is free to hold another member's pouvoir.
    workflow.give_answer(recipient(convoked, elus[2]), Answer.POUVOIR, holder=elus[1])


def test_a_pouvoir_is_revocable_while_the_seance_sits_not_after(anne_client, convoked, elus, agent):
    anne_client.post(convoked.url, {"action": "acknowledge", "answer": "pouvoir", "holder": elus[1].pk})
    workflow.open_seance(convoked, agent)
    workflow.close_meeting(convoked, agent)
    response = anne_client.post(convoked.url, {"action": "revoke"}, follow=True)
    assert "La séance est terminée" in visible_text(response)
    assert workflow.pouvoirs_in_force(convoked).exists()


@pytest.mark.parametrize("data, message", [
    ({"action": "acknowledge", "answer": "pouvoir"}, "Indiquez le membre qui portera votre pouvoir."),
    ({"action": "answer"}, "Choisissez votre réponse."),
    ({"action": "acknowledge", "answer": "peut-etre"}, "Sélectionnez un choix valide"),
])
def test_bad_input_is_explained_and_changes_nothing(anne_client, convoked, elus, data, message):
    response = anne_client.post(convoked.url, data)
    assert response.status_code == 200
    assert message in visible_text(response)
    anne = recipient(convoked, elus[0])
    assert anne.acknowledged_at is None and anne.answer == Answer.NONE


def test_a_refused_pouvoir_does_not_acknowledge_either(anne_client, convoked, elus):
    workflow.give_answer(recipient(convoked, elus[2]), Answer.POUVOIR, holder=elus[1])
    response = anne_client.post(convoked.url, {"action": "acknowledge", "answer": "pouvoir", "holder": elus[1].pk})
    assert "ne peut en détenir qu’un" in visible_text(response) or "un seul" in visible_text(response)
    anne = recipient(convoked, elus[0])
    assert anne.acknowledged_at is None and anne.answer == Answer.NONE


def test_after_the_deadline_only_the_acknowledgement_is_offered(anne_client, convoked, elus):
    type(convoked).objects.filter(pk=convoked.pk).update(start=timezone.now() + datetime.timedelta(hours=1))
    page = soup(anne_client.get(convoked.url))
    assert page.find("input", attrs={"name": "answer"}) is None
    assert page.find("button", attrs={"value": "acknowledge"}) is not None
    assert "Les réponses à cette séance sont closes" in page.get_text()
