"""Per-site themes: each Wagtail Site picks a folder of themes/ in its
settings (pages.SiteIdentity.theme); templates are looked up in that theme
first, then in the default theme, so a theme only overrides what it changes."""
import tomllib
from contextvars import ContextVar
from functools import cache

from django.conf import settings
from django.template.loaders import cached, filesystem

current_theme = ContextVar("current_theme", default=None)


def active_theme():
    return current_theme.get() or settings.DEFAULT_THEME


@cache
def available_themes():
    """(folder, label) of every theme: a folder of themes/ with a theme.toml."""
    themes = []
    for manifest in sorted(settings.THEMES_DIR.glob("*/theme.toml")):
        with manifest.open("rb") as fh:
            label = tomllib.load(fh).get("label", manifest.parent.name)
        themes.append((manifest.parent.name, label))
    return themes


def theme_for_request(request):
    from pages.models import SiteIdentity

    try:
        theme = SiteIdentity.for_request(request).theme
    except SiteIdentity.DoesNotExist:  # no Wagtail site answers this host
        return settings.DEFAULT_THEME
    known = {name for name, _label in available_themes()}
    return theme if theme in known else settings.DEFAULT_THEME


class ThemeMiddleware:
    """Makes the current site's theme the one templates are loaded from."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.theme = theme_for_request(request)
        token = current_theme.set(request.theme)
        try:
            return self.get_response(request)
        finally:
            current_theme.reset(token)


class ThemeLoader(filesystem.Loader):
    def get_dirs(self):
        names = dict.fromkeys([active_theme(), settings.DEFAULT_THEME])
        return [settings.THEMES_DIR / name / "templates" for name in names]


class ThemeCachedLoader(cached.Loader):
    """Django's cached loader, with the theme in the key: the same template
    name resolves to a different file for each theme."""

    def cache_key(self, template_name, skip=None):
        return f"{active_theme()}:{super().cache_key(template_name, skip)}"


def theme_context(request):
    return {"theme": active_theme()}
