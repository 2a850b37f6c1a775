"""The public side of the deliberations in a real Chromium: the act page
and the list of a séance, checked by axe-core. The console itself is
driven by test_console_journey.py, which signs in with sign_in() below."""
import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone
from playwright.sync_api import expect

from extensions.meetings.models import Instance, Mandate
from extensions.meetings.pages import MeetingIndexPage
from pages.roles import AGENTS
from tests.browser.support import TABLET, blocking_violations
from tests.factories import PASSWORD, UserFactory, install_home_page

from .conftest import SURNAMES, make_meeting

pytestmark = pytest.mark.browser



def live_council(surnames, population, **meeting_options):
    """A council of `surnames`, its secretary (an agent) and a meeting in an
    hour, committed for the live server."""
    home = install_home_page(title="Saint-Parvis", slug="saint-parvis")
    instance = Instance.objects.create(name="Conseil municipal", kind=Instance.Kind.COMMUNE, population=population)
    for index, surname in enumerate(surnames):
        Mandate.objects.create(instance=instance, member=UserFactory(username=f"elu{index}", first_name="Élu",
                                                                     last_name=surname),
                               start=datetime.date(2020, 5, 23))
    secretary = UserFactory(username="secretariat", groups=[AGENTS])
    secretary.user_permissions.add(Permission.objects.get(codename="send_convocation"))
    index = home.add_child(instance=MeetingIndexPage(title="Séances", slug="seances"))
    return make_meeting(index, instance, timezone.now() + datetime.timedelta(hours=1), **meeting_options)


@pytest.fixture
def council_meeting(django_db_serialized_rollback, transactional_db):
    """Eleven members (quorum six), a convened meeting."""
    return live_council(SURNAMES, 1200)


@pytest.fixture
def tablet(new_window):
    return new_window(TABLET)


def sign_in(tab):
    tab.goto("/admin/login/")
    tab.locator("input[name=username]").fill("secretariat")
    tab.locator("input[name=password]").fill(PASSWORD)
    tab.locator("form button[type=submit]").first.click()
    expect(tab).not_to_have_url(re.compile("login"))


@pytest.fixture
def published(council_meeting):
    """The séance held and closed, its list online and its first act published."""
    from extensions.deliberations import listing, publication
    from extensions.deliberations import seance as seance_service
    from extensions.deliberations.pages import ActIndexPage
    from extensions.meetings.models import Mandate as MandateModel

    from .helpers import hold

    home = council_meeting.get_parent().get_parent()
    home.add_child(instance=ActIndexPage(title="Délibérations", slug="deliberations"))
    members = [m.member for m in MandateModel.objects.order_by("pk")]
    seance = hold(seance_service.seance_for(council_meeting), members[0], members, votes={2: "contre"})
    listing.publish_list(seance)
    item = seance.deliberations.get(position=1)
    publication.pseudonymise(item, item.text, members[0])
    return publication.publish_act(item, members[0]), seance


def test_the_public_act_and_list_are_accessible(tablet, published):
    act, seance = published
    tab = tablet
    tab.goto(act.url)
    expect(tab.get_by_role("heading", level=1)).to_have_text("Budget primitif 2026")
    expect(tab.get_by_text(act.sha256)).to_be_visible()
    assert blocking_violations(tab) == [], tab.url
    tab.get_by_label("Votre nom").fill("Jeanne Martin")
    tab.get_by_label("Votre adresse électronique").fill("jeanne@example.org")
    tab.get_by_label("Adresse postale pour l’envoi de la copie").fill("2 rue Haute")
    tab.get_by_role("button", name="Demander une copie papier").click()
    expect(tab.get_by_role("status")).to_contain_text("Votre demande est enregistrée")
    tab.goto("/deliberations/")
    tab.get_by_role("link", name=re.compile("séance du")).click()
    expect(tab.get_by_role("table")).to_contain_text("rejetée")
    assert blocking_violations(tab) == [], tab.url
