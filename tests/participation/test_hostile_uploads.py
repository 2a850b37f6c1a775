"""Uploads are hostile until proven otherwise: malformed, truncated,
oversized, polyglot, SVG and decompression-bomb files each get a clear
message, never a 500, and leave nothing behind; accepted formats are JPEG,
PNG, WebP and HEIC, identified from their bytes."""
import io
import os
import struct
import zlib

import pytest
from django.template.defaultfilters import filesizeformat
from PIL import Image

from extensions.participation import images
from extensions.participation.core.models import Confirmation
from tests.html import visible_text
from tests.participation.helpers import photo_bytes, private_files, says, submit, upload

SVG = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="900" height="600">'
       b"<script>alert(document.cookie)</script><rect width='900' height='600'/></svg>")


def png_bomb(width=30000, height=30000):
    """A valid PNG header announcing 900 million pixels, compressed to a
    few hundred kilobytes."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    row = b"\x00" + b"\x00" * (width // 8 + 1)
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(200)) + compressor.flush()
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def jpeg_with_comment(text):
    """A valid JPEG whose comment segment carries `text`."""
    return photo_bytes(comment=text)


HOSTILE = {
    "random bytes named .jpg": (b"\x00\x01garbage" * 500, images.NOT_ACCEPTED),
    "a text file": (b"Bonjour, ceci n'est pas une photo.\n" * 50, images.NOT_ACCEPTED),
    "an SVG with a script": (SVG, images.NOT_ACCEPTED),
    "a GIF": (None, images.NOT_ACCEPTED),
    "a truncated JPEG": (photo_bytes()[:6000], images.BROKEN),
    "a JPEG header with garbage": (b"\xff\xd8\xff\xe0" + b"\x13" * 4000, images.BROKEN),
    "a JPEG followed by a ZIP (polyglot)": (photo_bytes() + b"PK\x03\x04" + b"\x00" * 200, images.FOREIGN_CONTENT),
    "a JPEG followed by HTML (polyglot)": (photo_bytes() + b"<html><script>alert(1)</script></html>",
                                           images.FOREIGN_CONTENT),
    "a JPEG whose comment is a script (polyglot)": (jpeg_with_comment(b"<script>alert(1)</script>"),
                                                     images.FOREIGN_CONTENT),
    "a PNG with PHP in a text chunk": (None, images.FOREIGN_CONTENT),
    "a PNG decompression bomb": (png_bomb(), images.TOO_MANY_PIXELS),
}


def _gif():
    out = io.BytesIO()
    Image.new("RGB", (900, 600), "red").save(out, "GIF")
    return out.getvalue()


def _png_with_php():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "<?php system($_GET['c']); ?>")
    out = io.BytesIO()
    Image.new("RGB", (900, 600), "blue").save(out, "PNG", pnginfo=info)
    return out.getvalue()


def _data(case):
    data, _message = HOSTILE[case]
    return data if data is not None else {"a GIF": _gif, "a PNG with PHP in a text chunk": _png_with_php}[case]()


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_file_is_refused_with_a_clear_message(client, contest, case):
    message = HOSTILE[case][1]
    response = submit(client, contest, photo=upload(_data(case), name="photo.jpg"))
    assert response.status_code == 200
    expected = message % {"max": images.MAX_PIXELS // 1_000_000} if "%(" in str(message) else message
    assert says(response, expected)
    assert not Confirmation.objects.exists()
    assert private_files() == []


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_bytes_never_escape_clean_photo(case):
    """The same files straight into the pipeline: PhotoRejected, nothing
    else, whatever the bytes."""
    with pytest.raises(images.PhotoRejected):
        images.clean_photo(_data(case), max_bytes=50 * 1024 * 1024, min_long_side=100)


def test_a_file_over_the_contest_limit_is_refused(client, contest):
    out = io.BytesIO()
    Image.frombytes("RGB", (1200, 800), os.urandom(1200 * 800 * 3)).save(out, "JPEG", quality=100)
    big = out.getvalue()
    contest.max_file_size_mb = 1
    contest.save_revision().publish()
    assert len(big) > 1024 * 1024
    response = submit(client, contest, photo=upload(big))
    assert response.status_code == 413
    assert "1 M" in visible_text(response)
    assert not Confirmation.objects.exists()
    assert private_files() == []


def test_the_size_limit_holds_whatever_the_request_says():
    """Past the request's own check, the photo's size is checked again."""
    data = photo_bytes()
    with pytest.raises(images.PhotoRejected) as refused:
        images.clean_photo(data, max_bytes=len(data) - 1, min_long_side=100)
    assert filesizeformat(len(data) - 1) in str(refused.value)


def test_an_oversized_request_is_refused_before_its_body_is_read(client, contest):
    """The Content-Length is checked before anything parses the body (the
    view is exempt from the CSRF middleware, which would parse it)."""
    huge = (contest.max_file_size_mb + 1) * 1024 * 1024
    response = client.generic(
        "POST", f"/participation/envoi/{contest.pk}/", b"x" * 10,
        content_type="multipart/form-data; boundary=xyz", CONTENT_LENGTH=str(huge),
    )
    assert response.status_code == 413
    assert "5 MB" in visible_text(response) or "5 Mo" in visible_text(response)
    assert not Confirmation.objects.exists()


def test_a_photo_below_the_minimum_resolution_is_refused(client, contest):
    response = submit(client, contest, photo=upload(photo_bytes(size=(300, 200))))
    assert "300 × 200" in visible_text(response)
    assert private_files() == []


@pytest.mark.parametrize("fmt,name", [("PNG", "photo.png"), ("WEBP", "photo.webp"), ("HEIF", "IMG_0001.HEIC")])
def test_png_webp_and_heic_are_accepted_and_become_jpeg(client, contest, fmt, name):
    response = submit(client, contest, photo=upload(photo_bytes(fmt=fmt), name=name, content_type="image/heic"))
    assert response.status_code == 302, visible_text(response)
    stored = private_files()
    assert len(stored) == 1 and stored[0].endswith(".jpg")


def test_an_iphone_jpeg_with_a_secondary_image_is_accepted():
    """MPF: phones append a gain map or depth image after the main one."""
    data = photo_bytes() + photo_bytes(size=(200, 150), gps=False)
    assert images.clean_photo(data, max_bytes=10**7, min_long_side=100).width == 900


def test_a_picture_with_transparency_is_laid_on_white():
    out = io.BytesIO()
    Image.new("RGBA", (800, 600), (0, 0, 0, 0)).save(out, "PNG")
    clean = images.clean_photo(out.getvalue(), max_bytes=10**7, min_long_side=100)
    assert Image.open(io.BytesIO(clean.data)).getpixel((10, 10)) in {(255, 255, 255), (254, 254, 254)}
