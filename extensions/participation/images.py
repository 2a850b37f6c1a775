"""Contest photos come from strangers, so every upload is treated as
hostile. The file is identified from its bytes (JPEG, PNG, WebP, HEIC),
its structure walked to refuse truncated files and files carrying something
else (polyglots), decoded with an explicit format list under a pixel
budget, turned upright, and re-encoded as a fresh JPEG without any metadata
(EXIF, GPS, XMP, comments, text chunks) before anything is stored. Public
renditions are made from that clean copy, never from the upload."""
import io
import math
import re
import warnings
from dataclasses import dataclass

import pillow_heif
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps

pillow_heif.register_heif_opener()

# A 48-megapixel phone photo fits; a decompression bomb does not.
MAX_PIXELS = 60_000_000
# What decoding one upload may take: 50 MP of RGB (a 48 MP phone photo
# fits); an image with transparency, which takes 8 bytes a pixel while it
# is reduced, gets 18 MP. A JPEG counts at the scale draft() decodes it.
# Measured: cleaning the largest accepted PNG peaks under 400 MB
# (tests/benchmarks/test_participation_gallery.py).
MAX_DECODED_BYTES = 150_000_000
# The clean copy's longest side at most (a 48 MP phone photo keeps 4,032
# pixels): more than the largest rendition and a print of the winners
# need. Reducing to it as early as the format allows bounds the memory of
# cleaning one upload (tests/benchmarks/test_participation_gallery.py).
MASTER_LONG_SIDE = 4096
MASTER_QUALITY = 90
RENDITION_WIDTHS = (480, 960, 1600)
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
PADDING = frozenset(b"\x00\xff\r\n\t ")
# Active content has no business in a photo's metadata.
FOREIGN = re.compile(
    rb"<\?php|<script|<html|<svg|<iframe|<object|<embed|<body|<!doctype|%PDF-|PK\x03\x04", re.IGNORECASE
)

NOT_ACCEPTED = _("This file is not a photo in an accepted format: send a JPEG, PNG, WebP or HEIC file.")
BROKEN = _("This photo could not be read: the file is damaged or incomplete. Export it again and retry.")
FOREIGN_CONTENT = _(
    "This file contains something other than a photo (for example a hidden file, a web page, or the "
    "video of a “live photo”). Export it as a plain photo and retry."
)
TOO_MANY_PIXELS = _("This image has too many pixels to be processed (at most %(max)s million).")


class PhotoRejected(ValueError):
    """A refused upload; `message` is what the author reads."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class Truncated(ValueError):
    pass


@dataclass
class CleanPhoto:
    data: bytes
    width: int
    height: int


def sniff(data):
    """The format of `data` from its first bytes, or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    if data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS:
        return "HEIF"
    return None


def _jpeg(data, pos=0):
    """(end, metadata) of the JPEG starting at `pos`: markers are walked
    segment by segment, entropy-coded data skipped up to the next marker."""
    if data[pos:pos + 2] != b"\xff\xd8":
        raise Truncated
    pos, size, meta = pos + 2, len(data), []
    while True:
        if pos >= size or data[pos] != 0xFF:
            raise Truncated
        while pos < size and data[pos] == 0xFF:  # fill bytes
            pos += 1
        if pos >= size:
            raise Truncated
        marker, pos = data[pos], pos + 1
        if marker == 0xD9:  # end of image
            return pos, meta
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # no length
            continue
        length = int.from_bytes(data[pos:pos + 2], "big")
        if length < 2 or pos + length > size:
            raise Truncated
        if marker != 0xDA:
            meta.append(data[pos + 2:pos + length])
        pos += length
        if marker == 0xDA:
            pos = _skip_entropy_coded(data, pos)


