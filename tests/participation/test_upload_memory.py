"""Cleaning one upload takes bounded memory: an image is refused from its
header when decoding it would take more than the budget (transparency
is reduced in a premultiplied copy), and the clean copy is reduced to
MASTER_LONG_SIDE as early as the format allows (a JPEG by its DCT). The
peak is measured in tests/benchmarks/test_participation_gallery.py."""
import io

import pytest
from PIL import Image

from extensions.participation import images


def _png(mode, size):
    out = io.BytesIO()
    Image.new(mode, size, "white").save(out, "PNG")
    return out.getvalue()


def _jpeg(size):
    out = io.BytesIO()
    Image.new("RGB", size, "green").save(out, "JPEG")
    return out.getvalue()


@pytest.mark.parametrize(("mode", "accepted"), [("RGB", True), ("L", True), ("RGBA", False), ("P", False)])
def test_the_decoding_budget_depends_on_the_bytes_of_a_pixel(monkeypatch, mode, accepted):
    monkeypatch.setattr(images, "MAX_DECODED_BYTES", 3_000_000)  # 1 MP of RGB
    data = _png(mode, (1000, 1000))
    if accepted:
        assert images.clean_photo(data, max_bytes=10**8, min_long_side=100).width == 1000
    else:
        with pytest.raises(images.PhotoRejected) as refusal:
            images.clean_photo(data, max_bytes=10**8, min_long_side=100)
        assert "pixels" in str(refusal.value.message)


def test_the_refusal_says_the_limit_in_french(monkeypatch):
    monkeypatch.setattr(images, "MAX_DECODED_BYTES", 16_000_000)  # 2 MP with transparency
    with pytest.raises(images.PhotoRejected) as refusal:
        images.clean_photo(_png("RGBA", (1500, 1500)), max_bytes=10**8, min_long_side=100)
    message = " ".join(str(refusal.value.message).replace("\xa0", " ").replace("\u202f", " ").split())
    assert message == "Cette image compte trop de pixels pour être traitée (2 millions au plus)."


@pytest.mark.parametrize(("size", "expected"), [
    ((1000, 800), (500, 400)),  # twice the longest side: halved
    ((1000, 300), (500, 150)),
    ((900, 600), (450, 300)),  # a little over: halved as well (a whole factor)
    ((500, 400), (500, 400)),  # within: untouched
    ((1600, 1600), (400, 400)),  # a factor of 4 (3.2 rounded up)
])
@pytest.mark.parametrize("kind", ["png", "jpeg"])
def test_the_clean_copy_is_reduced_to_the_master_size(monkeypatch, size, expected, kind):
    monkeypatch.setattr(images, "MASTER_LONG_SIDE", 500)
    data = _png("RGBA", size) if kind == "png" else _jpeg(size)
    clean = images.clean_photo(data, max_bytes=10**8, min_long_side=100)
    assert (clean.width, clean.height) == expected
    assert Image.open(io.BytesIO(clean.data)).size == expected
