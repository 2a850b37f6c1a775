"""A type with nothing visible answers nothing, count included: a search
server's count query dropped an empty `pk__in` filter, so a word found only
in a meeting in préparation answered « 1 résultat » to anyone (an oracle
found by the planted-secret sweep on the OpenSearch node; issue 13)."""
from django.test import RequestFactory

from pages.roles import AGENTS
from tests.factories import UserFactory, install_home_page
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


def test_a_visible_meeting_does_not_open_the_count_to_others(search_backend, refresh, home_page, client):
    """With one public meeting visible, a word of another, in préparation,
    still counts nothing (the server's count ignored a filter on ids)."""
    from extensions.meetings.searchables import visible_for

    agent = UserFactory(groups=[AGENTS])
    index = MeetingIndexPageFactory(parent=home_page)
    hidden = MeetingPageFactory(parent=index, instance=InstanceFactory(), title=f"Conseil {MARK}")
    hidden.save_revision(user=agent).publish()
    other = MeetingPageFactory(parent=index, instance=InstanceFactory(), title="Autre conseil")
    search_backend.add(hidden.specific)
    refresh()
    request = RequestFactory().get("/recherche/")
    request.user = agent
    visible = visible_for(request)  # agents see both meetings
    narrowed = visible.filter(path__in=[other.path])
    assert search_backend.search(MARK, narrowed, operator="and").count() == 0


def test_another_sites_meeting_is_that_sites_to_show(search_backend, refresh, home_page, client):
    """The commune's search does not list the interco's séance (issue 19)."""
    interco = install_home_page(hostname="interco.localhost", title="Intercommunalité", slug="interco")
    meeting = MeetingPageFactory(parent=MeetingIndexPageFactory(parent=interco), instance=InstanceFactory(),
                                 title="Conseil communautaire ordinaire", is_public=True, state="convoked")
    search_backend.add(meeting.specific)
    refresh()
    assert "0 résultat pour" in client.get("/recherche/", {"q": "communautaire"}).content.decode()
    other = client.get("/recherche/", {"q": "communautaire"}, HTTP_HOST="interco.localhost")
    assert "1 résultat pour" in other.content.decode()
