"""Test run: fast hasher, in-memory e-mail and cache, immediate tasks, media in
a throw-away folder. DATABASE_URL picks PostgreSQL; SQLite otherwise."""
import tempfile
from pathlib import Path

from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = "test-only-key-parvis"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="parvis-test-media-"))
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="parvis-test-private-"))
ALLOWED_HOSTS = ["*"]
WAGTAILADMIN_BASE_URL = "http://testserver"
# Pages are not cached unless a test asks (tests/operations): other tests
# change content through the ORM, which no publish signal announces.
PAGE_CACHE_SECONDS = 0
# High enough for the fuzz; tests/api/test_throttling.py sets its own.
API_THROTTLE_RATES = {"anon": "10000/minute", "user": "10000/minute"}
