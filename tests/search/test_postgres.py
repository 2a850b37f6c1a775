"""PostgreSQL: the French configurations exist; the GIN index on the document
vector answers for a frequent word and a rare one alike; the page's counts
and facets are exact up to COUNT_LIMIT and lower bounds beyond, which the
page says, while count() stays exact for other callers; titles rank above
body text on both sides of the limit; the planner settings of a search never
outlive it; a batch of documents is indexed by two statements, with the
vectors modelsearch would write one by one."""
import datetime
from unittest import mock

import psycopg
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from modelsearch.backends.database.postgres.postgres import PostgresIndex
from modelsearch.utils import get_content_type_pk
from wagtail.search.models import IndexEntry

from extensions.search.backends import postgres
from extensions.search.analysis import STOP_WORDS
from extensions.search.models import Word
from extensions.search.engine import Search, SearchParams, facet_fields, suggestions
from extensions.search.registry import get_type
from library.models import ArchiveDocument
from tests.factories import ArchiveDocumentFactory, StandardPageFactory
from tests.html import visible_text

# PostgreSQL's own backend: neither SQLite nor the search servers apply.
pytestmark = [pytest.mark.postgresql, pytest.mark.backends("database")]


def scalar(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def documents(request_as, query, **params):
    """The documents' results for `query`, as the search page has them."""
    return Search(request_as("anonymous"), SearchParams(query=query, **params)).results_for(get_type("documents"))


def plan(results, sql, params):
    """PostgreSQL's plan for `sql`, with the settings of a search."""

    def explain():
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN " + sql, params)
            return "\n".join(row[0] for row in cursor.fetchall())

    return results.with_plan_settings(explain)


@pytest.fixture
def backend(search_backend):
    """PostgreSQL's backend (the module's `backends` marker)."""
    return search_backend


@pytest.fixture
def acts(backend, home_page):
    """Thirty acts of the council, one of which mentions a platypus."""
    for number in range(30):
        ArchiveDocumentFactory(title=f"Séance n° {number}", summary="Le conseil municipal délibère.",
                               act_date=datetime.date(2000 + number % 3, 1, 1))
    ArchiveDocumentFactory(title="Inventaire", summary="Un ornithorynque au conseil.")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE wagtailsearch_indexentry")


def test_french_configuration_stems_and_ignores_accents(db):
    assert scalar("SELECT to_tsvector('parvis_french', 'Délibérations des écoles')::text") == "'deliber':1 'ecol':3"
    assert scalar("SELECT to_tsquery('parvis_simple', 'délib:*')::text") == "'delib':*"


@pytest.mark.parametrize("query", ["conseil", "ornithorynque"])
def test_the_gin_index_answers_alone_for_any_word(acts, request_as, backend, query):
    results = documents(request_as, query)
    compiler = results.query_compiler
    sql, params = compiler.first_matches_sql(compiler.get_config(backend))
    assert "parvis_search_document(" in sql
    explained = plan(results, sql, params)
    assert "parvis_search_document_vector_gin" in explained
    assert "Seq Scan on wagtailsearch_indexentry" not in explained
    assert "wagtailsearch_indexentry_content_type_id" not in explained  # modelsearch's btree indexes on the type


def test_stop_words_alone_match_no_entry_of_the_type(acts, request_as):
    assert documents(request_as, "le de").count() == 0


def test_counts_and_facets_are_exact_up_to_the_limit(acts, request_as, monkeypatch):
    monkeypatch.setattr(postgres, "COUNT_LIMIT", 31)
    results = documents(request_as, "conseil")
    assert results.bounded_count() == (31, True)
    assert results.facet_counts({"year": ("year", "act_date")})["year"] == {2000: 10, 2001: 10, 2002: 10, 2024: 1}


def test_beyond_the_limit_counts_and_facets_are_lower_bounds(acts, request_as, monkeypatch):
    monkeypatch.setattr(postgres, "COUNT_LIMIT", 12)
    search = Search(request_as("anonymous"), SearchParams(query="conseil"))
    merged = search.merged()
    assert (merged.count(), merged.count_is_exact) == (12, False)
    facets = {group.name: group.values for group in search.facets()}
    assert [(value.count, value.at_least) for value in facets["type"]] == [(12, True)]
    assert sum(value.count for value in facets["year"]) == 12
    assert all(value.at_least for value in facets["year"])
    assert documents(request_as, "ornithorynque").bounded_count() == (1, True)


def test_every_types_matches_and_facets_take_one_statement_each(acts, home_page, request_as):
    StandardPageFactory(parent=home_page, title="Le conseil municipal")
    search = Search(request_as("anonymous"), SearchParams(query="conseil"))
    with CaptureQueriesContext(connection) as captured:
        search.merged()
    matching = [(search.results_for(t), facet_fields(t)) for t in search.types if search.results_for(t)]
    assert [results.bounded_count() for results, _facets in matching if results.bounded_count()[0]] == [
        (1, True), (31, True)
    ]
    with CaptureQueriesContext(connection) as together:
        counted = search.backend.count_facets(matching)
    assert counted == [results.facet_counts(facets) for results, facets in matching]
    assert counted[[t.key for t in search.types if search.results_for(t)].index("documents")]["year"] == {
        2000: 10, 2001: 10, 2002: 10, 2024: 1
    }
    # The statements of the read transaction aside: one for every type's
    # first matches, one for every type's facets.
    for statements in (captured, together):
        assert len([q for q in statements.captured_queries if "parvis_search_document" in q["sql"] or "row_to_json" in q["sql"]]) == 1


def test_count_stays_exact_for_other_callers(acts, request_as, monkeypatch):
    monkeypatch.setattr(postgres, "COUNT_LIMIT", 12)
    results = documents(request_as, "conseil")
    assert (results.bounded_count(), results.count()) == ((12, False), 31)


def test_the_page_says_there_are_more(acts, client, library_page, monkeypatch):
    monkeypatch.setattr(postgres, "COUNT_LIMIT", 12)
    text = visible_text(client.get("/recherche/", {"q": "conseil"}))
    assert "Plus de 12 résultats" in text or "More than 12 results" in text
    assert "(12+)" in text


@pytest.mark.parametrize("limit", [100, 3])
def test_titles_rank_above_body_text_on_both_sides_of_the_limit(backend, home_page, request_as, monkeypatch, limit):
    monkeypatch.setattr(postgres, "COUNT_LIMIT", limit)
    monkeypatch.setattr(postgres, "RANK_WINDOW", 2)
    in_title = ArchiveDocumentFactory(title="La cantine de l'école", summary="Menus.")
    for number in range(5):  # newer, so first among body-only matches
        ArchiveDocumentFactory(title=f"Séance n° {number}", summary="La cantine scolaire et l'école.")
    for query in ["cantine", "cantine école"]:
        results = documents(request_as, query)
        assert results.bounded_count()[1] == (limit > 6)
        assert list(results[:3])[0] == in_title


def test_suggestions_beyond_the_limit_survive_private_newest_matches(
    backend, home_page, elus_collection, request_as, monkeypatch
):
    monkeypatch.setattr(postgres, "RANK_WINDOW", 2)
    for number in range(4):
        ArchiveDocumentFactory(title=f"Délibération publique {number}")
    for number in range(10):  # newer, and more than the 8 suggestions
        ArchiveDocumentFactory(title=f"Délibération réservée {number}", collection=elus_collection)
    titles = [suggestion["title"] for suggestion in suggestions(request_as("anonymous"), "délib")]
    assert len(titles) == 3 and all("publique" in title for title in titles)


def test_the_planner_settings_end_with_the_search(acts, request_as):
    documents(request_as, "conseil").count()
    assert scalar("SHOW enable_seqscan") == "on"
    assert scalar("SHOW max_parallel_workers_per_gather") != "0"


def stock_entry(backend, document):
    """The index entry modelsearch's own PostgresIndex writes for `document`."""
    PostgresIndex.add_items(backend.get_index_for_model(type(document)), type(document), [document])
    return entry_of(document)


def entry_of(document):
    return IndexEntry.objects.values("title", "body", "autocomplete", "title_text", "body_text").get(
        content_type_id=get_content_type_pk(type(document)), object_id=str(document.pk)
    )


def test_a_batch_is_indexed_as_modelsearch_indexes_each_document(backend, home_page):
    document = ArchiveDocumentFactory(title="Cantine scolaire", summary="Les tarifs de la cantine.",
                                      reference="DEL-2024-12", text="Le conseil municipal fixe les tarifs.")
    document.tags.add("restauration", "écoles")
    document = ArchiveDocument.get_indexed_objects().get(pk=document.pk)
    stock = stock_entry(backend, document)
    backend.add_bulk(ArchiveDocument, [document])
    assert entry_of(document) == stock


def test_the_vocabulary_has_postgresqls_words(backend, home_page):
    """Counted in Python, the words are those PostgreSQL's [[:alpha:]] splits
    from the entry's texts, folded as it folds the index: « km² » is no word,
    « Ⅻ » aside (no French text writes it so)."""
    document = ArchiveDocumentFactory(
        title="ŒUVRES de l’École", summary="Superficie : 12 km², ½ part, x²y ; naïveté, NAÏVETÉ, Naïveté.",
        reference="DEL-2024-12", text="Délibération n°3 du 3/12 : « Délibération » (voir mot_composé) et ÉTÉ.",
    )
    document = ArchiveDocument.get_indexed_objects().get(pk=document.pk)
    Word.objects.all().delete()
    backend.add_bulk(ArchiveDocument, [document])
    entry = entry_of(document)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT unaccent(word), min(word), count(*) FROM regexp_split_to_table(lower(%s), '[^[:alpha:]]+') AS word "
            "WHERE length(word) BETWEEN 3 AND 60 AND unaccent(word) <> ALL(%s) GROUP BY 1",
            [f"{entry['title_text']} {entry['body_text']}", sorted(STOP_WORDS)],
        )
        expected = set(cursor.fetchall())
    assert set(Word.objects.values_list("folded", "word", "weight")) == expected
    assert ("naivete", "naïveté", 3) in expected and ("deliberation", "délibération", 2) in expected


