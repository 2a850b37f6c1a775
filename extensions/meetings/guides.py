"""The guides of docs/guides/ (French, one per role: the agent prepares
and convenes, the élu receives, answers, gives a pouvoir), served as
pages of the site so that everyone, staff or élu, reads them where they
work: /seances/guides/<name>/, linked from the admin's help menu and from
« Mes espaces ». Markdown rendered by markdown-it-py without raw HTML;
the screenshots (docs/guides/images/, written by the browser tests under
GUIDES_SCREENSHOTS=1, `make guides`) and the links between guides are
pointed at their addresses here."""
import re

from django.conf import settings
from django.http import FileResponse, Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from markdown_it import MarkdownIt

GUIDES = settings.ROOT_DIR / "docs" / "guides"
NAME = re.compile(r"^[a-z0-9-]+$")
IMAGE = re.compile(r"^[a-z0-9-]+\.png$")


def available():
    """[(name, title)] of the guides, by name."""
    return [(path.stem, title_of(path.read_text(encoding="utf-8"))) for path in sorted(GUIDES.glob("*.md"))
            if NAME.match(path.stem) and path.stem != "README"]


def title_of(text):
    match = re.search(r"^# (.+)$", text, re.MULTILINE)
    return match.group(1).strip() if match else ""


def render(text):
    """The guide's HTML, its images and links to other guides pointed at
    their addresses on this site."""
    markdown = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens = markdown.parse(text)
    for token in tokens:
        for child in token.children or []:
            if child.type == "image" and str(child.attrGet("src")).startswith("images/"):
                child.attrSet("src", reverse("meetings:guide_image", args=[child.attrGet("src")[len("images/"):]]))
            if child.type == "link_open" and re.match(r"^[a-z0-9-]+\.md$", str(child.attrGet("href"))):
                child.attrSet("href", reverse("meetings:guide", args=[child.attrGet("href")[:-len(".md")]]))
    return markdown.renderer.render(tokens, markdown.options, {})


def guide(request, name):
    path = GUIDES / f"{name}.md"
    if not NAME.match(name) or not path.is_file():
        raise Http404
    text = path.read_text(encoding="utf-8")
    return TemplateResponse(request, "meetings/guide.html", {"title": title_of(text), "body": render(text)})


def guide_image(request, name):
    path = GUIDES / "images" / name
    if not IMAGE.match(name) or not path.is_file():
        raise Http404
    return FileResponse(path.open("rb"), content_type="image/png")
