"""Public convened meetings appear in the public agenda with their ordre du
jour; meetings in preparation and private ones never do; the queries stay
bounded whatever the number of meetings."""
import pytest

from extensions.meetings import convocations, workflow
from tests.factories import EventIndexPageFactory

from .factories import MeetingPageFactory


@pytest.fixture
def agenda(home_page):
    return EventIndexPageFactory(parent=home_page, title="Agenda", slug="agenda")


def convene(meeting, agent):
    workflow.lock_recipients(meeting, agent)
    convocations.send(meeting, agent)


def test_public_convened_meetings_are_in_the_agenda(client, agenda, convoked, meeting_index, council, agent):
    preparing = MeetingPageFactory(parent=meeting_index, instance=council, title="Séance pas encore convoquée")
    private = MeetingPageFactory(parent=meeting_index, instance=council, title="Séance à huis clos", is_public=False)
    convene(private, agent)
    text = client.get(agenda.url).content.decode()
    assert convoked.title in text
    assert "Point n° 1 : budget annexe 1" in text
    assert preparing.title not in text and private.title not in text


def test_agenda_queries_are_bounded(client, agenda, meeting_index, council, elus, agent,
                                    django_assert_max_num_queries):
    for n in range(6):
        convene(MeetingPageFactory(parent=meeting_index, instance=council, days=10 + n), agent)
    with django_assert_max_num_queries(25):
        response = client.get(agenda.url)
    assert response.content.decode().count('class="meeting-card"') == 6


def test_the_meeting_index_lists_what_the_visitor_may_see(client, meeting_index, convoked, council, agent):
    private = MeetingPageFactory(parent=meeting_index, instance=council, title="Séance à huis clos", is_public=False)
    text = client.get(meeting_index.url).content.decode()
    assert convoked.title in text and private.title not in text
