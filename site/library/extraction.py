"""Text extraction from the files of the document library (PDF, ODF, DOCX,
RTF, TXT, HTML), so that search can find words that only appear inside a
file. Pure functions over bytes: the task and the command wrap them."""
import io
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from xml.etree import ElementTree

from django.utils.translation import gettext as _
from striprtf.striprtf import rtf_to_text

MAX_CHARS = 2_000_000  # a pathological file must not fill the database


class ExtractionError(Exception):
    """The file has no extractable text; the message says why, in French."""


def extract_text(data, filename, ocr=False):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    extractor = EXTRACTORS.get(extension)
    if extractor is None:
        raise ExtractionError(_("Unsupported file format (.%(ext)s).") % {"ext": extension})
    text = extractor(data, ocr) if extension == "pdf" else extractor(data)
    text = normalise(text)
    if not text:
        raise ExtractionError(_("The file contains no text (a scan without OCR?)."))
    return text[:MAX_CHARS]


def normalise(text):
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    return re.sub(r"\n\s*\n+", "\n\n", text).strip()


def from_pdf(data, ocr=False):
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ExtractionError(_("The PDF is encrypted with a password.")) from exc
        raise ExtractionError(_("The PDF file is damaged or not a PDF.")) from exc
    try:
        pages = [page.get_textpage().get_text_bounded() for page in pdf]
        if ocr and not "".join(pages).strip():
            pages = [ocr_page(page) for page in pdf]
        return "\n\n".join(pages)
    finally:
        pdf.close()


def ocr_page(page):
    """French OCR of one PDF page with Debian's tesseract, when installed."""
    if not shutil.which("tesseract"):
        raise ExtractionError(_("The PDF is a scan and tesseract (OCR) is not installed."))
    image = page.render(scale=300 / 72).to_pil()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    result = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", "fra"],
        input=buffer.getvalue(),
        capture_output=True,
        timeout=120,
        check=False,
    )
    if result.returncode != 0:
        raise ExtractionError(_("OCR failed: %(error)s") % {"error": result.stderr.decode(errors="replace")[:200]})
    return result.stdout.decode("utf-8", errors="replace")


def _open_zip(data, kind):
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ExtractionError(_("The %(kind)s file is damaged.") % {"kind": kind}) from exc


def _zipped_xml_paragraphs(data, kind, member, paragraph_tags):
    """Text of a zipped XML document (ODF, DOCX), one line per paragraph."""
    archive = _open_zip(data, kind)
    try:
        content = archive.read(member)
    except KeyError as exc:
        raise ExtractionError(_("The %(kind)s file has no content.") % {"kind": kind}) from exc
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError as exc:
        raise ExtractionError(_("The %(kind)s file is damaged.") % {"kind": kind}) from exc
    return "\n".join("".join(node.itertext()) for node in root.iter() if node.tag in paragraph_tags)


ODF_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
WORD = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def from_odf(data):
    return _zipped_xml_paragraphs(data, "OpenDocument", "content.xml", {ODF_TEXT + "p", ODF_TEXT + "h"})


def from_docx(data):
    return _zipped_xml_paragraphs(data, "Word", "word/document.xml", {WORD + "p"})


def _decode(data):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def from_txt(data):
    return _decode(data)


class _HTMLText(HTMLParser):
    SKIP = {"script", "style", "head", "template"}
    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        self.skipping += tag in self.SKIP
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        self.skipping -= tag in self.SKIP and self.skipping > 0

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def from_html(data):
    parser = _HTMLText()
    parser.feed(_decode(data))
    parser.close()
    return "".join(parser.parts)


def from_rtf(data):
    """RTF text by striprtf: control words dropped, and the destinations
    that hold no text (fonts, styles, pictures...); the code page the file
    declares is honoured."""
    text = _decode(data)
    if not text.lstrip().startswith("{\\rtf"):
        raise ExtractionError(_("The file is not a valid RTF document."))
    try:
        return rtf_to_text(text, errors="replace")
    except ValueError as exc:  # e.g. a \uN outside Unicode
        raise ExtractionError(_("The RTF file is damaged.")) from exc


EXTRACTORS = {
    "pdf": from_pdf,
    "odt": from_odf,
    "ods": from_odf,
    "odp": from_odf,
    "docx": from_docx,
    "rtf": from_rtf,
    "txt": from_txt,
    "csv": from_txt,
    "html": from_html,
    "htm": from_html,
}
