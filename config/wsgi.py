"""The WSGI application (gunicorn and the like). Production settings unless told otherwise: never DEBUG by accident."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.prod")

application = get_wsgi_application()
