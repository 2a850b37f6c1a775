"""The permission matrix of meetings, channel by channel: the meeting
page, its documents, its .ics, the public and private feeds, the search,
the file check and the staff dashboard, for a public convened council
meeting, the same council's meeting in preparation and a private
commission meeting. Non-members, outsiders of another space and anonymous
visitors reach nothing private: they get the same 404 as for a missing
address."""
import pytest
from django.contrib.auth.models import Group
from django.test import TestCase

from extensions.commissions.models import Membership, Space
from extensions.meetings import convocations, workflow
from extensions.meetings.models import FeedToken, Instance
from extensions.meetings.pages import MeetingPage
from pages.roles import ELUS
from tests.conftest import module_world
from tests.factories import UserFactory, install_home_page

from .conftest import make_agent, make_council, make_elus
from .factories import InstanceFactory, MandateFactory, MeetingIndexPageFactory, MeetingPageFactory, attach

# Each test runs in a savepoint of the module's world.
pytestmark = pytest.mark.django_db

SECRET = "zorglumotion"
ROLES = ["anonymous", "citizen", "other_elu", "outsider", "member", "commission_member", "agent", "superuser"]
STAFF = {"agent", "superuser"}


def build_world():
    """Three meetings and everyone who might ask about them, built once for
    the module: its tests only read it."""
    home = install_home_page(title="Accueil", slug="accueil")
    meeting_index = MeetingIndexPageFactory(parent=home)
    council, agent = make_council(), make_agent()
    elus = make_elus(council)
    urbanisme = Space.objects.create(name="Commission urbanisme")
    securite = Space.objects.create(name="Commission sécurité")
    people = {
        "anonymous": None,
        "citizen": UserFactory(username="citoyenne"),
        "other_elu": UserFactory(username="elu", groups=[ELUS]),  # an élu, but of no instance here
        "outsider": UserFactory(username="gendarme"),
        "member": elus[0],
        "commission_member": UserFactory(username="commissaire", groups=[ELUS]),
        "agent": agent,
        "superuser": UserFactory(username="superuser", is_superuser=True, is_staff=True),
    }
    Membership.objects.create(space=securite, user=people["outsider"], role=Membership.Role.GUEST)
    Membership.objects.create(space=urbanisme, user=people["commission_member"])
    commission = InstanceFactory(name="Commission urbanisme (instance)", kind=Instance.Kind.COMMISSION,
                                 space=urbanisme)
    MandateFactory(instance=commission, member=people["commission_member"])
    public = MeetingPageFactory(parent=meeting_index, instance=council, title=f"Conseil public {SECRET}")
    preparing = MeetingPageFactory(parent=meeting_index, instance=council, title=f"Conseil en préparation {SECRET}")
    private = MeetingPageFactory(parent=meeting_index, instance=commission, is_public=False,
                                 title=f"Commission privée {SECRET}")
    documents = {"public": attach(public), "private": attach(private), "preparing": attach(preparing)}
    for meeting in (public, private):
        workflow.lock_recipients(meeting, agent)
        with TestCase.captureOnCommitCallbacks(execute=True):
            convocations.send(meeting, agent)
    return {"people": people, "meetings": {"public": public, "preparing": preparing, "private": private},
            "documents": documents}


world = module_world(build_world)


def sees(role, meeting_key):
    if meeting_key == "public":
        return True
    if role in STAFF:
        return True
    return role == ("member" if meeting_key == "preparing" else "commission_member")


def sees_documents(role, meeting_key):
    """Staff always; the instance's members once convened (never before)."""
    if role in STAFF:
        return True
    if meeting_key == "preparing":
        return False
    return role == ("commission_member" if meeting_key == "private" else "member")


