"""A type with nothing visible answers nothing, count included: a search
server's count query dropped an empty `pk__in` filter, so a word found only
in a meeting in préparation answered « 1 résultat » to anyone (an oracle
found by the planted-secret sweep on the OpenSearch node; issue 13)."""
from pages.roles import AGENTS
from tests.factories import UserFactory
from tests.meetings.factories import InstanceFactory, MeetingIndexPageFactory, MeetingPageFactory

MARK = "Zq45972259"


def test_a_meeting_in_preparation_is_no_oracle(search_backend, refresh, home_page, client):
    agent = UserFactory(groups=[AGENTS])
    meeting = MeetingPageFactory(parent=MeetingIndexPageFactory(parent=home_page),
                                 instance=InstanceFactory(), title="Conseil en préparation")
    item = meeting.agenda_items.first()
    item.title = f"Point {MARK}"
    item.save()
    meeting.save_revision(user=agent).publish()
    search_backend.add(meeting.specific)
    refresh()
    assert "0 résultat pour" in client.get("/recherche/", {"q": MARK}).content.decode()
    assert client.get("/api/v1/search/", {"q": MARK}).json()["count"] == 0
