"""The ASGI application. Production settings unless told otherwise: never DEBUG by accident."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")

application = get_asgi_application()
