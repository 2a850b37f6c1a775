"""The same French behaviour on every backend: accents, plurals and
elisions find the same documents, a word only inside a PDF finds that PDF
with an excerpt, titles weigh more than body text, "delib" completes to
"délibération"."""
import datetime

import pytest
from django.core.files.base import ContentFile

from extensions.search.engine import Search, SearchParams, suggestions
from library.tasks import run_extraction
from tests.factories import ArchiveDocumentFactory, StandardPageFactory, pdf_bytes


def titles(search):
    return [result.title for result in search.present(search.merged()[0:50])]


@pytest.fixture
def archive(search_backend, home_page, refresh):
    """A few acts and pages; one PDF holds a word that is nowhere else."""
    canteen = ArchiveDocumentFactory(
        title="Délibération sur la cantine scolaire", summary="Tarifs de la restauration à l'école.",
        act_date=datetime.date(2019, 6, 20),
    )
    road = ArchiveDocumentFactory(
        title="Arrêté de voirie", kind="arrete", summary="Travaux rue des Écoles.", act_date=datetime.date(2021, 3, 2),
    )
    pdf = ArchiveDocumentFactory(
        title="Compte rendu de la commission", kind="compte_rendu", summary="Séance ordinaire.",
        act_date=datetime.date(2022, 1, 10),
        file=ContentFile(pdf_bytes("Les ornithorynques du bassin versant seront recensés."), name="cr.pdf"),
    )
    run_extraction(pdf)
    page = StandardPageFactory(parent=home_page, title="Les cantines de la commune", intro="<p>Menus et inscriptions.</p>")
    refresh()
    return {"canteen": canteen, "road": road, "pdf": pdf, "page": page}


def run(request_as, query, **params):
    return Search(request_as("anonymous"), SearchParams(query=query, **params))


@pytest.mark.parametrize("query", ["délibération", "deliberation", "DELIBERATION", "délibérations"])
def test_accents_and_plurals_find_the_same_act(archive, request_as, query):
    assert titles(run(request_as, query)) == ["Délibération sur la cantine scolaire"]


@pytest.mark.parametrize("query", ["cantine", "cantines", "CANTINES"])
def test_singular_and_plural_find_the_same_results(archive, request_as, query):
    assert set(titles(run(request_as, query))) == {"Délibération sur la cantine scolaire", "Les cantines de la commune"}


@pytest.mark.parametrize("query", ["l'école", "école", "ecole", "écoles"])
def test_elisions_are_ignored(archive, request_as, query):
    assert set(titles(run(request_as, query))) == {"Délibération sur la cantine scolaire", "Arrêté de voirie"}


def test_a_word_only_inside_a_pdf_finds_it_with_an_excerpt(archive, request_as):
    search = run(request_as, "ornithorynque")
    [result] = search.present(search.merged()[0:10])
    assert result.title == "Compte rendu de la commission"
    assert "<mark>ornithorynques</mark>" in result.excerpt


def test_title_matches_come_before_body_matches(search_backend, home_page, refresh, request_as):
    ArchiveDocumentFactory(title="Rapport annuel", summary="Le marché hebdomadaire et le marché de Noël.")
    ArchiveDocumentFactory(title="Le marché hebdomadaire", summary="Rapport sur l'animation du centre.")
    refresh()
    assert titles(run(request_as, "marché", type="documents"))[0] == "Le marché hebdomadaire"


def test_sort_by_date_puts_the_newest_first(archive, request_as):
    assert titles(run(request_as, "école", sort="date")) == ["Arrêté de voirie", "Délibération sur la cantine scolaire"]


def test_facets_count_types_years_and_kinds(archive, request_as):
    facets = {group.name: {v.value: v.count for v in group.values} for group in run(request_as, "cantine").facets()}
    assert facets["type"] == {"pages": 1, "documents": 1}
    assert facets["year"][2019] == 1
    assert facets["kind"] == {"deliberation": 1}


def test_facet_filters_narrow_the_results(archive, request_as):
    assert titles(run(request_as, "école", kind="arrete")) == ["Arrêté de voirie"]
    assert titles(run(request_as, "école", year=2019)) == ["Délibération sur la cantine scolaire"]
    assert titles(run(request_as, "cantine", type="pages")) == ["Les cantines de la commune"]


@pytest.mark.parametrize("prefix", ["delib", "délib", "DÉLI"])
def test_autocomplete_completes_without_accents(archive, request_as, prefix):
    assert [s["title"] for s in suggestions(request_as("anonymous"), prefix)] == ["Délibération sur la cantine scolaire"]


def test_stop_words_alone_find_nothing(archive, request_as):
    assert run(request_as, "le de").merged().count() == 0
