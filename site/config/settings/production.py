"""Production: every secret and address comes from the environment; HTTPS,
secure cookies, hashed and compressed static files served by whitenoise."""
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import env, env_bool, env_list

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment.")
# The public address of the admin and of e-mailed links, and a source of the
# CSP: without it they would name the development server.
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL")
if not WAGTAILADMIN_BASE_URL:
    raise ImproperlyConfigured("WAGTAILADMIN_BASE_URL must be set in the environment (e.g. https://www.commune.fr).")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# Background work (extraction, indexing, convocations) is queued in the
# database and run by `manage.py db_worker` (docs/deployment.md).
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

# Media on an S3-compatible object store when a bucket is named (several web
# servers); credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY,
# read by boto3 itself. The bucket stays private: documents are streamed by
# the permission-checked view, images get signed URLs.
if env("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}  # noqa: F405
    AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL")
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME")
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True
    AWS_QUERYSTRING_EXPIRE = int(env("AWS_QUERYSTRING_EXPIRE", str(24 * 3600)))
    AWS_S3_FILE_OVERWRITE = False
    # Private files (core.storage) in their own bucket, or under their own
    # prefix of the media bucket: private ACL and no URL, so they only leave
    # through the views that check the rights.
    STORAGES["private"] = {  # noqa: F405
        "BACKEND": "core.s3.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_PRIVATE_BUCKET_NAME") or AWS_STORAGE_BUCKET_NAME,
            "location": env("AWS_PRIVATE_LOCATION", "private"),
        },
    }

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
# Connections kept between requests (a new one per request costs more than
# a small page), checked before re-use.
DATABASES["default"]["CONN_MAX_AGE"] = int(env("DB_CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
