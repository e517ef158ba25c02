"""`make demo` and local work: DEBUG, e-mail printed to the console, SQLite in WAL mode (from base)."""

from config.settings.base import *  # noqa: F403

DEBUG = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
