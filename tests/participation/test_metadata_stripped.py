"""A photo loses all its metadata on receipt, before storage: EXIF (camera,
GPS), XMP, comments, text chunks; its orientation is applied to the pixels.
What the public is served carries none either. Checked with Pillow's
getexif() and by scanning the bytes (exiftool may not be installed)."""
import io
import shutil
import subprocess

import pytest
from PIL import Image

from core.storage import private_storage
from extensions.participation.images import clean_photo
from tests.participation.helpers import make_entry, photo_bytes, private_files, submit, upload

TELL_TALES = [b"Exif", b"GPS", b"PhoneMaker", b"SecretPhone", b"xmpmeta", b"secret-xmp", b"12 rue des Lilas",
              b"http://ns.adobe.com"]


def assert_clean(data):
    img = Image.open(io.BytesIO(data))
    assert img.format == "JPEG"
    assert len(img.getexif()) == 0
    assert "exif" not in img.info and "xmp" not in img.info and "comment" not in img.info
    for tell_tale in TELL_TALES:
        assert tell_tale not in data, tell_tale


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "HEIF"])
def test_the_clean_copy_has_no_metadata(fmt):
    source = photo_bytes(fmt=fmt)
    assert b"SecretPhone" in source or fmt == "HEIF"  # the HEIF writer may compress its EXIF
    assert_clean(clean_photo(source, max_bytes=10**7, min_long_side=100).data)


def test_orientation_is_applied_then_dropped():
    """EXIF orientation 6 (turn 90° clockwise): a 900×600 landscape is
    stored as a 600×900 portrait, with no orientation left to apply."""
    clean = clean_photo(photo_bytes(orientation=6), max_bytes=10**7, min_long_side=100)
    assert (clean.width, clean.height) == (600, 900)
    assert_clean(clean.data)


def test_the_stored_file_of_a_submission_is_clean(client, contest):
    submit(client, contest, photo=upload(photo_bytes(orientation=6)))
    (name,) = private_files()
    with private_storage.open(name, "rb") as stored:
        assert_clean(stored.read())


def test_a_served_photo_carries_no_exif_or_gps(client, contest):
    entry = make_entry(contest)
    for width in (480, 960, 1600):
        response = client.get(entry.photo_url(width))
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert_clean(b"".join(response.streaming_content))


@pytest.mark.skipif(shutil.which("exiftool") is None, reason="exiftool is not installed")
def test_exiftool_finds_no_gps(client, contest, tmp_path):
    entry = make_entry(contest)
    served = tmp_path / "served.jpg"
    served.write_bytes(b"".join(client.get(entry.photo_url()).streaming_content))
    output = subprocess.run(["exiftool", "-a", "-G1", str(served)], capture_output=True, text=True).stdout
    assert "GPS" not in output
