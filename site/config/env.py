"""Reads Parvis' configuration from environment variables (12-factor)."""
import os
from urllib.parse import unquote, urlparse

from django.core.exceptions import ImproperlyConfigured


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "oui"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def email_settings():
    """Django EMAIL_* settings from EMAIL_URL (smtp://, smtp+tls://, smtps://,
    console://) or from the individual EMAIL_* variables."""
    url = env("EMAIL_URL")
    if not url:
        return {
            "EMAIL_HOST": env("EMAIL_HOST", "localhost"),
            "EMAIL_PORT": int(env("EMAIL_PORT", "25")),
            "EMAIL_HOST_USER": env("EMAIL_HOST_USER", ""),
            "EMAIL_HOST_PASSWORD": env("EMAIL_HOST_PASSWORD", ""),
            "EMAIL_USE_TLS": env_bool("EMAIL_USE_TLS"),
            "EMAIL_USE_SSL": env_bool("EMAIL_USE_SSL"),
        }
    parsed = urlparse(url)
    if parsed.scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if parsed.scheme not in {"smtp", "smtp+tls", "smtps"}:
        raise ImproperlyConfigured(f"EMAIL_URL: unknown scheme {parsed.scheme!r}")
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parsed.hostname or "localhost",
        "EMAIL_PORT": parsed.port or {"smtps": 465, "smtp+tls": 587}.get(parsed.scheme, 25),
        "EMAIL_HOST_USER": unquote(parsed.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parsed.password or ""),
        "EMAIL_USE_TLS": parsed.scheme == "smtp+tls",
        "EMAIL_USE_SSL": parsed.scheme == "smtps",
    }
