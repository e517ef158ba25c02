"""pytest: a fast password hasher and e-mail kept in memory."""

import tempfile
from pathlib import Path

from config.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Tests log in many times with wrong passwords on purpose; the lockout has tests of its own.
AXES_ENABLED = False
# Uploaded originals go to a throwaway folder, never into var/ of the checkout.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="hoptac-media-"))
