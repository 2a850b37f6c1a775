"""Wagtail's page chooser shows a user their own sections as the rest of the
admin does, and otherwise only what the public site shows them, titled as
published: no draft title of someone else's page, no private page."""
import json

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from extensions.commissions.models import Space
from pages.roles import AGENTS, REDACTION
from tests.factories import NewsIndexPageFactory, NewsPageFactory, StandardPageFactory, UserFactory
from tests.meetings.factories import MeetingIndexPageFactory, MeetingPageFactory

NEWS_DRAFT = "BROUILLONACTUALITE"
MEETING_DRAFT = "BROUILLONSEANCE"
UNPUBLISHED = "JAMAISPUBLIEE"
RESTRICTED = "RESERVEEAUXELUS"
PREPARED = "SEANCEENPREPARATION"


def draft(page, title):
    """A draft revision retitling a published page."""
    page = Page.objects.get(pk=page.pk).specific
    page.title = title
    page.save_revision()


@pytest.fixture
def tree(home_page):
    news_index = NewsIndexPageFactory(parent=home_page, title="Actualités")
    news = NewsPageFactory(parent=news_index, title="Travaux de voirie")
    draft(news, NEWS_DRAFT)
    standard = StandardPageFactory(parent=home_page, title="Démarches")
    StandardPageFactory(parent=standard, title=UNPUBLISHED).unpublish()
    restricted = StandardPageFactory(parent=standard, title=RESTRICTED)
    restriction = PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name="Élus")])
    meetings = MeetingIndexPageFactory(parent=home_page)
    meeting = MeetingPageFactory(parent=meetings, title="Conseil municipal de mars")
    draft(meeting, MEETING_DRAFT)
    # Convened, a public meeting loses the restriction it had in préparation.
    PageViewRestriction.objects.filter(page=meeting).delete()
    MeetingPageFactory(parent=meetings, title=PREPARED).unpublish()
    space = Space.objects.create(name="Commission urbanisme")
    return {"home": home_page, "news index": news_index, "news": news, "standard": standard,
            "meetings": meetings, "meeting": meeting, "space": space.page}


def chooser_responses(client, tree):
    """Every chooser answer for this tree: browsing each folder (private
    ones asked by id), searching each title, the multiple choice."""
    urls = ["/admin/choose-page/"]
    urls += [f"/admin/choose-page/{page.pk}/" for page in Page.objects.all()]
    urls += [f"/admin/choose-page/search/?q={word}"
             for word in ("travaux", "conseil", "seance", NEWS_DRAFT, UNPUBLISHED, RESTRICTED, PREPARED, "commission")]
    pages = Page.objects.filter(depth__gt=1)  # Wagtail cannot answer the root
    urls += ["/admin/choose-page/chosen-multiple/?" + "&".join(f"id={page.pk}" for page in pages)]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        if response["Content-Type"].startswith("application/json"):
            body = json.dumps(response.json(), ensure_ascii=False)
        yield url, body


def seen(client, tree):
    return "\n".join(body for _, body in chooser_responses(client, tree))


@pytest.mark.django_db
def test_an_agent_sees_published_titles_of_editorial_pages_and_its_meeting_drafts(client, tree):
    client.force_login(UserFactory(groups=[AGENTS]))
    everything = seen(client, tree)
    for secret in (NEWS_DRAFT, UNPUBLISHED, RESTRICTED, "Commission urbanisme"):
        assert secret not in everything
    assert "Travaux de voirie" in everything
    assert MEETING_DRAFT in everything
    assert PREPARED in everything  # a meeting of its own, in préparation


@pytest.mark.django_db
def test_the_redaction_sees_published_meetings_only_and_its_own_drafts(client, tree):
    client.force_login(UserFactory(groups=[REDACTION]))
    everything = seen(client, tree)
    for secret in (MEETING_DRAFT, PREPARED, "Commission urbanisme"):
        assert secret not in everything
    assert "Conseil municipal de mars" in everything
    assert NEWS_DRAFT in everything
    assert UNPUBLISHED in everything and RESTRICTED in everything  # its own section's pages


@pytest.mark.django_db
def test_browsing_a_private_page_by_id_shows_the_root(client, tree):
    client.force_login(UserFactory(groups=[REDACTION]))
    response = client.get(f"/admin/choose-page/{tree['space'].pk}/")
    assert response.json()["parent_page_id"] == Page.get_first_root_node().pk


@pytest.mark.django_db
def test_the_explorer_opens_only_the_pages_a_user_edits_or_walks_through(client, tree):
    """The explorer follows page permissions: the Rédaction is sent back
    from the meetings index, whose draft title it never sees."""
    draft(tree["meetings"], MEETING_DRAFT)
    client.force_login(UserFactory(groups=[REDACTION]))
    response = client.get(f"/admin/pages/{tree['meetings'].pk}/", follow=True)
    body = response.content.decode()
    assert response.redirect_chain == [(f"/admin/pages/{tree['home'].pk}/", 302)]
    assert MEETING_DRAFT not in body and PREPARED not in body
    assert client.get(f"/admin/pages/{tree['meetings'].pk}/results/").status_code == 302
    assert client.get(f"/admin/pages/{tree['news index'].pk}/").status_code == 200
    client.force_login(UserFactory(groups=[AGENTS]))
    assert MEETING_DRAFT in client.get(f"/admin/pages/{tree['meetings'].pk}/").content.decode()


@pytest.mark.django_db
def test_the_search_finds_a_public_page_under_its_published_title(client, tree):
    client.force_login(UserFactory(groups=[AGENTS]))
    body = client.get("/admin/choose-page/search/", {"q": "travaux"}).content.decode()
    assert "Travaux de voirie" in body and NEWS_DRAFT not in body
