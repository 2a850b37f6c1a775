"""HTTP benchmark (`make bench`): the demo served by gunicorn (2 workers,
production settings) on 127.0.0.1; requests per second and latency p50/p99
of the main public addresses, measured by a client on the same machine
(which takes part of the CPU). Prints the table and writes it to
docs/benchmarks.md.

BENCH_HTTP_REQUESTS (default 400) requests per address, at
BENCH_HTTP_CONCURRENCY (default 8)."""
import json
import os
import platform
from datetime import datetime, timezone
from pathlib import Path

import pytest

from tests.benchmarks.load import Client, Stats, measure
from tests.benchmarks.serving import ROOT, DemoInstance

REQUESTS = int(os.environ.get("BENCH_HTTP_REQUESTS", "400"))
CONCURRENCY = int(os.environ.get("BENCH_HTTP_CONCURRENCY", "8"))
NO_CACHE = {"Cookie": "bench=1"}  # any cookie but CSRF's: the page cache steps aside


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    demo = DemoInstance(tmp_path_factory.mktemp("http-bench"))
    urls = demo.prepare()
    demo.start()
    yield demo, urls
    demo.stop()


PAGES = [("Home page", "home"), ("News article", "news"), ("Library, filtered by kind", "library"),
         ("Agenda", "agenda"), ("Gallery, 1,000 entries", "gallery")]


def rows(urls, port):
    """(label, url, headers): each page from the page cache (what anonymous
    visitors get) and rendered (what signed-in users and the first visitor
    after a publish get); the search page and the API are never cached."""
    for label, name in PAGES:
        yield f"{label} (page cache)", urls[name], None
        yield f"{label} (rendered)", urls[name], NO_CACHE
    yield "Search page", urls["search"], None
    if "api" in urls:
        yield api_list(port, urls["api"])


def api_list(port, root_url):
    """(label, url, headers) of the first list the API root names (a DRF
    root is a mapping of names to URLs), or of the root itself."""
    _status, content, _headers = Client(port, Stats()).request("API root", root_url)
    try:
        name, url = next((name, url) for name, url in json.loads(content).items() if isinstance(url, str))
    except (ValueError, AttributeError, StopIteration):
        return "API root", root_url, None
    return f"API list ({name})", url, None


def test_http_benchmark(instance):
    demo, urls = instance
    lines = [
        "| Address | req/s | p50 (ms) | p99 (ms) | statuses |",
        "|---|---:|---:|---:|---|",
    ]
    for label, url, headers in rows(urls, demo.port):
        measure(demo.port, label, url, 20, 2, headers)  # warm-up: templates, connections, caches
        rps, p50, p99, statuses = measure(demo.port, label, url, REQUESTS, CONCURRENCY, headers)
        assert set(statuses) == {200}, (label, statuses)
        lines.append(f"| {label} | {rps:.0f} | {p50:.0f} | {p99:.0f} | {statuses} |")
    notes = [] if "api" in urls else [
        "The API list is not measured: extensions.api is not installed on this branch yet."]
    report(demo, lines, notes)


SEARCH_SECTION = "## Search benchmark"


def report(demo, lines, notes):
    cpu = os.cpu_count()
    header = [
        "# Benchmarks",
        "",
        "Written by `make bench` (tests/benchmarks/test_http_benchmark.py); the figures of the",
        "search and contest benchmarks are printed by the same run.",
        "",
        f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {platform.machine()} with {cpu} CPU "
        f"core(s), Python {platform.python_version()}, {demo.database}: the demo data (plus 1,000 contest "
        f"entries) served by gunicorn, {demo.workers} sync workers, production settings, local-memory cache; "
        f"{REQUESTS} requests per address at concurrency {CONCURRENCY} from a client on the same machine.",
        "",
    ]
    text = "\n".join(header + lines + [""] + [f"- {note}" for note in notes]) + "\n"
    print("\n" + text)
    path = ROOT / "docs" / "benchmarks.md"
    # The search benchmark's section, written by hand from its printed
    # figures (it runs for minutes at a size chosen per run), is kept.
    kept = path.read_text().partition(SEARCH_SECTION)
    path.write_text(text + (f"\n{SEARCH_SECTION}{kept[2]}" if kept[1] else ""))
