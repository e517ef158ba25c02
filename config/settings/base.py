"""Every setting of hoptac, each read from the environment through `env`; the profiles override a few."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from config.cache_url import caches_from_url, session_engine_for

BASE_DIR = Path(__file__).resolve().parents[2]

_REQUIRED = object()


def env(name, default=_REQUIRED, *, cast=str):
    """The environment variable `name` converted by `cast` (str, int, bool or list), else `default`.

    Without a default a missing variable stops the start with ImproperlyConfigured, naming it.
    >>> env("HOPTAC_EXAMPLE_UNSET", default=["localhost"], cast=list)
    ['localhost']
    """
    raw = os.environ.get(name)
    if raw is None:
        if default is _REQUIRED:
            raise ImproperlyConfigured(f"Set the environment variable {name}: it has no default.")
        return default
    if cast is bool:
        if raw.strip().lower() in {"1", "true", "yes", "on"}:
            return True
        if raw.strip().lower() in {"0", "false", "no", "off", ""}:
            return False
        raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean: use true or false.")
    if cast is list:
        return [item.strip() for item in raw.split(",") if item.strip()]
    try:
        return cast(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a valid {cast.__name__}.") from error


SECRET_KEY = env("SECRET_KEY", default="django-insecure-for-development-only")
DEBUG = env("DEBUG", default=False, cast=bool)
ALLOWED_HOSTS = env("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"], cast=list)
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS", default=[], cast=list)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles, so that runserver serves static files the way production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
    # Its static folder holds Swagger UI: /api/docs then needs no CDN (and no internet).
    "ninja",
    "hoptac.orgs",
    "hoptac.accounts",
    "hoptac.plans",
    "hoptac.tracking",
    "hoptac.reminders",
    "hoptac.calendars",
    "hoptac.home",
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out login before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "hoptac.accounts.backends.UserWithOrganisationBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "accounts:login"
# Five failed logins for one username from one address lock it for 15 minutes (HTTP 429).
AXES_FAILURE_LIMIT = env("AXES_FAILURE_LIMIT", default=5, cast=int)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# A password reset sends an e-mail: at most 5 requests an hour for one address, 20 from one IP.
PASSWORD_RESET_LIMIT_PER_ADDRESS = env("PASSWORD_RESET_LIMIT_PER_ADDRESS", default=5, cast=int)
PASSWORD_RESET_LIMIT_PER_IP = env("PASSWORD_RESET_LIMIT_PER_IP", default=20, cast=int)
PASSWORD_RESET_WINDOW_S = 60 * 60

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "hoptac.api.middleware.api_errors_as_json",
    # Last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

# No inline script, no eval, nothing from another site (docs/adr/0019). Style attributes stay allowed:
# the timeline and the charts size and colour their bars with them; <style> elements do not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Features hoptac never uses, denied to every page and to anything a page could embed.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "hoptac" / "templates"],
        # template_partials replaces APP_DIRS with its own loader around the cached one.
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hoptac.reminders.context_processors.unread_notifications",
            ],
        },
    },
]
# What accounts/backends.py annotates the user row with, in the user's own query, so that a page's
# header spends no query on it: name → dotted path of a function returning the expression. It is how
# other apps add to the row without accounts importing them.
USER_ROW_ANNOTATIONS = {"unread_notifications": "hoptac.reminders.selectors.unread_annotation"}

_SQLITE_DEFAULT = BASE_DIR / "var" / "db.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", default=f"sqlite:///{_SQLITE_DEFAULT}"),
        conn_max_age=env("CONN_MAX_AGE", default=0, cast=int),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets pages read while a write is in progress; IMMEDIATE takes the write lock at BEGIN,
    # so two writers wait for each other instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    if DATABASES["default"]["NAME"] == str(_SQLITE_DEFAULT):
        _SQLITE_DEFAULT.parent.mkdir(exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first: it is the default, English is the second language (docs/adr/0005).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "hoptac" / "static"]
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: a file's first 2.5 MB stay in memory, the rest goes to a temporary file, and nothing past
# UPLOAD_MAX_BYTES is kept at all (hoptac.core.upload_handlers); the form then refuses the file.
UPLOAD_MAX_BYTES = env("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024, cast=int)
# The address links in reminder e-mails start with (hoptac/reminders/services/mail.py).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_HANDLERS = [
    "hoptac.core.upload_handlers.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# The form fields other than files, pasted text included: about a thousand pages of it.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="hoptac@localhost")
# Where django.core.mail.backends.filebased.EmailBackend writes (bench/cluster.py counts its files).
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=None)
# The SMTP relay every host that sends mail uses (web hosts for password resets, workers for reminders).
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env("EMAIL_PORT", default=25, cast=int)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env("EMAIL_USE_TLS", default=False, cast=bool)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # Django logs request errors to the console only with DEBUG; tracebacks must reach the log always.
    "loggers": {"django": {"handlers": ["console"], "level": "INFO", "propagate": False}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# Page fragments: in each process (locmem://, one machine), in Redis (redis://host:port/db, several
# machines) or nowhere (dummy://). config/cache_url.py, docs/adr/0024.
CACHES = caches_from_url(env("CACHE_URL", default="locmem://hoptac"))
# Sessions are read on every page: from Redis first when the processes share it, else from the database.
SESSION_ENGINE = session_engine_for(CACHES)
