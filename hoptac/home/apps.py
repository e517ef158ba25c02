from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "hoptac.home"
    label = "home"
    verbose_name = _("Public pages")