def test_a_batch_is_two_statements_whatever_its_size(backend, home_page):
    created = [ArchiveDocumentFactory(title=f"Arrêté {number}") for number in range(20)]
    batch = list(ArchiveDocument.get_indexed_objects().filter(pk__in=[document.pk for document in created]))
    words = Word.objects.get(folded="arrete").weight
    # Both statements are bound by the server, on psycopg's cursor (outside
    # Django's log); Django's cursors are psycopg cursors too.
    executed = []
    execute = psycopg.Cursor.execute

    def spy(cursor, query, *args, **kwargs):
        executed.append(query.split()[0])
        return execute(cursor, query, *args, **kwargs)

    with mock.patch.object(psycopg.Cursor, "execute", spy):
        backend.add_bulk(ArchiveDocument, batch)
    assert executed == ["WITH", "INSERT"]
    assert Word.objects.get(folded="arrete").weight == words + 20
    norms = IndexEntry.objects.filter(object_id__in=[str(document.pk) for document in created])
    # modelsearch's lavg / ld: the average title length over the entries, over
    # this title's ("arret" and the number).
    average = scalar("SELECT avg(length(title))::float FROM wagtailsearch_indexentry WHERE length(title) > 0")
    assert list(norms.values_list("title_norm", flat=True)) == [pytest.approx(average / 2)] * 20
