"""Office documents (DOCX, ODT) made into PDF, for reading on a phone:
DOCX through mammoth, ODT through odfpy's odf2xhtml, each into HTML that
WeasyPrint lays out on A5 pages in DejaVu Sans.

Both formats are ZIP archives: before anything reads one, its directory is
checked against a memory bound (the declared uncompressed sizes in total
and per entry, the number of entries and the compression ratio), so a zip
bomb is refused without being inflated; Python's zipfile then never
inflates an entry beyond its declared size (it fails on the CRC). Nothing
is fetched while rendering: WeasyPrint may only read `data:` URLs (the
images of the document, inlined), never the network nor local files."""
import base64
import io
import mimetypes
import re
import zipfile
from html import escape

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 80 * 1024 * 1024
MAX_ENTRIES = 2000
MAX_RATIO = 200  # a text document compresses well; 200:1 is already extreme
CONVERTIBLE = {"docx", "odt"}
PAGE_CSS = """
@page { size: A5; margin: 12mm 10mm 14mm; @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; } }
html { font-family: "DejaVu Sans", sans-serif; font-size: 10.5pt; line-height: 1.45; }
img { max-width: 100%; height: auto; }
table { border-collapse: collapse; max-width: 100%; }
td, th { border: 0.5pt solid #888; padding: 2pt 4pt; vertical-align: top; }
"""
ODF_IMAGE = re.compile(r'src="(Pictures/[^"]+)"')


class ConversionError(Exception):
    """The file cannot be converted; the message is French, for the agent."""


TOO_BIG = gettext_lazy("The file is too large to be converted to PDF.")


def check_archive(data):
    """Opens `data` as a ZIP after checking its directory against the bound."""
    if len(data) > MAX_FILE_BYTES:
        raise ConversionError(TOO_BIG)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise ConversionError(_("The file is damaged or is not an office document.")) from error
    entries = archive.infolist()
    total = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_ENTRIES or total > MAX_UNCOMPRESSED_BYTES:
        raise ConversionError(TOO_BIG)
    if any(entry.file_size > MAX_RATIO * max(entry.compress_size, 1) for entry in entries):
        raise ConversionError(TOO_BIG)
    return archive


def _docx_body(data):
    import mammoth

    return mammoth.convert_to_html(io.BytesIO(data)).value


def _odt_body(data, archive):
    from odf.odf2xhtml import ODF2XHTML

    body = ODF2XHTML(generate_css=False, embedable=True).odf2xhtml(io.BytesIO(data))

    def inline(match):
        name = match.group(1)
        try:
            content = archive.read(name)
        except KeyError:
            return 'src=""'
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return f'src="data:{kind};base64,{base64.b64encode(content).decode()}"'

    return ODF_IMAGE.sub(inline, body)


def to_pdf(data, extension, title):
    """The PDF bytes of a DOCX or ODT file; ConversionError otherwise."""
    import weasyprint
    from weasyprint.urls import URLFetcher

    extension = extension.lower().lstrip(".")
    if extension not in CONVERTIBLE:
        raise ConversionError(_("Only DOCX and ODT files are converted to PDF."))
    archive = check_archive(data)
    try:
        body = _docx_body(data) if extension == "docx" else _odt_body(data, archive)
    except ConversionError:
        raise
    except Exception as error:  # a malformed document fails inside the reader, in its own way
        raise ConversionError(_("The file is damaged or is not an office document.")) from error
    html = (f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"<style>{PAGE_CSS}</style></head><body>{body}</body></html>")
    fetcher = URLFetcher(allowed_protocols={"data"})
    return weasyprint.HTML(string=html, url_fetcher=fetcher, base_url=None).write_pdf()
