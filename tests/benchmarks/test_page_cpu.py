"""CPU per request of the pages issue 19 compares with Wagtail's own demo
(`make bench`): the demo served by gunicorn with production settings, one
worker, one request at a time, the page cache stepped aside (a cookie), the
worker's CPU time (user + system, from /proc) per request. Printed beside
bakerydemo's figures measured the same way on this machine (issue 19): its
code cannot be fetched at benchmark time.

BENCH_CPU_REQUESTS (default 50) requests per page, after 10 to warm up;
BENCH_CPU_DATABASE (default parvis_page_cpu) names the PostgreSQL database
the run recreates, so that two runs on one server do not collide."""
import os
from pathlib import Path

import pytest

from .load import Client, Stats
from .serving import DemoInstance

REQUESTS = int(os.environ.get("BENCH_CPU_REQUESTS", "50"))
DATABASE = os.environ.get("BENCH_CPU_DATABASE", "parvis_page_cpu")
NO_CACHE = {"Cookie": "bench=1"}
TICKS = os.sysconf("SC_CLK_TCK")
# (label, address key of bench_data.prepare(), bakerydemo's page of that kind, its ms)
PAGES = [
    ("Home page", "home", "home", 40.7),
    ("News article", "news", "bread page (detail)", 16.5),
    ("Library, filtered by kind", "library", "", None),
    ("Search page", "search", "search", 47.0),
]


def cpu_seconds(pid):
    """User + system CPU time of a process so far (/proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    demo = DemoInstance(tmp_path_factory.mktemp("cpu-bench"), workers=1, database=DATABASE)
    urls = demo.prepare()
    demo.start()
    yield demo, urls
    demo.stop()


def test_page_cpu(instance):
    demo, urls = instance
    client = Client(demo.port, Stats())
    print(f"\nCPU per request (gunicorn, 1 worker, production settings, {demo.database}, {REQUESTS} requests, "
          f"load average {', '.join(f'{value:.2f}' for value in os.getloadavg())})")
    print(f"  {'page':<28}{'Parvis ms':>10}{'bakerydemo ms':>15}  bakerydemo page")
    for label, key, their_page, theirs in PAGES:
        for _ in range(10):
            client.request(label, urls[key], headers=NO_CACHE)
        [worker] = demo.worker_pids()
        before = cpu_seconds(worker)
        for _ in range(REQUESTS):
            status, _content, _headers = client.request(label, urls[key], headers=NO_CACHE)
            assert status == 200, (label, status)
        ours = (cpu_seconds(worker) - before) / REQUESTS * 1000
        print(f"  {label:<28}{ours:>10.1f}{(f'{theirs:.1f}' if theirs else '–'):>15}  {their_page}")
