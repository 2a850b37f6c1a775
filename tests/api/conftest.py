"""Fixtures of the API tests: the cast of the permission matrix (the
commissions' cast plus a superuser), and content on both sides of every
privacy line: public and Élus-only news, events and documents, a contest
with approved and pending entries, a publication in each of two spaces."""
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from extensions.participation.models import Entry
from pages.roles import ELUS
from tests.commissions.conftest import cast, publish, securite, urbanisme  # noqa: F401  (fixtures)
from tests.factories import (
    ArchiveDocumentFactory,
    EventIndexPageFactory,
    EventPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    UserFactory,
)
from tests.participation.helpers import make_contest, make_entry

ROLES = ["anonymous", "citizen", "elu_member", "elu_non_member", "outsider", "agent", "redaction", "superuser"]
# Who passes the Élus restriction: the Élus group, and superusers.
SEES_ELUS = {"elu_member", "elu_non_member", "superuser"}
# Members of the commission urbanisme (whose publication is under test), and
# superusers, who may look into every space.
SEES_URBANISME = {"elu_member", "superuser"}


def restrict_to_elus(page):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set(Group.objects.filter(name=ELUS))
    return page


@pytest.fixture
def people(cast):
    """The matrix's people by role (None: signed out)."""
    return {**cast, "superuser": UserFactory(username="admin", is_superuser=True, is_staff=True)}


@pytest.fixture
def api_as(client, people):
    """api_as("elu_member") is the test client signed in as that person."""

    def sign_in(role):
        client.logout()
        if people[role] is not None:
            client.force_login(people[role])
        return client

    return sign_in


@pytest.fixture
def content(home_page, people, urbanisme, securite, elus_collection):  # noqa: F811
    news_index = NewsIndexPageFactory(parent=home_page, title="Actualités", slug="actualites")
    agenda = EventIndexPageFactory(parent=home_page, title="Agenda", slug="agenda")
    contest = make_contest(home_page)
    return SimpleNamespace(
        news=NewsPageFactory(parent=news_index, title="Fête de la musique"),
        elus_news=restrict_to_elus(NewsPageFactory(parent=news_index, title="Note aux élus")),
        event=EventPageFactory(parent=agenda, title="Marché de Noël"),
        elus_event=restrict_to_elus(EventPageFactory(parent=agenda, title="Séminaire des élus")),
        document=ArchiveDocumentFactory(title="Budget primitif 2025"),
        elus_document=ArchiveDocumentFactory(title="Note confidentielle", collection=elus_collection),
        contest=contest,
        entry=make_entry(contest, title="Lever de soleil"),
        pending_entry=make_entry(contest, title="En attente", status=Entry.Status.PENDING),
        publication=publish(urbanisme, people["president"]),
        other_publication=publish(securite, people["elu_non_member"], title="Plan communal de sauvegarde"),
    )


# Meetings and deliberations: the conseil municipal, whose only member in
# the cast is the élu member; the Agents hold séances (their group has the
# meetings' sending permission); superusers see everything.
SEES_COUNCIL = {"elu_member", "agent", "superuser"}


@pytest.fixture
def civic(home_page, people):
    """A public convened meeting with a note and an annex, a private one, a
    public one not yet convened; a deliberation whose act is online and a
    voted one whose act is not."""
    import datetime

    from django.utils import timezone

    from extensions.deliberations.models import Deliberation, Seance
    from extensions.deliberations.pages import ActIndexPage, ActPage
    from extensions.meetings.access import sync_view_restriction
    from extensions.meetings.models import Mandate
    from extensions.meetings.pages import MeetingPage
    from tests.meetings.factories import InstanceFactory, MeetingIndexPageFactory, MeetingPageFactory, attach

    council = InstanceFactory(name="Conseil municipal")
    Mandate.objects.create(instance=council, member=people["elu_member"], role="conseiller municipal",
                           start=datetime.date(2020, 5, 25))
    index = MeetingIndexPageFactory(parent=home_page)

    def meeting(title, state, **fields):
        page = MeetingPageFactory(parent=index, title=title, instance=council, **fields)
        MeetingPage.objects.filter(pk=page.pk).update(state=state)
        page.state = state
        return page

    public = meeting("Conseil municipal de mars", MeetingPage.State.CONVOKED)
    annex = attach(public, title="Annexe : budget primitif")
    sync_view_restriction(public)  # convened: its documents go to its members, as at the sending
    seance = Seance.objects.create(meeting=public)
    voted = dict(seance=seance, status=Deliberation.Status.VOTED, outcome=Deliberation.Outcome.ADOPTED,
                 matiere_code="7.1", matiere_name="finances locales/décisions budgétaires", year=2026,
                 in_office=23, voters=21, pour=18, contre=2, abstention=1)
    online = Deliberation.objects.create(position=1, title="Budget primitif 2026", number_in_year=1, **voted)
    offline = Deliberation.objects.create(position=2, title="Tarifs de la cantine", number_in_year=2, **voted)
    acts = home_page.add_child(instance=ActIndexPage(title="Délibérations", slug="deliberations"))
    acts.add_child(instance=ActPage(
        title="Délibération 2026-001 : budget primitif 2026", slug="2026-001", deliberation=online,
        document=ArchiveDocumentFactory(title="Acte 2026-001"), sha256="0" * 64,
        online_on=timezone.localdate(), author_name="Jeanne Durand", author_title="Maire",
    ))
    return SimpleNamespace(
        council=council, meeting=public, annex=annex, online=online, offline=offline,
        private_meeting=meeting("Conseil à huis clos", MeetingPage.State.CONVOKED, is_public=False),
        draft_meeting=meeting("Conseil en préparation", MeetingPage.State.PREPARATION),
    )
