"""The production layer: health check, anonymous page cache, security
headers, private file hand-off and the worker's recovery."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "extensions.operations"
    label = "operations"
    verbose_name = _("Operations")

    def ready(self):
        from . import page_cache  # noqa: F401 - connects its signal handlers
