"""The demo of the private spaces: the council and three commissions, the
demo accounts in their places (`externe` in the commission sécurité only),
publications with private attachments and readings; idempotent."""
import pytest

from extensions.commissions import demo
from extensions.commissions.models import Invitation, Membership, Publication, Reading, Space
from library.privacy import is_private
from pages.roles import AGENTS, ELUS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class Command:
    """Stands for load_demo: collects the progress lines."""

    def __init__(self):
        self.reports = []

    def report(self, label, created, total):
        self.reports.append((label, created, total))


@pytest.fixture
def demo_accounts(home_page):
    """The accounts pages.demo creates before this module runs."""
    UserFactory(username="agent", groups=[AGENTS])
    UserFactory(username="elu", groups=[ELUS])
    UserFactory(username="elu2", groups=[ELUS])
    UserFactory(username="externe", first_name="Laurent", last_name="Vidal")


def spaces_of(username):
    return set(Membership.objects.filter(user__username=username).values_list("space__name", "role"))


def test_the_demo_spaces(demo_accounts):
    command = Command()
    demo.load(command)
    assert set(Space.objects.values_list("name", flat=True)) == {
        "Conseil municipal", "Commission urbanisme", "Commission travaux", "Commission sécurité"
    }
    assert {name for name, _role in spaces_of("elu")} == {"Conseil municipal", "Commission urbanisme"}
    assert spaces_of("externe") == {("Commission sécurité", Membership.Role.GUEST)}
    assert Invitation.objects.get(email__iexact="externe@parvis.localhost").status == Invitation.Status.ACCEPTED
    for publication in Publication.objects.all():
        documents = [a.document for a in publication.attachments.all()]
        assert documents and all(is_private(d) and d.collection_id == publication.space.collection_id
                                 for d in documents)
    assert Reading.objects.count() > Publication.objects.count()
    assert command.reports == [("Espaces privés", 4, 4), ("Publications", 5, 5)]


def test_loading_twice_creates_nothing_new(demo_accounts):
    demo.load(Command())
    counts = [model.objects.count() for model in (Space, Membership, Publication, Reading, Invitation)]
    command = Command()
    demo.load(command)
    assert [model.objects.count() for model in (Space, Membership, Publication, Reading, Invitation)] == counts
    assert command.reports == [("Espaces privés", 0, 4), ("Publications", 0, 5)]
