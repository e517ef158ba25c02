from ninja import NinjaAPI

from hoptac.api.auth import TokenAuth
from hoptac.api.errors import install_error_handlers
from hoptac.orgs.api import router as orgs_router
from hoptac.plans.api import router as plans_router

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
