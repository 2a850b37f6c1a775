"""The OpenSearch node's own forgiving search and its one request per type:
its term suggester proposes the correction (with the accents the index
wrote), its fuzzy matching answers a misspelt search no correction saves,
neither shows what the visitor may not see, and a search page asks the
node once per type that can have results."""
from urllib.parse import urlencode

import pytest

from extensions.search.engine import Search, SearchParams
from tests.factories import ArchiveDocumentFactory, private_collection
from tests.html import links, visible_text

pytestmark = pytest.mark.backends("opensearch")


@pytest.fixture
def acts(search_backend, library_page, refresh):
    ArchiveDocumentFactory(title="Révision du plan local d’urbanisme", summary="Urbanisme et zones constructibles.")
    ArchiveDocumentFactory(title="Délibération sur les tarifs", summary="Le conseil délibère.")
    refresh()


def test_the_node_suggests_indexed_words_with_their_accents(acts, request_as):
    search = Search(request_as("anonymous"), SearchParams(query="l’urbanisem deliberaton"))
    assert search.correction() == "l’urbanisme délibération"


def test_a_word_the_node_holds_gets_no_correction(acts, request_as):
    assert Search(request_as("anonymous"), SearchParams(query="urbanisme")).correction() is None


def test_fuzzy_matching_answers_when_no_correction_does(acts, client, refresh):
    """A private act holds the typo itself, so the suggester (which reads
    every document) has nothing to correct; the visitor's fuzzy search finds
    the public act, never the private one. A typo of its own: the words of
    emptied indexes stay in the node's terms until its segments merge."""
    ArchiveDocumentFactory(title="Note interne urbamisme", summary="Brouillon zqxconfidentiel.",
                           collection=private_collection("Commission", "Élus"))
    refresh()
    response = client.get("/recherche/", {"q": "urbamisme"})
    text = visible_text(response)
    assert "Révision du plan local" in text
    assert "1 résultat pour « urbamisme »" in text
    assert "Vouliez-vous dire" not in text
    assert "zqxconfidentiel" not in response.content.decode()
    assert "Note interne" not in text


def test_a_search_page_asks_the_node_once(acts, client, search_backend, monkeypatch):
    """Hits, count and facets of every type in one round trip; the types
    the visitor sees nothing of (spaces' publications, contests' photos
    here) are not asked about."""
    asked = []
    client_class = type(search_backend.es)
    for method in ("search", "msearch"):
        def spy(self, *args, _method=method, _original=getattr(client_class, method), **kwargs):
            asked.append((_method, kwargs))
            return _original(self, *args, **kwargs)
        monkeypatch.setattr(client_class, method, spy)
    response = client.get("/recherche/", {"q": "urbanisme"})
    assert "Révision du plan local" in visible_text(response)
    # The facets, from the same answers.
    assert "?" + urlencode({"q": "urbanisme", "year": 2024}) in links(response)
    assert "?" + urlencode({"q": "urbanisme", "kind": "deliberation"}) in links(response)
    assert [method for method, _kwargs in asked] == ["msearch"]
    indexes = [line["index"] for line in asked[0][1]["body"][::2]]
    assert sorted(index.removeprefix(search_backend.index_prefix) for index in indexes) == [
        "library_archivedocument", "wagtailcore_page",
    ]
