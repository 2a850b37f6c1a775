from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "extensions.meetings"
    label = "meetings"
    verbose_name = _("Meetings")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Connects the receivers; registers meetings with the search and
        # answers commissions' upcoming_meetings() and « Mes espaces ».
        from . import providers, reading_copies, searchables, signals  # noqa: F401
        from .roles import ensure_meeting_roles

        post_migrate.connect(ensure_meeting_roles, sender=self)
