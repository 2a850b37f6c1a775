from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ElectionsConfig(AppConfig):
    name = "extensions.elections"
    label = "elections"
    verbose_name = _("Elections")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .roles import ensure_election_office

        # The group's permissions exist only once this app has migrated.
        post_migrate.connect(ensure_election_office, sender=self)
