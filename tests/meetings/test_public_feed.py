"""The public calendar feed (issue 13, item 14): each site lists its own
public meetings only, and a meeting's ordre du jour only until its séance
opens (an item may then be examined in a closed sitting)."""
from extensions.meetings import convocations, workflow
from extensions.meetings.pages import MeetingPage
from tests.factories import install_home_page

from .factories import InstanceFactory, MeetingIndexPageFactory, MeetingPageFactory

FEED = "/seances/calendrier/seances.ics"


def convene(meeting, agent, capture):
    workflow.lock_recipients(meeting, agent)
    with capture(execute=True):
        convocations.send(meeting, agent)
    meeting.refresh_from_db()
    return meeting


def test_each_site_lists_its_own_meetings(client, meeting, agent, django_capture_on_commit_callbacks):
    convene(meeting, agent, django_capture_on_commit_callbacks)
    interco = install_home_page(hostname="interco.localhost", theme="interco", title="Interco", slug="interco")
    epci = MeetingPageFactory(parent=MeetingIndexPageFactory(parent=interco), title="Conseil communautaire",
                              instance=InstanceFactory(name="Conseil communautaire"))
    MeetingPage.objects.filter(pk=epci.pk).update(state=MeetingPage.State.CONVOKED)
    commune = client.get(FEED).content.decode()
    assert meeting.title in commune and "Conseil communautaire" not in commune
    assert meeting.title not in client.get(FEED, HTTP_HOST="interco.localhost").content.decode()


def test_a_held_meeting_leaves_out_its_ordre_du_jour(client, meeting, agent, django_capture_on_commit_callbacks):
    convene(meeting, agent, django_capture_on_commit_callbacks)
    assert "Point n° 2" in client.get(FEED).content.decode()
    MeetingPage.objects.filter(pk=meeting.pk).update(state=MeetingPage.State.CLOSED)
    text = client.get(FEED).content.decode()
    assert meeting.title in text and "Point n° 2" not in text
