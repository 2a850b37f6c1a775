"""Search benchmark (`make bench`): a generated French corpus of 10,000 and
100,000 acts, indexed then searched as the search page does, on PostgreSQL and
on the OpenSearch node; plus text extraction on the demo's files. Prints its
figures and the machine's load; asserts only that every query returns what
the corpus planted.

Per query: "results" is the first page of results and the count it shows;
"search" adds the facets and the excerpts, i.e. everything the search page
computes; "page" is the whole page as a visitor gets it, through Django's
handler as a WSGI server calls it (middleware, the read transaction, the
template), until the response is ready to send: what `make bench` reports
as the page's cost. What the server does once the page is sent (queuing
the query log) is timed apart. A count with "+" is a lower bound
(PostgreSQL counts up to a limit). After the table, the SQL statements of
one page per query (the query log's included), and how many transactions
they open.

BENCH_SIZES=10000,100000 (default), BENCH_RUNS=30 timed runs per query.
Targets (issue 7): p95 <= 100 ms on PostgreSQL and <= 50 ms on the node at
100,000 documents."""
import gc
import logging
import os
import statistics
import time
from itertools import islice
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.core.handlers.base import BaseHandler
from django.core.management import call_command
from django.db import DatabaseError, connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from modelsearch.backends import get_search_backend
from wagtail.models import Collection
from wagtail.search.models import IndexEntry

from extensions.search.backend_settings import DATABASE, server_backend
from extensions.search.engine import Search, SearchParams, suggestions
from extensions.search.models import Word
from library.extraction import ExtractionError, extract_text
from library.models import ArchiveDocument, ExtractionStatus

from .corpus import RARE, Corpus

SIZES = [int(size) for size in os.environ.get("BENCH_SIZES", "10000,100000").split(",")]
RUNS = int(os.environ.get("BENCH_RUNS", "30"))
BATCH = 1000
ROOT = Path(__file__).resolve().parents[2]

QUERIES = [
    ("frequent", "conseil"),
    ("frequent", "commune"),
    ("rare", "ornithorynque"),
    ("rare", "palimpseste"),
    ("two words", "cantine scolaire"),
    ("two words", "délibération budget"),
]
AUTOCOMPLETE = ["délib", "cant"]

# Committed, so that the loaded tables can be vacuumed (see load()); the
# pages and collections the migrations made are restored after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def quiet(caplog):
    """The figures alone on the terminal: no line per request or task."""
    for name in ("opensearch", "django_tasks", "wagtail"):
        caplog.set_level(logging.WARNING, logger=name)


def backends():
    found = []
    if connection.vendor == "postgresql":
        found.append(("PostgreSQL", {"BACKEND": DATABASE}))
    url = os.environ.get("SEARCH_TEST_URL")
    if url:
        found.append(("OpenSearch", server_backend(url, index_prefix="parvis_bench_")))
    return found


def anonymous_request():
    request = RequestFactory().get("/recherche/")
    request.user = AnonymousUser()
    request.session = SessionStore()
    return request


def timed(function, runs=RUNS, then=None):
    """(p50, p95, last value) of function(), in ms; then(value), if given,
    runs after each call, untimed."""
    then = then or (lambda value: None)
    then(function())  # warm-up: caches, query plans, connections
    durations = []
    for _ in range(runs):
        start = time.perf_counter()
        value = function()
        durations.append((time.perf_counter() - start) * 1000)
        then(value)
    return percentiles(durations) + (value,)


def percentiles(durations):
    durations = sorted(durations)
    p95 = durations[min(len(durations) - 1, int(round(0.95 * len(durations))) - 1)]
    return statistics.median(durations), p95


def clear(backend):
    """No documents, in the database or the index (without signals: a
    hundred thousand deletions one by one would dominate the run)."""
    ArchiveDocument.objects.all()._raw_delete(ArchiveDocument.objects.db)
    if hasattr(backend, "es"):
        index = backend.get_index_for_model(ArchiveDocument)
        # update_index made the name an alias: drop the indexes behind it.
        backend.es.indices.delete(index=index.name + "*")
        index.put()
        index.add_model(ArchiveDocument)
    else:
        IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(ArchiveDocument)).delete()


def load(corpus_documents, backend):
    """Stores the acts (without files: search reads their text) and indexes
    them, a batch at a time from an iterable (a server holds none of the
    corpus: holding it all in the measuring process made every page slower,
    its hundred thousand dicts weighing on the memory and the garbage
    collector); returns the indexing throughput in documents per second."""
    clear(backend)
    collection = Collection.get_first_root_node()
    indexing, count = 0.0, 0
    corpus_documents = iter(corpus_documents)
    while batch_documents := list(islice(corpus_documents, BATCH)):
        count += len(batch_documents)
        created = ArchiveDocument.objects.bulk_create(
            ArchiveDocument(
                title=doc["title"], text=doc["text"], kind=doc["kind"], act_date=doc["act_date"],
                reference=doc["reference"], file=f"documents/{doc['reference']}.pdf", collection=collection,
                extraction_status=ExtractionStatus.DONE,
            )
            for doc in batch_documents
        )
        start = time.perf_counter()
        # As update_index does: with the related data prefetched.
        batch = ArchiveDocument.get_indexed_objects().filter(pk__in=[doc.pk for doc in created])
        backend.add_bulk(ArchiveDocument, list(batch))
        indexing += time.perf_counter() - start
    if hasattr(backend, "es"):
        backend.get_index_for_model(ArchiveDocument).refresh()
    else:
        with connection.cursor() as cursor:
            # As autovacuum does within a minute of a bulk load: measuring
            # while it runs would measure autovacuum. The vocabulary too:
            # every batch updated most of its rows.
            for model in (IndexEntry, ArchiveDocument, Word):
                cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
            checkpoint(cursor)
    gc.collect()  # the loading's garbage is not the pages' to collect
    return count / indexing


