"""The admin speaks French to the people who use it: the main screens of
the Rédaction and the Agents, rendered with the French language, ask no
msgid that a catalogue (Wagtail's, Django's or ours) leaves untranslated,
and show no English that is data rather than a msgid (Wagtail's default
workflow « Moderators approval », renamed by pages' migration 0003).

How untranslated msgids are found: tests/config/untranslated.py records,
while the screens render, every msgid the French translation finds in no
catalogue (see its docstring for why the catalogue, not a comparison of
the text with English)."""
import pytest
from django.utils import translation
from wagtail.models import Task, Workflow

from tests.factories import ArchiveDocumentFactory, NewsIndexPageFactory, NewsPageFactory, PublicImageFactory
from tests.meetings.factories import InstanceFactory, MeetingIndexPageFactory, MeetingPageFactory

from .untranslated import recording

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(home_page):
    news_index = NewsIndexPageFactory(parent=home_page, title="Actualités", slug="actualites")
    news = NewsPageFactory(parent=news_index, title="Travaux rue de la Gare", slug="travaux")
    meetings = MeetingIndexPageFactory(parent=home_page)
    meeting = MeetingPageFactory(parent=meetings, instance=InstanceFactory(name="Conseil municipal"))
    ArchiveDocumentFactory(title="Budget primitif")
    PublicImageFactory(title="Mairie")
    return {"news_index": news_index, "news": news, "meetings": meetings, "meeting": meeting}


def screens(role, world):
    # Neither role may manage search promotions, and the Rédaction has no
    # snippet: Wagtail sends them back to the dashboard (302), not checked.
    common = ["/admin/", "/admin/documents/", "/admin/images/", "/admin/account/"]
    if role == "redaction":
        return common + [f"/admin/pages/{world['news_index'].pk}/", f"/admin/pages/{world['news'].pk}/edit/"]
    return common + [f"/admin/pages/{world['meetings'].pk}/", f"/admin/pages/{world['meeting'].pk}/edit/",
                     "/admin/snippets/", "/admin/seances/", f"/admin/seances/{world['meeting'].pk}/",
                     "/admin/snippets/meetings/instance/"]


@pytest.mark.parametrize("role", ["redaction", "agent"])
def test_the_main_admin_screens_are_in_french(client_as, world, role):
    client = client_as(role)
    rendered = {}
    with translation.override("fr"), recording() as untranslated:
        for url in screens(role, world):
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
            rendered[url] = (response.status_code, response.content.decode())
    assert {url: status for url, (status, _text) in rendered.items() if status != 200} == {}
    assert sorted(untranslated.msgids) == []
    for url, (_status, text) in rendered.items():
        assert "Moderators approval" not in text, url


def test_wagtails_default_workflow_has_a_french_name(db):
    assert not Workflow.objects.filter(name__icontains="approval").exists()
    assert not Task.objects.filter(name__icontains="approval").exists()
    assert Workflow.objects.filter(name="Validation avant publication").exists()


def test_the_notification_greeting_is_bonjour():
    with translation.override("fr"):
        assert translation.gettext("Hello %(username)s,") % {"username": "Nadia"} == "Bonjour Nadia,"
