from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "extensions.participation"
    label = "participation"
    verbose_name = _("Participation")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import searchables, signals  # noqa: F401  (registers the search type, connects the receivers)
        from .roles import grant_moderation

        # Agents moderate contests (ARCHITECTURE.md); permissions exist only
        # once this app has migrated, hence post_migrate.
        post_migrate.connect(grant_moderation, sender=self)
