from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    label = "pages"
    verbose_name = _("Editorial pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.signals import post_page_move

        from . import navigation  # noqa: F401 - its cache's invalidation handlers
        from .roles import ensure_roles, grant_new_section, regrant_moved_sections

        # Permissions only exist once every app has migrated, hence
        # post_migrate rather than a data migration.
        post_migrate.connect(ensure_roles, sender=self)
        # Sections created or moved later get their role at once.
        post_save.connect(grant_new_section, dispatch_uid="pages.grant_new_section")
        post_page_move.connect(regrant_moved_sections, dispatch_uid="pages.regrant_moved_sections")
