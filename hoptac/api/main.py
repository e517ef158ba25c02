from ninja import NinjaAPI

from hoptac.api.auth import TokenAuth
from hoptac.api.errors import install_error_handlers
from hoptac.calendars.api import router as calendars_router
from hoptac.orgs.api import router as orgs_router
from hoptac.plans.api import router as plans_router
from hoptac.reminders.api import router as reminders_router
from hoptac.tracking.api import router as tracking_router

api = NinjaAPI(
    title="hoptac API",
    version="1",
    description="Organisations, plans, activities and import of the cooperative alliances' plans.",
    auth=TokenAuth(),
    urls_namespace="api",
)
install_error_handlers(api)
api.add_router("/organisations", orgs_router)
api.add_router("/", plans_router)
api.add_router("/tracking", tracking_router)
api.add_router("/reminders", reminders_router)
api.add_router("/calendars", calendars_router)
