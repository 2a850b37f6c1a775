"""The Python French analysis SQLite and the excerpts rely on, and its
agreement with the node's "light_french" stemmer."""
import json
import os
import urllib.request

import pytest

from extensions.search.analysis import analyse, fold, stem
from extensions.search.excerpts import excerpt, highlight
from tests.benchmarks.corpus import COMMON


@pytest.mark.parametrize("words", [
    ("délibération", "délibérations", "DELIBERATION"),
    ("cantine", "cantines"),
    ("l'école", "écoles", "ecole", "d’école"),
    ("cheval", "chevaux"),
    ("municipal", "municipaux"),
])
def test_forms_of_a_word_meet(words):
    assert len({tuple(analyse(word)) for word in words}) == 1


def test_stop_words_and_elisions_go():
    assert analyse("le conseil de la commune et l'école") == ["conseil", "comun", "ecol"]


def test_excerpt_marks_the_matched_forms_and_escapes_html():
    text = "Début. " + "mot " * 60 + "Les <cantines> de l'école seront rénovées."
    html = excerpt(text, "cantine ecole")
    assert "<mark>cantines</mark>" in html and "<mark>école</mark>" in html
    assert "&lt;" in html and html.startswith("…")
    assert highlight("Cantine scolaire", "cantines") == "<mark>Cantine</mark> scolaire"


@pytest.mark.skipif(not os.environ.get("SEARCH_TEST_URL"), reason="no OpenSearch node (SEARCH_TEST_URL unset)")
def test_the_stemmer_agrees_with_the_search_node():
    words = sorted({word for word in COMMON if word.isalpha()})
    body = {"tokenizer": "standard", "text": " ".join(words),
            "filter": ["lowercase", "asciifolding", {"type": "stemmer", "language": "light_french"}]}
    request = urllib.request.Request(os.environ["SEARCH_TEST_URL"] + "/_analyze", json.dumps(body).encode(),
                                     {"content-type": "application/json"})
    node = [token["token"] for token in json.load(urllib.request.urlopen(request, timeout=10))["tokens"]]
    assert [stem(fold(word)) for word in words] == node


def test_excerpt_takes_the_first_passage_holding_every_word():
    text = "Le conseil se réunit. " + "mot " * 40 + "Le conseil vote la cantine scolaire. " + "fin " * 40
    html = excerpt(text, "conseil cantine")
    assert "<mark>conseil</mark> vote la <mark>cantine</mark>" in html
    assert html.startswith("…") and html.endswith("…")


def test_excerpt_finds_a_word_deep_in_a_long_text_and_marks_only_matches():
    text = "Préambule. " + "considérant " * 20_000 + "Un ornithorynque au jardin public."
    html = excerpt(text, "ornithorynque")
    assert "<mark>ornithorynque</mark> au jardin public." in html
    assert html.count("<mark>") == 1 and html.startswith("…")


def test_excerpt_without_a_match_is_the_beginning():
    assert excerpt("Ordre du jour de la séance. " * 10, "budget").startswith("Ordre du jour")
