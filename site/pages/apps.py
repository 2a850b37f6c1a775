from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    label = "pages"
    verbose_name = _("Editorial pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .roles import ensure_roles

        # Permissions only exist once every app has migrated, hence
        # post_migrate rather than a data migration.
        post_migrate.connect(ensure_roles, sender=self)
