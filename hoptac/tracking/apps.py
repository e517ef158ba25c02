from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    name = "hoptac.tracking"
    verbose_name = _("Tracking")

    def ready(self) -> None:
        from hoptac.plans.panels import register_plan_panel
        from hoptac.tracking.plan_summary import plan_tracking

        register_plan_panel(template="tracking/_plan_tracking.html", context=plan_tracking)
