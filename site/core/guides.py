"""The French guides of docs/guides/ (one per role: the agent prepares and
convenes, the élu receives and answers, the secretary holds the séance),
Markdown with their screenshots in docs/guides/images/ (rewritten by the
browser tests under GUIDES_SCREENSHOTS=1, `make guides`). Shown on the site
at /aide/<guide>/, so that every screen, the admin's help menu and « Mes
espaces » link to the one that explains it.

The Markdown is the project's own, rendered by markdown-it-py with raw
HTML off; links between guides (« autre.md ») point to their pages. A guide
or an image is looked up among the files of the folder, never from a path
built out of the address."""
import re
from functools import cache

from django.conf import settings
from django.http import FileResponse, Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

IMAGE_NAME = re.compile(r"[a-z0-9-]+\.png")
GUIDE_LINK = re.compile(r"([a-z0-9-]+)\.md")


def guides_dir():
    return settings.ROOT_DIR / "docs" / "guides"


def _guides():
    return {file.stem: file for file in guides_dir().glob("*.md") if file.stem != "README"}


def guide_path(slug):
    found = _guides()
    if slug not in found:
        raise Http404
    return found[slug]


def title_of(text, default=""):
    return next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), default)


def available():
    """[(slug, title)] of the guides, by slug (the admin's help menu)."""
    return [(slug, title_of(file.read_text(encoding="utf-8"), slug)) for slug, file in sorted(_guides().items())]


@cache
def _markdown():
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def render(text):
    """The guide's HTML (raw HTML is off: only Markdown's own tags); a link
    to another guide's file goes to that guide's page."""
    markdown = _markdown()
    tokens = markdown.parse(text)
    for token in tokens:
        for child in token.children or []:
            match = GUIDE_LINK.fullmatch(str(child.attrGet("href") or "")) if child.type == "link_open" else None
            if match:
                child.attrSet("href", reverse("core:guide", args=[match.group(1)]))
    return markdown.renderer.render(tokens, markdown.options, {})


def guide(request, slug):
    text = guide_path(slug).read_text(encoding="utf-8")
    return TemplateResponse(request, "core/guide.html", {
        "title": title_of(text, slug), "body": mark_safe(render(text)),
    })


def guide_image(request, slug, name):
    guide_path(slug)
    image = guides_dir() / "images" / name
    if not IMAGE_NAME.fullmatch(name) or not image.is_file():
        raise Http404
    return FileResponse(image.open("rb"), content_type="image/png")


app_name = "core"
urlpatterns = [
    path("<slug:slug>/", guide, name="guide"),
    path("<slug:slug>/images/<str:name>", guide_image, name="guide_image"),
]
