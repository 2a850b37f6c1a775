"""A small HTTP load generator (threads, one connection per request, as
gunicorn's sync workers close them) with per-label latency figures, and
the visitors of the soak: anonymous readers, searchers, signed-in élus and
contest voters."""
import http.client
import http.cookies
import json
import random
import re
import statistics
import threading
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field

from extensions.participation.core.antibot import solve
from tests.benchmarks.serving import PROXY_HEADERS


@dataclass
class Stats:
    latencies: dict = field(default_factory=lambda: defaultdict(list))
    statuses: dict = field(default_factory=lambda: defaultdict(int))
    by_label: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, label, seconds, status):
        with self.lock:
            self.latencies[label].append(seconds)
            self.statuses[status] += 1
            self.by_label[label][status] += 1

    @property
    def server_errors(self):
        return sum(count for status, count in self.statuses.items() if status >= 500)


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


class Client:
    """One visitor: its own cookies, its own source address (127.0.0.x), so
    per-address limits see many visitors as they would in real life."""

    def __init__(self, port, stats, number=0):
        self.port, self.stats, self.number = port, stats, number
        self.source = f"127.0.{number // 250}.{number % 250 + 2}"
        self.cookies = {}

    def request(self, label, url, method="GET", data=None, headers=None):
        parts = urllib.parse.urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        body = urllib.parse.urlencode(data) if data is not None else None
        all_headers = {"Host": parts.netloc, **PROXY_HEADERS, **(headers or {})}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60,
                                                source_address=(self.source, 0))
        start = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            content = response.read()
        except OSError:
            with self.stats.lock:
                self.stats.errors += 1
            return 0, b"", {}
        finally:
            connection.close()
        self.stats.record(label, time.perf_counter() - start, response.status)
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = http.cookies.SimpleCookie(header)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value
        return response.status, content, response.headers


def run_for(seconds, concurrency, visit, stats, port):
    """`concurrency` threads call visit(client, rng) until `seconds` pass."""
    stop = time.monotonic() + seconds

    def loop(number):
        client = Client(port, stats, number)
        rng = random.Random(number)
        while time.monotonic() < stop:
            visit(client, rng)

    threads = [threading.Thread(target=loop, args=(n,), daemon=True) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def measure(port, label, url, requests, concurrency, headers=None):
    """(requests per second, p50 ms, p99 ms, statuses) of `requests` GETs."""
    stats = Stats()
    counter = iter(range(requests))
    lock = threading.Lock()

    def loop(number):
        client = Client(port, stats)
        while True:
            with lock:
                if next(counter, None) is None:
                    return
            client.cookies.clear()
            client.request(label, url, headers=headers)

    start = time.perf_counter()
    threads = [threading.Thread(target=loop, args=(n,)) for n in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    latencies = stats.latencies[label]
    return (len(latencies) / elapsed, statistics.median(latencies) * 1000, percentile(latencies, 0.99) * 1000,
            dict(stats.statuses))


CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
SEARCHES = ["conseil municipal", "budget", "travaux", "école", "délibération", "voirie", "eau", "marché",
            "urbanisme", "association"]


class Soak:
    """The mixed traffic of a busy evening. Each client plays one part, in
    these proportions: anonymous readers, searchers, élus signed in reading
    their spaces, contest voters."""

    PARTS = ["read"] * 11 + ["search"] * 4 + ["elu"] * 3 + ["vote"] * 2

    def __init__(self, urls, password):
        self.urls, self.password = urls, password
        self.reads = [urls["home"], urls["news"], urls["library"], urls["agenda"], urls["gallery"]]

    def visit(self, client, rng):
        part = self.PARTS[client.number % len(self.PARTS)]
        if part == "read":
            client.request("anonymous read", rng.choice(self.reads + rng.sample(self.urls["entries"], 3)))
        elif part == "search":
            client.request("search", self.urls["home"] + "recherche/?" + urllib.parse.urlencode(
                {"q": rng.choice(SEARCHES)}))
        elif part == "elu":
            self.elu_reads(client, rng)
        else:
            self.vote(client, rng)

    def origin(self, url):
        return {"Origin": "https://" + urllib.parse.urlsplit(url).netloc, "Referer": url}

    def csrf_post(self, client, label, url, data):
        status, content, _headers = client.request(label + " (form)", url)
        match = CSRF_FIELD.search(content)
        if status != 200 or not match:
            return status
        data = {**data, "csrfmiddlewaretoken": match.group(1).decode()}
        status, _content, _headers = client.request(label, url, "POST", data, headers=self.origin(url))
        return status

    def elu_reads(self, client, rng):
        if "sessionid" not in client.cookies:
            client.elu = rng.choice(list(self.urls["elus"]))
            self.csrf_post(client, "élu sign-in", self.urls["login"], {"username": client.elu, "password": self.password})
        client.request("élu space", rng.choice(self.urls["elus"][client.elu]))

    def vote(self, client, rng):
        client.cookies.clear()
        entry = rng.choice(self.urls["entries"])
        status, content, _headers = client.request("vote (entry page)", entry)
        match = CSRF_FIELD.search(content)
        challenge_url = urllib.parse.urljoin(entry, "/participation/defi/")
        status, challenge, _headers = client.request("vote (anti-robot challenge)", challenge_url)
        if not match or status != 200:
            return
        data = {"csrfmiddlewaretoken": match.group(1).decode(), "website": "", "altcha": solve(json.loads(challenge)),
                "email": f"votant{rng.randrange(10**9)}@example.org"}
        client.request("vote", entry, "POST", data, headers=self.origin(entry))
