"""Fixtures of meetings: a small commune's council with five élus (one on
paper), a meeting index page, a meeting with two items and an annex, and
helpers that move it through its states."""
import pytest

from extensions.meetings import convocations, workflow
from extensions.meetings.models import Mandate
from pages.roles import AGENTS, ELUS
from tests.factories import UserFactory

from .factories import InstanceFactory, MandateFactory, MeetingIndexPageFactory, MeetingPageFactory, attach


def make_agent():
    return UserFactory(username="agent-seances", first_name="Agathe", last_name="Agent", groups=[AGENTS],
                       is_staff=False)


def make_council():
    return InstanceFactory(name="Conseil municipal de Parvis", population=1200)


def make_elus(council):
    """Five members in office: elu1..elu4 by e-mail, elu5 on paper."""
    people = [UserFactory(username=f"elu{n}", first_name=name, last_name="Conseil", groups=[ELUS])
              for n, name in enumerate(["Anne", "Bruno", "Chloé", "Denis", "Émile"], start=1)]
    for person in people[:4]:
        MandateFactory(instance=council, member=person)
    MandateFactory(instance=council, member=people[4], channel=Mandate.Channel.PAPER,
                   postal_address="3 rue des Lilas\n12345 Parvis")
    return people


@pytest.fixture
def agent(db):
    return make_agent()


@pytest.fixture
def council(db):
    return make_council()


@pytest.fixture
def elus(council):
    return make_elus(council)


@pytest.fixture
def meeting_index(home_page):
    return MeetingIndexPageFactory(parent=home_page)


@pytest.fixture
def meeting(meeting_index, council, elus):
    return MeetingPageFactory(parent=meeting_index, instance=council, title="Conseil municipal du mois")


@pytest.fixture
def annex(meeting):
    return attach(meeting, 1, title="Annexe : tableau des subventions")


@pytest.fixture
def ready(meeting, annex, agent):
    workflow.lock_recipients(meeting, agent)
    return meeting


@pytest.fixture
def convoked(ready, agent, django_capture_on_commit_callbacks):
    """The meeting convened (e-mails sent through the test mail backend)."""
    with django_capture_on_commit_callbacks(execute=True):
        convocations.send(ready, agent)
    ready.refresh_from_db()
    return ready


def recipient(meeting, user):
    return meeting.recipients.get(user=user)
