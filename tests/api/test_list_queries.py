"""Each list endpoint runs a fixed number of queries, whatever the page
size and the number of objects (no query per item)."""
import pytest

from extensions.deliberations.models import Deliberation, Seance
from extensions.meetings.pages import MeetingPage
from extensions.participation.models import Entry
from tests.api.conftest import publish
from tests.factories import (
    ArchiveDocumentFactory,
    EventIndexPageFactory,
    EventPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    ThemeFactory,
)
from tests.meetings.factories import InstanceFactory, MeetingIndexPageFactory, MeetingPageFactory
from tests.participation.helpers import make_contest, make_entry

pytestmark = pytest.mark.django_db

ENDPOINTS = ["news", "events", "documents", "contests", "contest-entries", "publications", "meetings",
             "deliberations"]
MAX_QUERIES = 14


def add(count, home_page, people, urbanisme, parents):
    theme = ThemeFactory(name="Culture", slug="culture")
    for n in range(count):
        meeting = MeetingPageFactory(parent=parents["meetings"], instance=parents["council"], items=3)
        MeetingPage.objects.filter(pk=meeting.pk).update(state=MeetingPage.State.CONVOKED)
        Deliberation.objects.create(seance=Seance.objects.create(meeting=meeting), position=1,
                                    title=f"Délibération {n}", status=Deliberation.Status.VOTED, year=2026,
                                    number_in_year=count * 100 + n)
        NewsPageFactory(parent=parents["news"], tags=["fête", f"t{n}"], themes=[theme])
        EventPageFactory(parent=parents["events"], themes=[theme])
        ArchiveDocumentFactory(themes=[theme])
        make_entry(parents["contest"], title=f"Photo {n}")
        publish(urbanisme, people["president"], title=f"Compte rendu {n}")
    # A second contest: entries are listed across contests.
    make_contest(home_page, slug=f"concours-{count}", title=f"Concours {count}")


@pytest.fixture
def parents(home_page):
    return {
        "news": NewsIndexPageFactory(parent=home_page),
        "events": EventIndexPageFactory(parent=home_page),
        "contest": make_contest(home_page),
        "meetings": MeetingIndexPageFactory(parent=home_page),
        "council": InstanceFactory(name="Conseil municipal"),
    }


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_list_queries_do_not_grow_with_the_page(endpoint, home_page, people, urbanisme, parents, api_as,
                                               django_assert_max_num_queries):
    # An agent sees every meeting and voted deliberation; the élu member the
    # publications of their space.
    client = api_as("agent" if endpoint in ("meetings", "deliberations") else "elu_member")
    add(2, home_page, people, urbanisme, parents)
    with django_assert_max_num_queries(MAX_QUERIES) as small:
        assert client.get(f"/api/v1/{endpoint}/", {"page_size": 2}).status_code == 200
    add(8, home_page, people, urbanisme, parents)
    assert Entry.objects.count() == 10
    with django_assert_max_num_queries(MAX_QUERIES) as large:
        response = client.get(f"/api/v1/{endpoint}/", {"page_size": 100})
    assert response.status_code == 200
    assert len(response.json()["results"]) >= 2
    # Fewer, if anything: the first request also fills Wagtail's cache of site roots.
    assert len(large.captured_queries) <= len(small.captured_queries)