def sign_in(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", ["public", "preparing", "private"])
def test_meeting_page_documents_and_ics(client, world, role, key):
    client = sign_in(client, world["people"][role])
    meeting = world["meetings"][key]
    document = world["documents"][key]
    expected = 200 if sees(role, key) else 404
    page = client.get(meeting.url)
    assert page.status_code == expected
    assert client.get(meeting.url + "ical/").status_code == expected
    download = client.get(f"{meeting.url}documents/{document.pk}/")
    assert download.status_code == (200 if sees(role, key) and sees_documents(role, key) else 404)
    # The library's own view applies the same rule through the instance's
    # collections: an élu of no instance here reads nothing (issue 13).
    assert client.get(document.url).status_code == (200 if sees_documents(role, key) else 404)
    if expected == 200:
        assert (document.title in page.content.decode()) is sees_documents(role, key)


@pytest.mark.parametrize("role", ROLES)
def test_search(client, world, role):
    client = sign_in(client, world["people"][role])
    text = client.get("/recherche/", {"q": SECRET}).content.decode()
    for key, meeting in world["meetings"].items():
        assert (meeting.title.replace(SECRET, f"<mark>{SECRET}</mark>") in text) is sees(role, key), key


@pytest.mark.parametrize("role", ROLES)
def test_private_feed_lists_what_the_role_sees(client, world, role):
    user = world["people"][role]
    if user is None:
        return
    token = FeedToken.issue(user)
    text = client.get(f"/seances/calendrier/prive/{token}.ics").content.decode()
    for key, meeting in world["meetings"].items():
        assert (meeting.title in text) is sees(role, key), key


def test_public_feed_lists_only_public_convened_meetings(client, world):
    text = client.get("/seances/calendrier/seances.ics").content.decode()
    assert world["meetings"]["public"].title in text
    assert world["meetings"]["preparing"].title not in text
    assert world["meetings"]["private"].title not in text


def test_a_revoked_or_unknown_feed_token_is_404(client, world):
    user = world["people"]["member"]
    old = FeedToken.issue(user)
    new = FeedToken.issue(user)
    assert client.get(f"/seances/calendrier/prive/{old}.ics").status_code == 404
    assert client.get(f"/seances/calendrier/prive/{new}.ics").status_code == 200
    assert client.get("/seances/calendrier/prive/inconnu.ics").status_code == 404


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("key", ["public", "private"])
def test_file_check(client, world, role, key):
    client = sign_in(client, world["people"][role])
    convocation = world["meetings"][key].convocations.get()
    response = client.get(f"/seances/convocations/{convocation.pk}/verification/")
    # Checking a file is for who may read the documents (issue 13): seeing
    # the public meeting is not enough.
    assert response.status_code == (200 if sees_documents(role, key) else 404)


@pytest.mark.parametrize("role", ROLES)
def test_dashboard_is_for_staff(client, world, role):
    client = sign_in(client, world["people"][role])
    response = client.get(f"/admin/seances/{world['meetings']['private'].pk}/")
    assert (response.status_code == 200) is (role in STAFF)
    if response.status_code != 200:
        assert world["meetings"]["private"].title not in response.content.decode()


def test_commission_space_lists_its_upcoming_meetings(client, world):
    from extensions.commissions.access import upcoming_meetings

    space = Space.objects.get(name="Commission urbanisme")
    assert upcoming_meetings(space, world["people"]["commission_member"]) == [world["meetings"]["private"]]
    assert upcoming_meetings(space, world["people"]["outsider"]) == []
    assert upcoming_meetings(space, Group and world["people"]["citizen"]) == []


def test_a_commission_document_outside_its_space_is_refused(world):
    """The editors refuse it on the item's field (tests/meetings/test_preparation.py)."""
    from extensions.meetings.documents import misplaced_documents

    council_document = world["documents"]["public"]
    assert misplaced_documents(world["meetings"]["private"].instance, [council_document]) == [council_document]
    assert misplaced_documents(world["meetings"]["public"].instance, [council_document]) == []


def test_wagtail_sees_private_meetings_as_private(world):
    """The view restriction mirrors access.py, so Wagtail's own public()
    querysets (menus, sitemaps, an API) leave out what is not public."""
    public = set(MeetingPage.objects.live().public().values_list("title", flat=True))
    assert public == {world["meetings"]["public"].title}


def test_a_signed_out_visitor_gets_404_not_the_sign_in_page(client, world):
    response = client.get(world["meetings"]["private"].url)
    assert response.status_code == 404
