"""The search app: one search page over everything Parvis publishes."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "extensions.search"
    # "search" alone would read as Wagtail's own search app.
    label = "parvis_search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import searchables, signals  # noqa: F401 - registers the core types and the handlers
