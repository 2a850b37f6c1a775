"""The demo of meetings: a convened council meeting with mixed receipts and
answers, a commission meeting in preparation, an EPCI council on the
intercommunality's site; idempotent."""
import pytest

from extensions.commissions import demo as commissions_demo
from extensions.meetings import demo
from extensions.meetings.models import Delivery, Recipient
from extensions.meetings.pages import MeetingPage
from tests.commissions.test_demo import Command, demo_accounts  # noqa: F401
from tests.factories import install_home_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def sites(demo_accounts):  # noqa: F811
    install_home_page(hostname="interco.localhost", theme="interco", title="Val d'Aurèle", slug="val")
    commissions_demo.load(Command())


def test_the_demo_meetings(sites):
    command = Command()
    demo.load(command)
    council = MeetingPage.objects.get(title="Conseil municipal – séance ordinaire")
    assert council.state == MeetingPage.State.CONVOKED and council.convocations.count() == 1
    # « Première réunion après renouvellement » can be checked on the demo council.
    assert str(council.instance.renewal_date) == "2026-03-15"
    answers = set(council.recipients.values_list("answer", flat=True))
    assert {Recipient.Answer.PRESENT, Recipient.Answer.EXCUSED, Recipient.Answer.POUVOIR, ""} <= answers
    assert council.recipients.exclude(acknowledged_at=None).exists()
    statuses = set(Delivery.objects.filter(convocation__meeting=council).values_list("status", flat=True))
    assert {Delivery.Status.SENT, Delivery.Status.FAILED, Delivery.Status.POSTED} <= statuses
    commission = MeetingPage.objects.get(title__startswith="Commission urbanisme")
    assert commission.state == MeetingPage.State.PREPARATION and not commission.is_public
    epci = MeetingPage.objects.get(title__startswith="Conseil communautaire")
    assert epci.get_site().hostname == "interco.localhost"
    assert epci.recipients.filter(channel=Recipient.Channel.INFORMATION).count() == 2

    # Documents: the convened council's are its members' (not every élu's),
    # the commission's in preparation are the agents' only.
    council_docs = {doc.collection for _item, _kind, doc in council.documents()}
    assert council_docs == {council.instance.documents_collection}
    assert {doc.collection.name for _item, _kind, doc in commission.specific.documents()} == {"En préparation"}

    demo.load(command)
    assert MeetingPage.objects.count() == 3
    assert command.reports[-1] == ("Séances", 0, 3)
