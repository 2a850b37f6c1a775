from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "extensions.api"
    label = "api"
    verbose_name = _("API and open data")
    default_auto_field = "django.db.models.BigAutoField"
