"""The library's filters (kind, year, theme, free text) narrow the list;
bad input gives a French form error or the last page, never a crash."""
import datetime

import pytest

from library.models import ArchiveDocument
from tests.factories import ArchiveDocumentFactory, ThemeFactory
from tests.html import visible_text

Kind = ArchiveDocument.Kind
BUDGET = "Budget primitif de l’exercice 2023"
TRAFFIC = "Arrêté de circulation rue Haute"
MINUTES = "Procès-verbal du conseil du 5 mars 2024"
CANTEEN = "Tarifs de la cantine scolaire"
ALL = {BUDGET, TRAFFIC, MINUTES, CANTEEN}


@pytest.fixture
def documents(db):
    finances = ThemeFactory(name="Finances", slug="finances")
    roads = ThemeFactory(name="Voirie", slug="voirie")
    childhood = ThemeFactory(name="Enfance", slug="enfance")
    ArchiveDocumentFactory(title=BUDGET, kind=Kind.DELIBERATION, act_date=datetime.date(2023, 12, 12),
                           reference="DEL-2023-042", themes=[finances])
    ArchiveDocumentFactory(title=TRAFFIC, kind=Kind.ARRETE, act_date=datetime.date(2024, 5, 2),
                           reference="AR-2024-017", themes=[roads])
    ArchiveDocumentFactory(title=MINUTES, kind=Kind.PROCES_VERBAL, act_date=datetime.date(2024, 3, 5),
                           reference="PV-2024-003", themes=[finances])
    ArchiveDocumentFactory(title=CANTEEN, kind=Kind.DELIBERATION, act_date=datetime.date(2024, 6, 20),
                           reference="DEL-2024-051", themes=[childhood],
                           text="La restauration scolaire est confiée à un prestataire local.")


def listed(client, library_page, **query):
    response = client.get(library_page.url, query)
    assert response.status_code == 200, query
    text = visible_text(response)
    return {title for title in ALL if title in text}, text


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ALL),
        ({"kind": "arrete"}, {TRAFFIC}),
        ({"kind": "deliberation"}, {BUDGET, CANTEEN}),
        ({"year": "2023"}, {BUDGET}),
        ({"theme": "finances"}, {BUDGET, MINUTES}),
        ({"q": "circulation"}, {TRAFFIC}),
        ({"q": "CONSEIL mars"}, {MINUTES}),
        ({"q": "PV-2024-003"}, {MINUTES}),
        ({"q": "restauration scolaire"}, {CANTEEN}),
        ({"kind": "deliberation", "year": "2024"}, {CANTEEN}),
        ({"kind": "deliberation", "theme": "finances", "q": "budget"}, {BUDGET}),
        ({"kind": "arrete", "year": "2023"}, set()),
    ],
)
def test_filters(client, library_page, documents, query, expected):
    assert listed(client, library_page, **query)[0] == expected


@pytest.mark.parametrize("query", [{"year": "abc"}, {"year": "1850"}, {"kind": "inconnu"}, {"theme": "disparu"}])
def test_bad_filter_value_gives_a_french_error(client, library_page, documents, query):
    shown, text = listed(client, library_page, **query)
    assert "Sélectionnez un choix valide" in text
    # The bad criterion is ignored, not turned into an empty or broken list.
    assert shown == ALL


@pytest.mark.parametrize("page", ["999", "abc", "-1", "0"])
def test_bad_page_number_shows_a_real_page(client, library_page, documents, page):
    library_page.per_page = 3
    library_page.save()
    shown, _text = listed(client, library_page, page=page)
    assert len(shown) in (1, 3)


def test_out_of_range_page_shows_the_last_page(client, library_page, documents):
    library_page.per_page = 3
    library_page.save()
    last = listed(client, library_page, page="2")[0]
    assert listed(client, library_page, page="999")[0] == last == {BUDGET}


def test_pagination_keeps_the_filters(client, library_page, documents):
    library_page.per_page = 1
    library_page.save()
    response = client.get(library_page.url, {"kind": "deliberation"})
    assert "kind=deliberation" in response.content.decode()
    assert listed(client, library_page, kind="deliberation", page="2")[0] == {BUDGET}


def test_very_long_search_does_not_crash(client, library_page, documents):
    assert listed(client, library_page, q="mot " * 500)[0] == set()
