"""Who edits and publishes which pages: Wagtail page permissions are granted
per section (a child of a site's home page), so the Rédaction reaches the
editorial pages and never the meetings (publishing a convened one sends a
new convocation) nor the private spaces; the Agents reach the meetings of
both sites; Élus, jury and space members reach no page."""
import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupPagePermission, Page, get_page_models

from extensions.commissions.models import Membership, Space
from extensions.deliberations.pages import ActIndexPage
from extensions.participation.roles import jury_group
from pages.models import HomePage, StandardPage
from pages.roles import AGENTS, ELUS, REDACTION, ensure_roles, section_editors
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    LibraryPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
    ThemeFactory,
    ThemePageFactory,
    UserFactory,
    install_home_page,
)
from tests.meetings.factories import MeetingIndexPageFactory, MeetingPageFactory
from tests.participation.helpers import make_contest

EDITORIAL = ["home", "interco home", "standard", "standard child", "news index", "news", "event index", "event",
             "library", "theme", "contest"]
MEETINGS = ["meeting index", "meeting", "interco meeting index", "interco meeting"]
NOBODY = ["acts", "space index", "space"]

# Role -> the pages it may edit and publish; every other page of the tree it may not.
EXPECTED = {
    "redaction": EDITORIAL,
    "agent": MEETINGS,
    "elu": [],
    "jury": [],
    "space president": [],
}


@pytest.fixture
def tree(home_page):
    interco = install_home_page(hostname="interco.localhost", theme="interco", title="Interco", slug="interco")
    standard = StandardPageFactory(parent=home_page, title="Démarches")
    news_index = NewsIndexPageFactory(parent=home_page, title="Actualités")
    event_index = EventIndexPageFactory(parent=home_page, title="Agenda")
    meeting_index = MeetingIndexPageFactory(parent=home_page)
    interco_meetings = MeetingIndexPageFactory(parent=interco)
    acts = home_page.add_child(instance=ActIndexPage(title="Délibérations", slug="deliberations"))
    space = Space.objects.create(name="Commission urbanisme")
    return {
        "home": home_page,
        "interco home": interco,
        "standard": standard,
        "standard child": StandardPageFactory(parent=standard, title="État civil"),
        "news index": news_index,
        "news": NewsPageFactory(parent=news_index, title="Travaux"),
        "event index": event_index,
        "event": EventPageFactory(parent=event_index, title="Marché"),
        "library": LibraryPageFactory(parent=home_page, title="Actes et documents", slug="actes"),
        "theme": ThemePageFactory(parent=home_page, title="Urbanisme", theme=ThemeFactory(name="Urbanisme")),
        "contest": make_contest(home_page),
        "meeting index": meeting_index,
        "meeting": MeetingPageFactory(parent=meeting_index),
        "interco meeting index": interco_meetings,
        "interco meeting": MeetingPageFactory(parent=interco_meetings, slug="conseil-communautaire"),
        "acts": acts,
        "space index": space.page.get_parent(),
        "space": space.page,
        "_space": space,
    }


@pytest.fixture
def people(tree):
    president = UserFactory(username="presidente")
    Membership.objects.create(space=tree["_space"], user=president, role=Membership.Role.PRESIDENT)
    juror = UserFactory(username="jure")
    juror.groups.add(jury_group())
    return {
        "redaction": UserFactory(username="redaction", groups=[REDACTION]),
        "agent": UserFactory(username="agent", groups=[AGENTS]),
        "elu": UserFactory(username="elu", groups=[ELUS]),
        "jury": juror,
        "space president": president,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("role", EXPECTED)
def test_each_role_edits_and_publishes_its_sections_only(tree, people, role):
    assert {name for name in tree if not name.startswith("_")} == set(EDITORIAL + MEETINGS + NOBODY)
    user = people[role]
    allowed = {}
    for name, page in tree.items():
        if name.startswith("_"):
            continue
        tester = Page.objects.get(pk=page.pk).permissions_for_user(user)
        allowed[name] = (tester.can_edit(), tester.can_publish())
    assert {name for name, rights in allowed.items() if rights == (True, True)} == set(EXPECTED[role])
    assert {name for name, rights in allowed.items() if rights == (False, False)} == set(allowed) - set(EXPECTED[role])


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["meeting", "interco meeting", "space", "acts"])
def test_the_redaction_cannot_open_the_editor_of_a_meeting_or_a_space(client, tree, people, page):
    client.force_login(people["redaction"])
    assert client.get(f"/admin/pages/{tree['standard'].pk}/edit/").status_code == 200
    response = client.get(f"/admin/pages/{tree[page].pk}/edit/")
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert f"/admin/pages/{tree[page].pk}/edit/" not in response["Location"]
    publish = client.post(f"/admin/pages/{tree[page].pk}/edit/", {"action-publish": "action-publish"})
    assert publish.status_code in (302, 403)
    assert Page.objects.get(pk=tree[page].pk).latest_revision == tree[page].latest_revision


@pytest.mark.django_db
def test_the_agents_open_the_editor_of_a_meeting(client, tree, people):
    client.force_login(people["agent"])
    assert client.get(f"/admin/pages/{tree['meeting'].pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{tree['standard'].pk}/edit/").status_code != 200


@pytest.mark.django_db
def test_a_section_added_later_gets_its_role(tree, people):
    later = StandardPageFactory(parent=tree["interco home"], title="Transports")
    assert later.permissions_for_user(people["redaction"]).can_publish()
    assert not later.permissions_for_user(people["agent"]).can_edit()


@pytest.mark.django_db
def test_the_redaction_adds_a_section_but_its_home_page_right_stops_there(client, tree, people):
    client.force_login(people["redaction"])
    home = tree["home"]
    assert client.get(f"/admin/pages/add/pages/standardpage/{home.pk}/").status_code == 200
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/add/meetings/meetingpage/{tree['meeting index'].pk}/").status_code != 200
    assert not home.permissions_for_user(people["redaction"]).can_delete()


@pytest.mark.django_db
def test_roles_hold_no_page_permission_above_the_sections(tree):
    """Earlier versions granted them on the root: ensure_roles takes that
    back after migrate, and stays idempotent."""
    root = Page.get_first_root_node()
    GroupPagePermission.objects.create(group=Group.objects.get(name=REDACTION), page=root,
                                       permission=GroupPagePermission.objects.filter(
                                           group__name=REDACTION).first().permission)
    ensure_roles()
    roles = GroupPagePermission.objects.filter(group__name__in=[REDACTION, AGENTS, ELUS])
    before = set(roles.values_list("group__name", "page_id", "permission__codename"))
    call_command("migrate", verbosity=0)
    after = set(roles.values_list("group__name", "page_id", "permission__codename"))
    assert before == after
    assert not roles.filter(page__depth__lte=2).exists()
    assert {page for _group, page, _codename in after} <= {p.pk for p in tree.values() if isinstance(p, Page)}


def test_section_types_of_other_roles_can_only_be_sections():
    """A meeting index or a space index below an editorial page would give
    its meetings or spaces to that page's editors."""
    for model in get_page_models():
        if section_editors(model) != REDACTION:
            assert model.allowed_parent_page_models() == [HomePage], model


def test_editorial_pages_go_to_the_redaction():
    assert section_editors(StandardPage) == REDACTION
