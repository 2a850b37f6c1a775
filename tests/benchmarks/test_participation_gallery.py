"""Benchmarks of photo contests (not part of `make test`; `make bench`):
the gallery and an entry page with 1,000 approved entries (queries and
time), the cost of cleaning one 12-megapixel upload and of its
renditions, and the peak memory of cleaning a 59-megapixel PNG. Prints its
figures."""
import io
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from extensions.participation.images import RENDITION_WIDTHS, clean_photo, make_rendition
from extensions.participation.models import Entry, Vote
from tests.participation.helpers import make_contest, photo_bytes

ENTRIES = 1000
LICENCE = {"uses": ["contest"], "media": ["web"], "territory": "france", "years": 1,
           "granted_at": "2025-03-01T10:00:00+01:00"}
RUNS = 5


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def _timed(function):
    """(median seconds over RUNS, result of the last run)."""
    durations, result = [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        result = function()
        durations.append(time.perf_counter() - start)
    return statistics.median(durations), result


def _bulk_entries(contest):
    rules = contest.current_rules()
    categories = list(contest.categories.all())
    now = timezone.now()
    Entry.objects.bulk_create(
        Entry(contest=contest, category=categories[n % 2], rules_version=rules, title=f"Photo n° {n}",
              description=f"Paysage du Val d'Aurèle numéro {n}.", author_name=f"Auteur {n}",
              email=f"auteur{n}@example.org", age=30, people="none", licence=LICENCE,
              photo=f"participation/bench-{n}.jpg", width=1600, height=1067,
              status=Entry.Status.APPROVED, submitted_at=now, gallery_order=n * 7919 % 1_000_003)
        for n in range(ENTRIES)
    )
    entries = list(contest.entries.values_list("pk", flat=True)[:200])
    Vote.objects.bulk_create(Vote(contest=contest, entry_id=pk, voter_key=f"v{pk}", slot=f"e{pk}") for pk in entries)


@pytest.mark.django_db
def test_gallery_with_1000_entries(client, home_page):
    contest = make_contest(home_page, hide_counts=False)
    _bulk_entries(contest)
    young = contest.categories.get(name="Moins de 18 ans").pk
    some_entry = contest.entries.order_by("gallery_order")[500]
    print(f"\nGallery with {ENTRIES} approved entries ({connection.vendor}, median of {RUNS}):")
    for label, url in [
        ("first page", f"{contest.url}galerie/"),
        ("page 20", f"{contest.url}galerie/?page=20"),
        ("one category, page 10", f"{contest.url}galerie/?categorie={young}&page=10"),
        ("an entry page", f"{contest.url}photo/{some_entry.pk}/"),
    ]:
        client.get(url)  # warm caches (site root paths, templates)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        count = len(queries)  # now: the log is emptied by the next request
        assert response.status_code == 200
        seconds, _response = _timed(lambda: client.get(url))
        print(f"  {label:<24} {count:>3} queries  {seconds * 1000:7.1f} ms  {len(response.content) // 1024} KiB")
        assert count < 40


def _twelve_megapixels():
    """A 4000 × 3000 JPEG with camera-like detail (noise over a scene) and
    EXIF with GPS, as a phone would send."""
    scene = Image.open(io.BytesIO(photo_bytes(size=(4000, 3000)))).convert("RGB")
    noise = Image.frombytes("L", scene.size, os.urandom(scene.width * scene.height)).convert("RGB")
    out = io.BytesIO()
    exif = Image.open(io.BytesIO(photo_bytes(size=(40, 30)))).getexif()
    Image.blend(scene, noise, 0.12).save(out, "JPEG", quality=92, exif=exif.tobytes())
    return out.getvalue()


def test_cleaning_a_12_megapixel_upload():
    data = _twelve_megapixels()
    seconds, clean = _timed(lambda: clean_photo(data, max_bytes=40 * 1024 * 1024, min_long_side=1600))
    print(f"\n12-megapixel JPEG upload ({len(data) / 1e6:.1f} MB): cleaned in {seconds * 1000:.0f} ms "
          f"(median of {RUNS}) -> {len(clean.data) / 1e6:.1f} MB clean JPEG")
    for width in RENDITION_WIDTHS:
        seconds, rendition = _timed(lambda: make_rendition(io.BytesIO(clean.data), width))
        print(f"  rendition {width:>4} px: {seconds * 1000:6.0f} ms, {len(rendition) // 1024} KiB")
    heic = io.BytesIO()
    Image.open(io.BytesIO(data)).save(heic, "HEIF", quality=80)
    seconds, _clean = _timed(lambda: clean_photo(heic.getvalue(), max_bytes=40 * 1024 * 1024, min_long_side=1600))
    print(f"12-megapixel HEIC upload ({len(heic.getvalue()) / 1e6:.1f} MB): cleaned in {seconds * 1000:.0f} ms")


# Run in a fresh interpreter, so that its peak resident size is that of
# one worker cleaning one upload. Read from VmHWM, which starts afresh at
# exec (ru_maxrss would carry this process's peak over).
PEAK_SCRIPT = """
import json, os, re, sys
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
django.setup()
from extensions.participation.images import PhotoRejected, clean_photo

def peak_kib():
    return int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1))

data = open(sys.argv[1], "rb").read()
before = peak_kib()
try:
    clean = clean_photo(data, max_bytes=40 * 1024 * 1024, min_long_side=1600)
    result = f"clean copy {clean.width} x {clean.height}"
except PhotoRejected as exc:
    result = f"refused: {exc.message}"
print(json.dumps({"before_kib": before, "peak_kib": peak_kib(), "result": result}))
"""
PEAK_LIMIT_MB = 400


def _peak(tmp_path, mode, colour, side):
    """(peak MB, MB before cleaning, file KB, result) of cleaning a square
    PNG in `mode` in a fresh interpreter."""
    path = tmp_path / f"{mode}-{side}.png"
    picture = Image.new(mode, (side, side), colour)
    picture.save(path, "PNG")
    del picture
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", PEAK_SCRIPT, str(path)], capture_output=True, text=True, check=True,
        cwd=root, env={**os.environ, "PYTHONPATH": os.pathsep.join([str(root / "site"), str(root)])},
    )
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    return figures["peak_kib"] / 1024, figures["before_kib"] / 1024, path.stat().st_size // 1024, figures["result"]


@pytest.mark.parametrize(("mode", "colour", "side"), [
    ("RGBA", (40, 90, 160, 200), 7700),  # 59 MP, issue 13: refused from its header
    ("RGB", (40, 90, 160), 7700),  # 59 MP: refused as well
    ("RGB", (40, 90, 160), 7070),  # 50 MP: the largest PNG accepted, decoded once and reduced
    ("RGBA", (40, 90, 160, 200), 4330),  # 18.7 MP: the largest accepted with transparency
])
def test_peak_memory_of_cleaning_a_large_png(tmp_path, mode, colour, side):
    """A huge PNG of one colour compresses to a few hundred KB: the worst
    upload an anonymous visitor may send is the largest one under the
    decoding budget."""
    peak, before, kib, outcome = _peak(tmp_path, mode, colour, side)
    print(f"\n{side * side / 1e6:.1f}-megapixel {mode} PNG ({kib} KB): peak resident memory {peak:.0f} MB "
          f"(Django loaded: {before:.0f} MB; cleaning: +{peak - before:.0f} MB) -> {outcome}")
    assert peak < PEAK_LIMIT_MB
