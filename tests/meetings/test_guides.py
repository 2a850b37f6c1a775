"""The French guides of docs/guides/ (extensions/meetings/guides.py):
served as pages of the site with their screenshots, linked from the
admin's help menu in the place of Wagtail's English editor guide."""
import re

import pytest
from django.urls import reverse

from extensions.meetings import guides

AGENT_GUIDE = "agent-preparer-et-convoquer"


def test_every_guide_has_a_title_and_its_screenshots():
    names = dict(guides.available())
    assert names[AGENT_GUIDE].startswith("Agent : préparer une séance")
    for name in names:
        text = (guides.GUIDES / f"{name}.md").read_text(encoding="utf-8")
        for image in guides.re.findall(r"\]\(images/([^)]+)\)", text):
            assert (guides.GUIDES / "images" / image).is_file(), image


@pytest.mark.django_db
def test_a_guide_is_a_page_of_the_site_with_its_images(client, home_page):
    response = client.get(reverse("meetings:guide", args=[AGENT_GUIDE]))
    assert response.status_code == 200
    assert "<h1>Agent : préparer une séance et convoquer les élus</h1>" in response.text
    image = reverse("meetings:guide_image", args=["agent-1-nouvelle-seance.png"])
    assert f'src="{image}"' in response.text
    assert client.get(image)["Content-Type"] == "image/png"
    for wrong in ("../settings", "README", "inconnu"):
        assert client.get(f"/seances/guides/{wrong}/").status_code == 404
    assert client.get("/seances/guides/images/..%2Fagent-preparer-et-convoquer.md").status_code == 404


def test_raw_html_in_a_guide_is_not_rendered():
    assert "<script>" not in guides.render("# Titre\n\n<script>alert(1)</script>\n")


@pytest.mark.django_db
def test_the_help_menu_links_the_guides_not_wagtails_english_guide(client, agent, home_page):
    client.force_login(agent)
    page = client.get(reverse("wagtailadmin_home")).text
    sidebar = re.search(r'<script id="wagtail-sidebar-props"[^>]*>(.*?)</script>', page, re.S).group(1)
    assert reverse("meetings:guide", args=[AGENT_GUIDE]) in sidebar
    assert "guide.wagtail.org" not in sidebar