def checkpoint(cursor):
    """Writes out the pages the load dirtied, as the checkpointer does in
    the minutes after a bulk load: measured while it wrote them (gigabytes
    of WAL, a checkpoint every half minute), the last queries' pages took
    up to twice as long. Needs the pg_checkpoint role (scripts/postgres.sh
    grants it); without it the figures say so."""
    try:
        cursor.execute("CHECKPOINT")
    except DatabaseError:
        print("\n  (no CHECKPOINT permission: pages measured while the load is written out)")


def page_of_results(request, backend, query, whole):
    """What the search page computes: the count, the first page, and when
    `whole` the facets and the excerpts, in the page's one read session."""
    search = Search(request, SearchParams(query=query), backend)
    with search.session():
        merged = search.merged()
        count, page = merged.count(), merged[0:10]
        if whole:
            search.facets()
            search.present(page)
    return page, f"{count:,}" + ("" if merged.count_is_exact else "+")


class PageServer:
    """Serves the search page as a WSGI server does: the response is timed
    until it is ready to send (what a visitor waits for); the server closes
    it once sent, which queues the query log (SearchPageResponse.close(): a
    task, run at once here, as in the tests), timed apart."""

    def __init__(self):
        self.handler = BaseHandler()
        self.handler.load_middleware()
        self.after = []

    def page(self, query):
        response = self.handler.get_response(RequestFactory().get("/recherche/", {"q": query}))
        assert response.status_code == 200
        return response

    def close(self, response):
        start = time.perf_counter()
        response.close()
        self.after.append((time.perf_counter() - start) * 1000)


def whole_page(client, query):
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200


def page_statements(client, query):
    """(statements, transactions) of one search page: what it asks the
    database, the query log task's writes included (the tests run tasks at once)."""
    with CaptureQueriesContext(connection) as queries:
        whole_page(client, query)
    opened = [query for query in queries.captured_queries if query["sql"].startswith(("BEGIN", "SAVEPOINT"))]
    return len(queries.captured_queries), len(opened)


def measure(size, label, backend):
    throughput = load(Corpus(size).documents(), backend)
    request = anonymous_request()
    load_average = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"\n{label}, {size:,} documents: indexing {throughput:,.0f} documents/s (load average {load_average})")
    print(f"  {'query':<32}{'results':>9}{'results p50/p95 ms':>21}{'search p50/p95 ms':>20}"
          f"{'page p50/p95 ms':>18}")
    client, server = Client(), PageServer()
    statements = []
    for kind, query in QUERIES:
        timings = []
        for whole in (False, True):
            p50, p95, (page, count) = timed(lambda whole=whole: page_of_results(request, backend, query, whole))
            timings.append(f"{p50:.1f} / {p95:.1f}")
        p50, p95, _response = timed(lambda: server.page(query), then=server.close)
        timings.append(f"{p50:.1f} / {p95:.1f}")
        print(f"  {kind + ': ' + query:<32}{count:>9}{timings[0]:>21}{timings[1]:>20}{timings[2]:>18}")
        statements.append("{} {} ({})".format(query, *page_statements(client, query)))
        assert page, query
        if query in RARE:
            assert count == f"{min(RARE[query], size):,}"
    print(f"  statements per page (transactions): {', '.join(statements)}")
    print("  after each page is sent, queuing the query log (the task run at once): p50 / p95 "
          "{:.1f} / {:.1f} ms".format(*percentiles(server.after)))
    for prefix in AUTOCOMPLETE:
        p50, p95, found = timed(lambda prefix=prefix: suggestions(request, prefix, backend=backend))
        print(f"  {'autocomplete: ' + prefix:<32}{len(found):>9}{f'{p50:.1f} / {p95:.1f}':>21}")
        assert found, prefix
    print(f"  load average after: {', '.join(f'{value:.2f}' for value in os.getloadavg())}")


@pytest.mark.parametrize("size", SIZES)
def test_search_benchmark(size, settings, home_page):
    found = backends()
    if not found:
        pytest.skip("needs PostgreSQL (DATABASE_URL) or an OpenSearch node (SEARCH_TEST_URL)")
    for label, conf in found:
        settings.WAGTAILSEARCH_BACKENDS = {"default": conf}
        backend = get_search_backend()
        if hasattr(backend, "es"):
            call_command("update_index", verbosity=0)  # every index, with its mapping
        try:
            measure(size, label, backend)
        finally:
            clear(backend)
            if hasattr(backend, "es"):
                backend.es.indices.delete(index="parvis_bench_*")


def test_extraction_throughput():
    files = sorted(p for p in (ROOT / "fixtures" / "documents").rglob("*") if p.is_file())
    if not files:
        pytest.skip("no demo documents in fixtures/documents/")
    total_bytes, pages_text, failures = 0, 0, 0
    start = time.perf_counter()
    for path in files:
        data = path.read_bytes()
        total_bytes += len(data)
        try:
            pages_text += len(extract_text(data, path.name))
        except ExtractionError:
            failures += 1
    elapsed = time.perf_counter() - start
    print(f"\nExtraction: {len(files)} demo files ({total_bytes / 1e6:.1f} MB) in {elapsed:.2f} s: "
          f"{len(files) / elapsed:.1f} files/s, {total_bytes / 1e6 / elapsed:.1f} MB/s, "
          f"{pages_text:,} characters, {failures} failures")
