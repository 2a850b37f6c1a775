"""The production layer: health check, anonymous page cache, security
headers, login throttling, private file hand-off and the worker's recovery."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "extensions.operations"
    label = "operations"
    verbose_name = _("Operations")

    def ready(self):
        from . import page_cache, throttling  # noqa: F401 - connects their signal handlers
