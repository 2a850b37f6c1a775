from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommissionsConfig(AppConfig):
    name = "extensions.commissions"
    label = "commissions"
    verbose_name = _("Private spaces")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connects the receivers; registers publications with the search.
        from . import searchables, signals  # noqa: F401
