"""Each block of BodyBlock renders what the editor typed, and a document list
never shows a private document to someone who may not see it."""
import json

import pytest
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from pages.blocks import BodyBlock
from tests.factories import PublicImageFactory, StandardPageFactory
from tests.html import soup, visible_text

VIDEO_URL = "https://video.example.org/w/presentation-parvis"


@pytest.fixture
def stored_embed(db):
    """The oEmbed answer for VIDEO_URL, as Wagtail caches it: tests never
    reach the network."""
    return Embed.objects.create(
        url=VIDEO_URL,
        hash=get_embed_hash(VIDEO_URL),
        type="video",
        title="Présentation de Parvis",
        html='<iframe title="Présentation de Parvis" src="https://video.example.org/embed/parvis"></iframe>',
        provider_name="PeerTube",
    )


def block(kind, value):
    return {"type": kind, "value": value}


@pytest.fixture
def block_page(home_page, public_document, private_document, stored_embed):
    """A page with one block of each kind."""
    target = StandardPageFactory(parent=home_page, title="Inscriptions scolaires", slug="inscriptions")
    image = PublicImageFactory(description="La façade de la mairie fleurie")
    body = [
        block("paragraph", "<p>Le marché a lieu <b>chaque samedi</b> sur la place.</p>"),
        block("heading", {"text": "Vie municipale", "level": "h3"}),
        block("image", {"image": image.pk, "caption": "La mairie au printemps"}),
        block("documents", {"title": "Délibérations récentes",
                            "documents": [public_document.pk, private_document.pk]}),
        block("accordion", {"items": [{"title": "Comment s’inscrire ?", "body": "<p>Au guichet unique.</p>"}]}),
        block("call_to_action", {"text": "La rentrée approche.", "link_label": "S’inscrire",
                                 "page": target.pk, "url": ""}),
        block("embed", VIDEO_URL),
        block("contact", {"name": "Secrétariat de mairie", "role": "Accueil", "address": "1 place de la Mairie",
                          "phone": "01 23 45 67 89", "email": "mairie@parvis.localhost", "hours": "Lundi 8 h 30"}),
        block("table", {"caption": "Horaires de la déchèterie",
                        "table": {"data": [["Jour", "Horaires"], ["Samedi", "9 h – 17 h"]],
                                  "first_row_is_table_header": True, "first_col_is_header": False}}),
    ]
    return StandardPageFactory(parent=home_page, title="Tous les blocs", slug="blocs", body=json.dumps(body))


def test_the_fixture_covers_every_block():
    """When a block is added to BodyBlock, block_page must show it too."""
    assert set(BodyBlock().child_blocks) == {
        "paragraph", "heading", "image", "documents", "accordion", "call_to_action", "embed", "contact", "table",
    }


def test_every_block_renders(client, block_page, public_document):
    response = client.get(block_page.url)
    assert response.status_code == 200
    text = visible_text(response)
    html = soup(response)
    assert "Le marché a lieu chaque samedi sur la place." in text
    assert html.find("h3", string=lambda s: s and "Vie municipale" in s)
    assert html.find("img", alt="La façade de la mairie fleurie")
    assert "La mairie au printemps" in text
    assert "Délibérations récentes" in text and "Budget primitif 2024" in text
    assert public_document.url in [a["href"] for a in html.find_all("a", href=True)]
    assert "Comment s’inscrire ?" in text and "Au guichet unique." in text
    assert html.find("a", href="/inscriptions/", string=lambda s: s and "S’inscrire" in s)
    assert html.find("iframe", src="https://video.example.org/embed/parvis")
    for shown in ("Secrétariat de mairie", "01 23 45 67 89", "mairie@parvis.localhost"):
        assert shown in text
    table = html.find("table")
    assert "Horaires de la déchèterie" in table.find("caption").get_text()
    assert table.find("th", string=lambda s: s and "Jour" in s)
    assert "9 h – 17 h" in table.get_text()


@pytest.mark.parametrize("role", ["anonymous", "externe", "agent"])
def test_document_list_hides_private_documents(client_as, role, block_page, private_document):
    response = client_as(role).get(block_page.url)
    assert response.status_code == 200
    assert "Budget primitif 2024" in visible_text(response)
    assert private_document.title not in response.content.decode()
    assert f"/documents/{private_document.pk}/" not in response.content.decode()


def test_document_list_shows_private_documents_to_members(client_as, block_page, private_document):
    response = client_as("elu").get(block_page.url)
    assert private_document.title in visible_text(response)
