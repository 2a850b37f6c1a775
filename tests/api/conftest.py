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
