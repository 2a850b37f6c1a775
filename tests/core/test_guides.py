"""The role guides of docs/guides/ are shown on the site, from the
project's own files only: an unknown guide or image, or a path, is 404."""
import pytest

from tests.html import soup

pytestmark = pytest.mark.django_db


def test_the_elu_guide_is_shown_in_french(client, home_page):
    page = soup(client.get("/aide/elu-recevoir-repondre-pouvoir/"))
    assert page.h1.get_text() == "Guide de l’élu : recevoir une convocation, répondre, donner pouvoir"
    images = [img["src"] for img in page.select("main img")]
    assert "images/elu-3-mes-espaces.png" in images
    assert all(img.get("alt") for img in page.select("main img"))


@pytest.mark.parametrize("url", [
    "/aide/inconnu/", "/aide/elu-recevoir-repondre-pouvoir/images/..%2F..%2Farchitecture.md",
    "/aide/elu-recevoir-repondre-pouvoir/images/absente.png", "/aide/inconnu/images/elu-1-accueil.png",
])
def test_anything_else_is_not_found(client, home_page, url):
    assert client.get(url).status_code == 404


def test_markdown_cannot_carry_html(settings, tmp_path, client, home_page):
    (tmp_path / "guides").mkdir()
    (tmp_path / "guides" / "essai.md").write_text("# Essai\n\n<script>alert(1)</script>\n", encoding="utf-8")
    settings.ROOT_DIR = tmp_path.parent / tmp_path.name
    (tmp_path / "docs").mkdir()
    (tmp_path / "guides").rename(tmp_path / "docs" / "guides")
    text = client.get("/aide/essai/").content.decode()
    assert "<script>alert(1)</script>" not in text and "&lt;script&gt;" in text
