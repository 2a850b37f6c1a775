"""The one confirmation screen before sending
(preparation_views.confirm_send): the délai in plain French with its
article, the recipients by e-mail and on paper, what is missing, the
paper deposit date required; « Envoyer » locks and sends in one click, a
second click sends nothing more, a refusal changes nothing."""
import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from extensions.meetings import deadline, rules
from extensions.meetings.models import Convocation
from extensions.meetings.pages import MeetingPage

from .factories import MeetingPageFactory

State = MeetingPage.State


@pytest.fixture
def agent_client(client, agent):
    client.force_login(agent)
    return client


def confirm_url(meeting):
    return reverse("meetings_admin:confirm_send", args=[meeting.pk])


def test_the_screen_states_the_delai_recipients_and_what_is_missing(agent_client, meeting):
    page = agent_client.get(confirm_url(meeting)).text
    day = timezone.localtime(meeting.start).date()
    latest = rules.latest_sending_date(day, 3)
    assert (f"Séance du {deadline.day_and_month(day)} à 18\u00a0h\u00a030 : convocation au plus tard le "
            f"{deadline.day_and_month(latest)} (3\u00a0jours francs, article L2121-11)") in page
    assert "Anne Conseil" in page and "Émile Conseil" in page  # by e-mail, on paper
    assert "Sur papier (1\u00a0personne)" in page
    assert "Aucun document pour" in page
    assert 'name="posting_on"' in page and 'type="date"' in page


def test_send_requires_the_paper_deposit_date(agent_client, meeting):
    response = agent_client.post(confirm_url(meeting), {"posting_on": ""})
    assert response.status_code == 200 and "posting_on" in response.context["form"].errors
    meeting.refresh_from_db()
    assert meeting.state == State.PREPARATION and not Convocation.objects.exists()


def test_one_click_locks_and_sends_and_a_second_click_sends_nothing_more(
        agent_client, meeting, django_capture_on_commit_callbacks):
    data = {"posting_on": timezone.localdate().isoformat()}
    with django_capture_on_commit_callbacks(execute=True):
        response = agent_client.post(confirm_url(meeting), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.state == State.CONVOKED and meeting.recipients.count() == 5
    again = agent_client.post(confirm_url(meeting), data, follow=True)
    assert "rien à envoyer" in again.text or "déjà partie" in again.text
    assert Convocation.objects.filter(meeting=meeting).count() == 1


def test_a_refused_sending_changes_nothing(agent_client, meeting_index, council, elus):
    late = MeetingPageFactory(parent=meeting_index, instance=council, days=2)
    page = agent_client.get(confirm_url(late)).text
    assert "Trop tard" in page and ">Envoyer<" not in page
    response = agent_client.post(confirm_url(late), {"posting_on": timezone.localdate().isoformat()})
    assert response.status_code == 200 and "Trop tard" in response.text
    late.refresh_from_db()
    assert late.state == State.PREPARATION and not late.recipients.exists()


def test_a_posting_date_in_the_past_is_refused(agent_client, meeting):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = agent_client.post(confirm_url(meeting), {"posting_on": yesterday.isoformat()})
    assert "posting_on" in response.context["form"].errors


@pytest.mark.parametrize("kind, population, circumstances, basis", [
    (rules.COMMUNE, 1200, {}, "article L2121-11"),
    (rules.COMMUNE, 4200, {}, "article L2121-12"),
    (rules.COMMUNE, 4200, {"first_after_renewal": True}, "article L2121-12, première réunion après le renouvellement"),
    (rules.COMMUNE, 1200, {"urgency": True, "urgency_reason": "x"}, "article L2121-11, urgence"),
    (rules.COMMUNE, 4200, {"urgency": True, "urgency_reason": "x"}, "article L2121-12, urgence"),
    (rules.COMMUNE, 4200, {"reconvocation": True}, "article L2121-17, nouvelle convocation faute de quorum"),
    (rules.EPCI, 18600, {}, "articles L5211-1 et L2121-12"),
    (rules.COMMISSION, 4200, {}, "règlement intérieur"),
])
def test_the_article_behind_the_delai(kind, population, circumstances, basis):
    body = rules.Body(kind=kind, population=population, commission_notice_days=3)
    facts = rules.Circumstances(**circumstances)
    assert deadline.legal_basis(body, facts, rules.notice_days(body, facts)) == basis
