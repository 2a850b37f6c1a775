"""The secretary's guide « Tenir la séance », written in Markdown in
docs/guides/ (where the browser test keeps its screenshots fresh) and shown
in the admin, linked from the console."""
import re

from django.conf import settings
from django.urls import reverse
from markdown_it import MarkdownIt

GUIDES = settings.ROOT_DIR / "docs" / "guides"
SEANCE_GUIDE = GUIDES / "secretaire-tenir-la-seance.md"
IMAGE_NAME = re.compile(r"^[a-z0-9-]+\.png$")


def html():
    """The guide as HTML: raw HTML in the Markdown is escaped, images point
    to the admin URL that serves them."""
    text = SEANCE_GUIDE.read_text(encoding="utf-8")
    text = text.replace("](images/", "](" + reverse("deliberations:guide") + "images/")
    return MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table").render(text)


def image_path(name):
    """The screenshot `name`, or None when it is not one (no path escapes)."""
    path = GUIDES / "images" / name
    return path if IMAGE_NAME.match(name) and path.is_file() else None
