"""Forgiving search on every backend: a misspelt word gets « Vouliez-vous
dire » with the corrected word's results, an abbreviation finds what it
abbreviates (the one editable list of synonyms), and a word of hidden
content is never offered as a correction."""
import datetime

import pytest
from extensions.search.models import SearchSynonyms, Word
from extensions.search.engine import Search, SearchParams
from extensions.search.vocabulary import edit_distance, similarity
from tests.factories import ArchiveDocumentFactory, StandardPageFactory, private_collection
from tests.html import links, visible_text


@pytest.fixture
def archive(search_backend, home_page, library_page, refresh):
    ArchiveDocumentFactory(title="Révision du plan local d’urbanisme", summary="Urbanisme et zones constructibles.",
                           act_date=datetime.date(2023, 5, 4))
    ArchiveDocumentFactory(title="Délibération sur les tarifs", summary="Le conseil délibère.",
                           act_date=datetime.date(2022, 1, 4))
    StandardPageFactory(parent=home_page, title="La cantine scolaire", intro="<p>Menus de la cantine.</p>")
    ArchiveDocumentFactory(title="Décision modificative n° 2", summary="Budget principal.",
                           act_date=datetime.date(2024, 9, 1))
    refresh()


@pytest.mark.parametrize("typed, meant, title", [
    ("urbanisem", "urbanisme", "Révision du plan local"),
    ("deliberaton", "délibération", "sur les tarifs"),
    ("cantinne", "cantine", "scolaire"),
])
def test_a_misspelt_word_gets_the_intended_results_or_a_correction(archive, client, typed, meant, title):
    """SQLite's analysis already folds a doubled letter (« cantinne » is
    « cantine »): there, the word finds its results without a correction."""
    response = client.get("/recherche/", {"q": typed})
    text = visible_text(response)
    assert title in text
    if f"résultat pour « {typed} »" not in text and f"résultats pour « {typed} »" not in text:
        assert f"Vouliez-vous dire {meant} ?" in text
        assert "?" + f"q={meant}".replace("é", "%C3%A9") in links(response)


def test_a_word_the_index_holds_is_not_corrected(archive, request_as):
    def correction(query):
        return Search(request_as("anonymous"), SearchParams(query=query)).correction()

    assert correction("urbanisme") is None
    assert correction("plan urbanisem") == "plan urbanisme"


def test_among_equally_close_words_the_most_used_is_offered(archive, client, refresh):
    """« urbaniser » is one letter from « urbanisem » and shares a trigram
    more with it than « urbanisme » (one swap), which the archive uses more."""
    ArchiveDocumentFactory(title="Urbaniser les dents creuses", summary="Densifier le bourg.")
    ArchiveDocumentFactory(title="Commission urbanisme du 3 mars", summary="Permis de construire.")
    refresh()
    assert "Vouliez-vous dire urbanisme ?" in visible_text(client.get("/recherche/", {"q": "urbanisem"}))


@pytest.mark.parametrize("query", ["PLU", "plu", "plan local d'urbanisme"])
def test_an_abbreviation_finds_what_it_stands_for(archive, client, query):
    assert "Révision du plan local" in visible_text(client.get("/recherche/", {"q": query}))


def test_dm_finds_a_decision_modificative_with_its_words_marked(archive, client):
    response = client.get("/recherche/", {"q": "DM"})
    assert "<mark>Décision</mark> <mark>modificative</mark>" in response.content.decode()


def test_the_list_of_synonyms_is_editable(archive, client):
    synonyms = SearchSynonyms.load()
    synonyms.groups += "\nrepas, cantine"
    synonyms.save()
    assert "La cantine scolaire" in visible_text(client.get("/recherche/", {"q": "repas"})).replace("  ", " ")


def test_a_hidden_word_is_never_suggested(archive, client, refresh, search_backend):
    """The vocabulary (a search server's suggester: its index) holds the
    words of private documents; a correction is only offered when the
    corrected search finds what the visitor sees."""
    ArchiveDocumentFactory(title="Note zqxsecretissime", collection=private_collection("Commission", "Élus"))
    refresh()
    if search_backend.name == "database":
        assert Word.objects.filter(folded="zqxsecretissime").exists()
    response = client.get("/recherche/", {"q": "zqxsecretisime"})
    assert "zqxsecretissime" not in response.content.decode()
    assert "Vouliez-vous dire" not in visible_text(response)


def test_similarity_and_edit_distance_match_pg_trgm():
    assert round(similarity("urbanisem", "urbanisme"), 2) == 0.54
    assert edit_distance("urbanisem", "urbanisme") == 1  # a swap
    assert edit_distance("cantinne", "cantine") == 1
