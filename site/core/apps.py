from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    label = "core"
    verbose_name = _("Shared core")

    def ready(self):
        from . import timestamps  # noqa: F401  (registers its deploy check)
