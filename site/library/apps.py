from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "library"
    label = "library"
    verbose_name = _("Document library")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import permissions, signals  # noqa: F401  (signals connects the receivers)

        permissions.register()
