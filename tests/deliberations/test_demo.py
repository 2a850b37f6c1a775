"""The demo: two past séances held and closed, the first procès-verbal
published, both lists online, the adopted deliberations published as acts;
loading it again creates nothing."""
import datetime

import pytest

from extensions.deliberations import demo
from extensions.deliberations.models import Deliberation, ProcesVerbal, Seance
from extensions.deliberations.pages import ActPage
from extensions.meetings.models import Instance, Mandate
from extensions.meetings.pages import MeetingIndexPage
from tests.factories import UserFactory

MEMBERS = ["cfontanel", "elu", "elu2", "broux", "mguerin", "tcaron", "aleblanc"]


class Command:
    def __init__(self):
        self.lines = []

    def report(self, label, created, total):
        self.lines.append((label, created, total))


@pytest.fixture
def demo_council(home_page):
    """What extensions.meetings' demo creates before ours runs."""
    UserFactory(username="agent")
    council = Instance.objects.create(name=demo.COUNCIL, kind=Instance.Kind.COMMUNE, population=4200)
    for username in MEMBERS:
        Mandate.objects.create(instance=council, member=UserFactory(username=username),
                               start=datetime.date(2020, 5, 25))
    home_page.add_child(instance=MeetingIndexPage(title="Séances", slug="seances"))
    return council


def test_the_demo_holds_two_seances_and_publishes_their_acts(demo_council, client):
    command = Command()
    demo.load(command)
    assert Seance.objects.filter(closed_at__isnull=False, list_published_at__isnull=False).count() == 2
    assert Deliberation.objects.filter(outcome="adopted").count() == 5
    assert ActPage.objects.live().count() == 5
    assert ProcesVerbal.objects.filter(status="published").count() == 1
    canteen = Deliberation.objects.get(title="Tarifs de la restauration scolaire")
    assert canteen.ballot == "public" and canteen.contre == 1 and canteen.represented == 1
    assert "Mme D." in canteen.public_text and "Tilleuls" not in canteen.public_text
    assert client.get(canteen.act.url).status_code == 200

    demo.load(Command())
    assert ActPage.objects.count() == 5 and Seance.objects.count() == 2


def test_the_held_public_seances_are_public(demo_council, client):
    """Convened through the sending's own step, the past public séances
    carry no view restriction: visitors read them like the agenda lists
    them (issue 13, item 17)."""
    from wagtail.models import PageViewRestriction

    from extensions.meetings.pages import MeetingPage

    demo.load(Command())
    held = MeetingPage.objects.filter(title__in=[spec["title"] for spec in demo.PAST_SEANCES])
    assert held.count() == 2
    for meeting in held:
        assert not PageViewRestriction.objects.filter(page=meeting).exists()
        assert client.get(meeting.url).status_code == 200
    assert set(MeetingPage.objects.live().public().values_list("pk", flat=True)) >= set(held.values_list("pk", flat=True))
