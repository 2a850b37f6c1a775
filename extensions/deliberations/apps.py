from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class DeliberationsConfig(AppConfig):
    name = "extensions.deliberations"
    label = "deliberations"
    verbose_name = _("Deliberations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connects the guard on published files; registers acts with the
        # search; tells meetings which items failed for want of quorum and that
        # the séance is opened and closed in the console.
        from django.urls import reverse

        from extensions.meetings.workflow import register_quorum_record, register_seance_console

        from . import searchables, signals  # noqa: F401
        from .roles import ensure_deliberation_roles
        from .seance import items_without_quorum

        register_quorum_record(items_without_quorum)
        register_seance_console(lambda meeting: reverse("deliberations:console", args=[meeting.pk]))

        post_migrate.connect(ensure_deliberation_roles, sender=self)
