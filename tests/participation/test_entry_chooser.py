"""The contest entries' admin chooser is for the moderators: Wagtail opens
a snippet chooser to anyone who may enter the admin, and it listed pending
and rejected entries to the Rédaction (issue 13)."""
import pytest
from django.urls import reverse

from extensions.participation.models import Entry
from tests.participation.helpers import make_entry

CHOOSER = "wagtailsnippetchoosers_participation_entry:choose"


@pytest.fixture
def pending(contest):
    return make_entry(contest, status=Entry.Status.PENDING, title="Marqueur-en-attente")


def test_the_entry_chooser_is_closed_to_non_moderators(client_as, pending):
    response = client_as("redaction").get(reverse(CHOOSER))
    assert response.status_code in (302, 403)
    assert "Marqueur-en-attente" not in response.content.decode()


@pytest.mark.parametrize("role", ["agent", "superuser"])  # Agents moderate the contests
def test_a_moderator_chooses_among_the_entries(client_as, pending, role):
    response = client_as(role).get(reverse(CHOOSER))
    assert response.status_code == 200
    assert "Marqueur-en-attente" in response.content.decode()
