"""The French guides of docs/guides/ (core.guides): served as pages of the
site at /aide/ with their screenshots, linked from the admin's help menu
in the place of Wagtail's English editor guide."""
import re

import pytest
from django.urls import reverse

from core import guides

AGENT_GUIDE = "agent-preparer-et-convoquer"


def test_every_guide_has_a_title_and_its_screenshots():
    names = dict(guides.available())
    assert names[AGENT_GUIDE].startswith("Agent : préparer une séance")
    for name in names:
        text = (guides.guides_dir() / f"{name}.md").read_text(encoding="utf-8")
        for image in re.findall(r"\]\(images/([^)]+)\)", text):
            assert (guides.guides_dir() / "images" / image).is_file(), image


@pytest.mark.django_db
def test_a_guide_is_a_page_of_the_site_with_its_images(client, home_page):
    response = client.get(reverse("core:guide", args=[AGENT_GUIDE]))
    assert response.status_code == 200
    assert "<h1>Agent : préparer une séance et convoquer les élus</h1>" in response.text
    assert 'src="images/agent-1-nouvelle-seance.png"' in response.text
    image = reverse("core:guide_image", args=[AGENT_GUIDE, "agent-1-nouvelle-seance.png"])
    assert client.get(image)["Content-Type"] == "image/png"
    for wrong in ("README", "inconnu"):
        assert client.get(f"/aide/{wrong}/").status_code == 404


def test_a_link_to_another_guide_goes_to_its_page():
    assert 'href="/aide/secretaire-tenir-la-seance/"' in guides.render("[Tenir la séance](secretaire-tenir-la-seance.md)")


@pytest.mark.django_db
def test_the_help_menu_links_the_guides_not_wagtails_english_guide(client, agent, home_page):
    client.force_login(agent)
    page = client.get(reverse("wagtailadmin_home")).text
    sidebar = re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', page, re.S).group(1)
    assert reverse("core:guide", args=[AGENT_GUIDE]) in sidebar
    assert "guide.wagtail.org" not in sidebar
