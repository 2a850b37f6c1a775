"""Settings shared by every environment. Values that differ between machines
come from the environment (see config.env); the layers dev, test and
production only change what they must."""
from datetime import timedelta
from pathlib import Path

import dj_database_url

from config.env import email_settings, env, env_bool, env_list
from extensions.search.backend_settings import search_backends

ROOT_DIR = Path(__file__).resolve().parents[3]
SITE_DIR = ROOT_DIR / "site"
THEMES_DIR = ROOT_DIR / "themes"
DEFAULT_THEME = "commune"

SECRET_KEY = env("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,.localhost")

INSTALLED_APPS = [
    # Our apps first; the shared core below everything, library before pages
    # (pages use its images/documents).
    "core",
    "library",
    "pages",
    "extensions.commissions",
    "extensions.search",
    "extensions.participation",
    "extensions.meetings",
    "extensions.operations",
    "extensions.deliberations",
    "extensions.api",
    "extensions.elections",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.search_promotions",
    # Not mounted: installed for Wagtail's API tokens admin (Settings ›
    # API tokens), which extensions.api authenticates with.
    "wagtail.api.v3",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    # The database task backend (production's queue, run by `manage.py db_worker`).
    "django_tasks_db",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Login throttling at the authentication layer (core.authentication).
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "extensions.operations.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Turns axes' lockout of a sign-in into its 429 page.
    "axes.middleware.AxesMiddleware",
    # Before the theme: a cached page needs no site or theme look-up.
    "extensions.operations.page_cache.AnonymousPageCacheMiddleware",
    "config.themes.ThemeMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

# Templates are looked up in the current site's theme first (config.themes),
# then in the default theme, then in the apps (Wagtail's admin, etc.).
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": False,
        "OPTIONS": {
            "loaders": [
                (
                    "config.themes.ThemeCachedLoader",
                    ["config.themes.ThemeLoader", "django.template.loaders.app_directories.Loader"],
                )
            ],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "config.themes.theme_context",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{ROOT_DIR / 'db.sqlite3'}",
        conn_max_age=int(env("DB_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [ROOT_DIR / "locale"]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = False

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
# Each theme ships its static files under themes/<name>/static/<name>/.
STATICFILES_DIRS = sorted(p for p in THEMES_DIR.glob("*/static") if p.is_dir())
STATIC_ROOT = Path(env("STATIC_ROOT", str(ROOT_DIR / "static")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(ROOT_DIR / "media")))
MEDIA_URL = "/media/"
# Files no URL may serve (contest photos awaiting moderation or rejected):
# outside MEDIA_ROOT, read only by permission-checked views.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(ROOT_DIR / "var" / "private-media")))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Files no URL may serve (core.storage): PRIVATE_MEDIA_ROOT here, a
    # private S3 location in production when media are on an object store.
    "private": {"BACKEND": "core.storage.PrivateFileSystemStorage"},
}

# Redis when REDIS_URL is set (shared by several web servers: page cache,
# rate limits), local memory of each process otherwise.
CACHES = {"default": (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("REDIS_URL")}
    if env("REDIS_URL") else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
)}
# Anonymous visitors' pages (extensions/operations/page_cache.py): seconds an
# entry lives at most (0 turns the cache off), and the models whose changes
# public listings show without a page being published.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "300"))
PAGE_CACHE_FLUSHED_BY = [
    "library.ArchiveDocument", "library.PublicImage", "pages.SiteIdentity", "pages.Navigation",
    "library.Theme", "participation.Entry", "wagtailcore.Site",
]

globals().update(email_settings())
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Parvis <ne-pas-repondre@parvis.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_PERMISSIONS = 0o640

# A session ends after SESSION_COOKIE_AGE seconds (8 hours: a working day or
# a council night), whatever the activity, and when the browser closes.
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Password guessing (core/authentication.py): django-axes checks every
# authenticate() call first, whatever the view. Failures are counted per
# (account as resolved from what was typed, client address); past the limit
# the sign-in answers 429 (French page), even with the right password,
# until AXES_COOLOFF_TIME after the last failure. Wagtail's password forms of pages
# and documents use the same limit and cool-off.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "core.authentication.throttled_username"
AXES_CLIENT_IP_CALLABLE = "core.clients.client_address"
AXES_LOCKOUT_CALLABLE = "core.authentication.lockout_response"
AXES_RESET_ON_SUCCESS = True
# Failures are kept until their cool-off ends; successful sign-ins are not
# recorded (no register of who signed in from where that we do not need).
AXES_DISABLE_ACCESS_LOG = True
# Behind a reverse proxy, the request.META key of the header holding the
# visitor's address (HTTP_X_REAL_IP for nginx's X-Real-IP); unset: the
# connection's address. The one rule of core/clients.py: sign-ins, public
# forms, the API.
CLIENT_IP_HEADER = env("CLIENT_IP_HEADER", "")
# An RFC 3161 time stamp authority (core.timestamps) and its root
# certificates (PEM file): each convocation's manifest is stamped, the
# answer verified before it is stored.
TIMESTAMP_AUTHORITY_URL = env("TIMESTAMP_AUTHORITY_URL", "")
TIMESTAMP_AUTHORITY_ROOTS = env("TIMESTAMP_AUTHORITY_ROOTS", "")

# Security headers (extensions/operations/headers.py). The themes load
# every script and style from files: no 'unsafe-inline' on the public
# site. Videos embedded from these providers may be framed.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"] + env_list("CSP_MEDIA_HOSTS"),
    "frame-src": ["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com",
                  "https://www.dailymotion.com", "https://peertube.fr"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# The Wagtail admin runs inline scripts and styles, and previews pages in
# frames of its own.
ADMIN_URL_PREFIX = "/admin/"
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"] + env_list("CSP_MEDIA_HOSTS"),
    "frame-src": ["'self'"] + CONTENT_SECURITY_POLICY["frame-src"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'self'"],
}
PERMISSIONS_POLICY_DENIED = ["camera", "microphone", "geolocation", "payment", "usb", "interest-cohort"]
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Private files (documents, contest photos) leave through
# extensions/operations/sendfile.py after the view's permission check; with
# X_ACCEL_REDIRECT=1 nginx sends the bytes from these internal locations.
SENDFILE_BACKEND = "extensions.operations.sendfile"
ACCEL_REDIRECT_LOCATIONS = (
    {str(MEDIA_ROOT): "/_protected/media/", str(PRIVATE_MEDIA_ROOT): "/_protected/private/"}
    if env_bool("X_ACCEL_REDIRECT") else {}
)

# Élus and agents sign in on the front end (extensions.commissions), not in
# the admin; Wagtail's restricted pages send them there too.
LOGIN_URL = "/connexion/"
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL

# Wagtail
WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", "Parvis")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The admin's password reset e-mail built by core.mail, like every other.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "core.password_reset.AdminPasswordResetForm"
# No avatar from gravatar.com: the admin would send a hash of each staff
# address to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILIMAGES_IMAGE_MODEL = "library.PublicImage"
WAGTAILDOCS_DOCUMENT_MODEL = "library.ArchiveDocument"
# Documents always go through Wagtail's view, which checks collection view
# restrictions; a direct media URL would bypass them.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odp", "ods", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
# Search: the database (SQLite FTS5, PostgreSQL) unless SEARCH_URL names an
# OpenSearch node or ELASTICSEARCH_URL an Elasticsearch one (see
# extensions/search/backend_settings.py); French analysis on all of them.
WAGTAILSEARCH_BACKENDS = search_backends(
    env("SEARCH_URL", ""), env("ELASTICSEARCH_URL", ""), env("SEARCH_INDEX_PREFIX", "parvis_")
)
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"

# Background tasks run at once inside the request unless TASKS_BACKEND names
# another backend; production queues them in the database
# (django_tasks_db.DatabaseBackend, run by `manage.py db_worker`).
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")}}

# The API (extensions/api): read-only, permission-aware through the apps'
# privacy functions; sessions (with CSRF) and hashed personal tokens.
REST_FRAMEWORK = {
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    # The token first: its "WWW-Authenticate: Bearer" makes refusals 401s.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "extensions.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    # JSON only: the documentation page (/api/v1/docs/) is the place to try
    # the API in a browser.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PAGINATION_CLASS": "extensions.api.pagination.ApiPagination",
    "DEFAULT_THROTTLE_CLASSES": [
        "extensions.api.throttling.AnonymousThrottle",
        "extensions.api.throttling.PersonThrottle",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
# Requests per client address (anon) or per person (user), counted in the cache.
API_THROTTLE_RATES = {
    "anon": env("API_THROTTLE_ANON", "120/minute"),
    "user": env("API_THROTTLE_USER", "600/minute"),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Parvis API",
    "DESCRIPTION": "Données publiques de la collectivité et, selon les droits de la personne authentifiée, "
                   "ses espaces privés. Lecture seule.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "PREPROCESSING_HOOKS": ["extensions.api.schema.only_this_api"],
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "extensions.api.schema.document_answers"],
    "ENUM_NAME_OVERRIDES": {
        "DocumentKindEnum": "library.models.ArchiveDocument.Kind",
        "InstanceKindEnum": "extensions.meetings.models.Instance.Kind",
        "ScrutinKindEnum": "extensions.elections.models.Scrutin.Kind",
    },
    # Swagger UI from this site's static files (no CDN).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # WeasyPrint logs each step of every PDF at INFO; its warnings remain.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}

DEMO_PASSWORD = "parvis-demo"
