"""A council of eleven members (quorum six) convened to a meeting of three
items, the staff member who holds the séance, and the site's acts page."""
import datetime

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from extensions.deliberations import seance as seance_service
from extensions.deliberations.pages import ActIndexPage
from extensions.meetings.models import Instance, Mandate
from extensions.meetings.pages import AgendaItem, MeetingIndexPage, MeetingPage
from pages.roles import AGENTS
from tests.factories import UserFactory

SURNAMES = ["Arnaud", "Bernard", "Charpentier", "Dubois", "Étienne", "Fabre", "Garnier", "Hubert", "Imbert",
            "Joly", "Klein"]


@pytest.fixture
def council(db):
    instance = Instance.objects.create(name="Conseil municipal", kind=Instance.Kind.COMMUNE, population=1200)
    for index, surname in enumerate(SURNAMES):
        member = UserFactory(username=f"elu{index}", first_name="Élu", last_name=surname)
        Mandate.objects.create(instance=instance, member=member, start=datetime.date(2020, 5, 23),
                               role="Maire" if index == 0 else "Conseiller municipal")
    return instance


@pytest.fixture
def members(council):
    return [m.member for m in council.mandates.order_by("pk")]


@pytest.fixture
def meeting_index(home_page):
    return home_page.add_child(instance=MeetingIndexPage(title="Séances", slug="seances"))


def make_meeting(index, instance, start, titles=("Budget primitif 2026", "Tarifs de la cantine",
                                                 "Vente d'un terrain communal"), state=MeetingPage.State.CONVOKED):
    meeting = MeetingPage(title=f"Conseil du {start:%d/%m/%Y}", slug=f"conseil-{start:%Y-%m-%d}", instance=instance,
                          start=start, place="Salle du conseil")
    for title in titles:
        meeting.agenda_items.add(AgendaItem(title=title))
    index.add_child(instance=meeting)
    MeetingPage.objects.filter(pk=meeting.pk).update(state=state)
    meeting.state = state
    return meeting


@pytest.fixture
def meeting(meeting_index, council):
    start = timezone.make_aware(datetime.datetime(2026, 3, 10, 19, 0))
    return make_meeting(meeting_index, council, start)


@pytest.fixture
def secretary(db):
    """An agent who may hold séances (the meetings app's permission)."""
    user = UserFactory(username="secretariat", groups=[AGENTS])
    user.user_permissions.add(Permission.objects.get(codename="send_convocation"))
    return user


@pytest.fixture
def seance(meeting):
    """The séance, its items with a text to adopt (an act is its text)."""
    seance = seance_service.seance_for(meeting)
    seance.deliberations.update(text="Le conseil municipal, après en avoir délibéré, approuve le projet.")
    return seance


def arrive(seance, *users):
    for user in users:
        seance_service.record_movement(seance, user, "arrival")


def leave(seance, *users):
    for user in users:
        seance_service.record_movement(seance, user, "departure")


@pytest.fixture
def open_seance(seance, members, secretary):
    """Eight members in at the appel, the séance opened by the maire with one secretary."""
    arrive(seance, *members[:8])
    seance_service.open_seance(seance, secretary, members[0], [members[1]])
    return seance


def all_for(seance, deliberation, choice="pour", **overrides):
    """A tally where every voice says `choice`, except `overrides` (username -> choice)."""
    presence = seance_service.attendance(seance, deliberation)
    choices = {member.pk: overrides.get(member.get_username(), choice) for member, _h in presence.voters()}
    return seance_service.Tally(choices=choices)


@pytest.fixture
def act_index(home_page):
    return home_page.add_child(instance=ActIndexPage(title="Délibérations", slug="deliberations"))
