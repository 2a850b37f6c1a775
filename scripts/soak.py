"""Soak run (`make soak`): the demo served as in production (gunicorn, 2
workers, see tests/benchmarks/serving.py), then mixed traffic for 10
minutes at concurrency 32 — anonymous readers, searches, élus signed in
reading their spaces, contest votes (tests/benchmarks/load.py). Prints the
5xx count and the workers' resident memory at minute 2 and at the end.

Exit status 1 when a 5xx was answered or memory grew by 10 % or more.
Usage: scripts/soak.py [--minutes 10] [--concurrency 32]"""
import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()  # the load generator solves the contest's anti-robot challenges with its code

from django.conf import settings  # noqa: E402

from tests.benchmarks.load import Soak, Stats, percentile, run_for  # noqa: E402
from tests.benchmarks.serving import DemoInstance  # noqa: E402

MEMORY_GROWTH_LIMIT = 0.10


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=32)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="parvis-soak-") as workdir:
        demo = DemoInstance(Path(workdir))
        print(f"Preparing the demo ({demo.database})…", flush=True)
        urls = demo.prepare()
        demo.start()
        try:
            return soak(demo, urls, args.minutes, args.concurrency)
        finally:
            demo.stop()


def soak(demo, urls, minutes, concurrency):
    stats, memory = Stats(), {}
    checkpoints = {"minute 2": min(120, minutes * 60 / 5), "end": minutes * 60 - 5}
    started = time.monotonic()

    def sample():
        for name, at in checkpoints.items():
            time.sleep(max(0, started + at - time.monotonic()))
            memory[name] = demo.workers_rss_mib()
            print(f"  {name}: workers' RSS {', '.join(f'{m:.0f} MiB' for m in memory[name])}", flush=True)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    print(f"Soak: {minutes:g} min at concurrency {concurrency} on port {demo.port}…", flush=True)
    run_for(minutes * 60, concurrency, Soak(urls, settings.DEMO_PASSWORD).visit, stats, demo.port)
    sampler.join()
    return report(stats, memory, minutes)


def report(stats, memory, minutes):
    total = sum(len(values) for values in stats.latencies.values())
    print(f"\n{total} requests in {minutes:g} min ({total / (minutes * 60):.1f}/s); statuses {dict(stats.statuses)}; "
          f"connection errors {stats.errors}")
    print(f"{'kind of request':<30} {'count':>7} {'p50 ms':>8} {'p99 ms':>8}  statuses")
    for label, values in sorted(stats.latencies.items()):
        print(f"{label:<30} {len(values):>7} {percentile(values, 0.5) * 1000:>8.0f} "
              f"{percentile(values, 0.99) * 1000:>8.0f}  {dict(stats.by_label[label])}")
    first, last = sum(memory["minute 2"]), sum(memory["end"])
    growth = (last - first) / first
    print(f"\n5xx answers: {stats.server_errors}")
    print(f"Workers' RSS: {first:.0f} MiB at minute 2, {last:.0f} MiB at the end: {growth:+.1%}")
    return 0 if stats.server_errors == 0 and stats.errors == 0 and growth < MEMORY_GROWTH_LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
