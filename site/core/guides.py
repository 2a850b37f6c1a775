"""The French guides of docs/guides/ (one per role: Markdown with its
screenshots in docs/guides/images/), shown on the site at /aide/<guide>/ so
that a screen can link to the one that explains it. The Markdown is the
project's own, rendered by markdown-it-py with raw HTML off; a guide or an
image is looked up among the files of the folder, never from a path built
out of the address."""
import re
from functools import cache

from django.conf import settings
from django.http import FileResponse, Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

IMAGE_NAME = re.compile(r"[a-z0-9-]+\.png")


def guides_dir():
    return settings.ROOT_DIR / "docs" / "guides"


def guide_path(slug):
    found = {file.stem: file for file in guides_dir().glob("*.md")}
    if slug not in found:
        raise Http404
    return found[slug]


@cache
def _renderer():
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def guide(request, slug):
    text = guide_path(slug).read_text(encoding="utf-8")
    title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), slug)
    return TemplateResponse(request, "core/guide.html", {
        "title": title, "body": mark_safe(_renderer().render(text)),  # raw HTML is off: only Markdown's own tags
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