def _skip_entropy_coded(data, pos):
    """Position of the first real marker after a scan's compressed data
    (0xFF00 is an escaped byte, 0xFFD0-D7 restart markers)."""
    while True:
        found = data.find(b"\xff", pos)
        if found < 0 or found + 1 >= len(data):
            raise Truncated
        following = data[found + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            pos = found + 2
        elif following == 0xFF:
            pos = found + 1
        else:
            return found


def _jpeg_with_extra_images(data):
    """Cameras and iPhones append secondary JPEG images (MPF: HDR gain map,
    depth): accept those, nothing else."""
    end, meta = _jpeg(data)
    while data[end:end + 2] == b"\xff\xd8":
        end, more = _jpeg(data, end)
        meta += more
    return end, meta


def _png(data):
    pos, size, meta = 8, len(data), []
    while True:
        if pos + 12 > size:
            raise Truncated
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind, end = data[pos + 4:pos + 8], pos + 12 + length
        if end > size:
            raise Truncated
        if kind not in (b"IDAT", b"fdAT"):
            meta.append(data[pos + 8:pos + 8 + length])
        pos = end
        if kind == b"IEND":
            return pos, meta


def _webp(data):
    end, size, meta = 8 + int.from_bytes(data[4:8], "little"), len(data), []
    if end > size:
        raise Truncated
    pos = 12
    while pos + 8 <= end:
        kind, length = data[pos:pos + 4], int.from_bytes(data[pos + 4:pos + 8], "little")
        if pos + 8 + length > end:
            raise Truncated
        if kind not in (b"VP8 ", b"VP8L", b"ALPH", b"ANMF"):
            meta.append(data[pos + 8:pos + 8 + length])
        pos += 8 + length + (length & 1)
    return end, meta


def _heif(data):
    pos, size, meta = 0, len(data), []
    while pos + 8 <= size:
        length, kind = int.from_bytes(data[pos:pos + 4], "big"), data[pos + 4:pos + 8]
        header = 8
        if length == 1:
            length, header = int.from_bytes(data[pos + 8:pos + 16], "big"), 16
        elif length == 0:
            length = size - pos
        if length < header or pos + length > size:
            raise Truncated
        if kind != b"mdat":
            meta.append(data[pos + header:pos + length])
        pos += length
    return pos, meta


WALKERS = {"JPEG": _jpeg_with_extra_images, "PNG": _png, "WEBP": _webp, "HEIF": _heif}


def check_structure(data, fmt):
    """Refuses truncated files, data after the image, and active content
    hidden in metadata."""
    try:
        end, meta = WALKERS[fmt](data)
    except Truncated as exc:
        raise PhotoRejected(BROKEN) from exc
    if not PADDING.issuperset(data[end:]) or any(FOREIGN.search(chunk) for chunk in meta):
        raise PhotoRejected(FOREIGN_CONTENT)


def _srgb_rgb(img):
    """The picture in sRGB (phone photos are often Display P3), alpha laid
    on white, as a plain RGB image without any of the source's info."""
    icc = img.info.get("icc_profile")
    if icc and img.mode in ("RGB", "RGBA", "CMYK"):
        try:
            img = ImageCms.profileToProfile(
                img, ImageCms.ImageCmsProfile(io.BytesIO(icc)), ImageCms.createProfile("sRGB"),
                outputMode="RGBA" if img.mode == "RGBA" else "RGB",
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: keep the colours as they are
    if img.mode in ("RGBA", "LA", "PA") or "transparency" in img.info:
        rgba = img if img.mode == "RGBA" else img.convert("RGBA")
        # Pasting through the alpha channel composes on white with one RGB
        # copy, where alpha_composite would take three RGBA ones.
        img = Image.new("RGB", rgba.size, "white")
        img.paste(rgba, mask=rgba.getchannel("A"))
        del rgba
    img = img.convert("RGB")
    img.info = {}
    return img


def _decoded_bytes_per_pixel(img):
    """Memory a pixel takes at the peak of _reduced(): decoded, converted
    for the modes reduce() cannot average, and once more for an image with
    transparency, which reduce() premultiplies in a full-size copy."""
    alpha = img.mode in ("RGBA", "LA") or (img.mode == "P" and "transparency" in img.info)
    if img.mode == "P":
        decoded, converted = 1, 4 if alpha else 3
    elif img.mode == "1" or img.mode.startswith("I;16"):
        decoded, converted = (1 if img.mode == "1" else 2), 1
    else:
        decoded, converted = len(img.getbands()) * (4 if img.mode in ("I", "F") else 1), 0
    return decoded + converted + ((converted or decoded) if alpha else 0)


def _reduced(img):
    """`img` loaded and reduced by the smallest whole factor that brings its
    longest side to MASTER_LONG_SIDE or less (so between half of it and
    it), with as few full-size copies as the format allows: a JPEG is
    decoded at that scale by its DCT (draft) when the factor allows it;
    other formats are decoded once, then reduced (a box average that reads
    the full image without copying it)."""
    factor = math.ceil(max(img.size) / MASTER_LONG_SIDE)
    if img.format == "JPEG" and factor >= 2:
        img.draft(None, (img.width // factor, img.height // factor))
    per_pixel = _decoded_bytes_per_pixel(img)
    if img.width * img.height * per_pixel > MAX_DECODED_BYTES:
        raise PhotoRejected(TOO_MANY_PIXELS % {"max": MAX_DECODED_BYTES // per_pixel // 1_000_000})
    img.load()
    # Modes that reduce() cannot average: palette indices, bits, 16 bits.
    if img.mode == "P":
        img = img.convert("RGBA" if "transparency" in img.info else "RGB")
    elif img.mode == "1" or img.mode.startswith("I;16"):
        img = img.convert("L")
    factor = math.ceil(max(img.size) / MASTER_LONG_SIDE)
    return img.reduce(factor) if factor >= 2 else img


def decode(data, fmt, min_long_side):
    """The upright, sRGB picture of a file already identified as `fmt`."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            img = Image.open(io.BytesIO(data), formats=[fmt])
            width, height = img.size
            if width * height > MAX_PIXELS:
                raise PhotoRejected(TOO_MANY_PIXELS % {"max": MAX_PIXELS // 1_000_000})
            if max(width, height) < min_long_side:
                raise PhotoRejected(_(
                    "This photo is too small (%(width)s × %(height)s pixels): its longest side must have "
                    "at least %(min)s pixels."
                ) % {"width": width, "height": height, "min": min_long_side})
            # Rebinding `img` frees the full-size decode before the next steps.
            img = _reduced(img)
            return _srgb_rgb(ImageOps.exif_transpose(img))
        except PhotoRejected:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise PhotoRejected(TOO_MANY_PIXELS % {"max": MAX_PIXELS // 1_000_000}) from exc
        except Exception as exc:
            # Decoders fed hostile bytes fail in many ways (OSError,
            # SyntaxError, struct.error, ValueError...): each one is a
            # file we cannot read, which the author must hear about.
            raise PhotoRejected(BROKEN) from exc


def clean_photo(data, *, max_bytes, min_long_side):
    """A CleanPhoto from uploaded bytes, or PhotoRejected with the reason."""
    if len(data) > max_bytes:
        raise PhotoRejected(_("This file is too large (%(size)s): the limit is %(max)s.") % {
            "size": filesizeformat(len(data)), "max": filesizeformat(max_bytes),
        })
    fmt = sniff(data[:32])
    if fmt is None:
        raise PhotoRejected(NOT_ACCEPTED)
    check_structure(data, fmt)
    img = decode(data, fmt, min_long_side)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=MASTER_QUALITY)
    return CleanPhoto(out.getvalue(), img.width, img.height)


def make_rendition(fileobj, width):
    """JPEG bytes of the clean photo in `fileobj`, at most `width` wide."""
    with Image.open(fileobj, formats=["JPEG"]) as img:
        img.draft("RGB", (width, width * 4))  # cheap DCT downscaling first
        small = img.convert("RGB")
    small.thumbnail((width, width * 4), Image.Resampling.LANCZOS)
    small.info = {}
    out = io.BytesIO()
    small.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue()
