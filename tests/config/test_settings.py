"""Settings: French defaults, configuration from the environment, and
production settings that pass Django's deployment checklist."""
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from config.env import email_settings

ROOT = Path(__file__).resolve().parents[2]


def run_python(*args, **env):
    """Python in a fresh interpreter with exactly the environment given (plus
    PATH), so the developer's own variables cannot change the result."""
    clean_env = {"PATH": os.environ.get("PATH", ""), **env}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=clean_env, capture_output=True, text=True, timeout=120, check=False,
    )


def production_setting(expression, **env):
    """`expression` evaluated on config.settings.production (as `s`), the
    module imported alone: no Django set-up, so it is quick."""
    code = (
        f"import sys; sys.path[:0] = {[str(ROOT / 'site'), str(ROOT)]!r}; "
        f"from config.settings import production as s; print({expression})"
    )
    return run_python("-c", code, **env)


def production_env(**extra):
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "mairie.example.fr",
        "DATABASE_URL": "sqlite:///:memory:",
        "WAGTAILADMIN_BASE_URL": "https://mairie.example.fr",
        **extra,
    }


def test_french_defaults():
    assert settings.LANGUAGE_CODE == "fr"
    assert settings.TIME_ZONE == "Europe/Paris"
    assert settings.USE_TZ and settings.USE_I18N


def test_documents_are_served_through_the_checking_view():
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"


def test_production_passes_check_deploy():
    result = run_python("manage.py", "check", "--deploy", "--fail-level", "WARNING", **production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    result = production_setting("s.DEBUG", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_its_public_address():
    env = production_env()
    del env["WAGTAILADMIN_BASE_URL"]
    result = production_setting("s.DEBUG", **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured: WAGTAILADMIN_BASE_URL" in result.stderr
    result = production_setting("s.WAGTAILADMIN_BASE_URL", **production_env())
    assert result.stdout.strip() == "https://mairie.example.fr"


def test_database_url_is_read():
    result = production_setting(
        "s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'], s.DATABASES['default']['HOST']",
        **production_env(DATABASE_URL="postgres://parvis:secret@db.example.fr:5432/parvis_prod"),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "parvis_prod", "db.example.fr"]


def test_allowed_hosts_are_read():
    env = production_env(ALLOWED_HOSTS="mairie.example.fr, www.mairie.example.fr")
    result = production_setting("*s.ALLOWED_HOSTS", **env)
    assert result.stdout.split() == ["mairie.example.fr", "www.mairie.example.fr"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp+tls://mairie%40example.fr:p%40ss@smtp.example.fr", {
            "EMAIL_HOST": "smtp.example.fr", "EMAIL_PORT": 587, "EMAIL_USE_TLS": True,
            "EMAIL_HOST_USER": "mairie@example.fr", "EMAIL_HOST_PASSWORD": "p@ss"}),
        ("smtps://smtp.example.fr:2465", {"EMAIL_PORT": 2465, "EMAIL_USE_SSL": True}),
        ("console://", {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}),
    ],
)
def test_email_url_is_read(monkeypatch, url, expected):
    monkeypatch.setenv("EMAIL_URL", url)
    assert email_settings().items() >= expected.items()


def test_email_url_with_unknown_scheme_is_refused(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "carrier-pigeon://roof")
    with pytest.raises(ImproperlyConfigured):
        email_settings()


def test_production_queues_tasks_for_the_database_worker():
    result = production_setting("s.TASKS['default']['BACKEND']", **production_env())
    assert result.stdout.strip() == "django_tasks_db.DatabaseBackend"


def test_redis_url_selects_the_redis_cache():
    result = production_setting("s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION']",
                                **production_env(REDIS_URL="redis://cache.interne:6379/1"))
    assert result.stdout.split() == ["django.core.cache.backends.redis.RedisCache", "redis://cache.interne:6379/1"]
    alone = production_setting("s.CACHES['default']['BACKEND']", **production_env())
    assert alone.stdout.strip() == "django.core.cache.backends.locmem.LocMemCache"


def test_a_bucket_puts_media_on_the_object_store():
    env = production_env(AWS_STORAGE_BUCKET_NAME="parvis-media", AWS_S3_ENDPOINT_URL="https://s3.example.fr")
    result = production_setting("s.STORAGES['default']['BACKEND'], s.AWS_S3_ENDPOINT_URL, s.AWS_QUERYSTRING_AUTH", **env)
    assert result.stdout.split() == ["storages.backends.s3.S3Storage", "https://s3.example.fr", "True"]


@pytest.mark.parametrize("own_bucket", [None, "parvis-prive"])
def test_a_bucket_puts_private_files_in_a_private_location(own_bucket):
    extra = {"AWS_PRIVATE_BUCKET_NAME": own_bucket} if own_bucket else {}
    env = production_env(AWS_STORAGE_BUCKET_NAME="parvis-media", **extra)
    result = production_setting("s.STORAGES['private']['BACKEND'], *s.STORAGES['private']['OPTIONS'].values()", **env)
    assert result.stdout.split() == ["core.s3.PrivateS3Storage", own_bucket or "parvis-media", "private"]
    alone = production_setting("s.STORAGES['private']['BACKEND']", **production_env())
    assert alone.stdout.strip() == "core.storage.PrivateFileSystemStorage"


def test_x_accel_redirect_maps_the_private_folders():
    env = production_env(X_ACCEL_REDIRECT="1", MEDIA_ROOT="/srv/parvis/media", PRIVATE_MEDIA_ROOT="/srv/parvis/private")
    result = production_setting("sorted(s.ACCEL_REDIRECT_LOCATIONS.items())", **env)
    assert result.stdout.strip() == (
        "[('/srv/parvis/media', '/_protected/media/'), ('/srv/parvis/private', '/_protected/private/')]"
    )


def test_sessions_expire_and_passwords_have_a_policy():
    assert settings.SESSION_COOKIE_AGE == 8 * 3600 and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    validators = {v["NAME"].rsplit(".", 1)[1] for v in settings.AUTH_PASSWORD_VALIDATORS}
    assert {"MinimumLengthValidator", "CommonPasswordValidator", "UserAttributeSimilarityValidator"} <= validators
