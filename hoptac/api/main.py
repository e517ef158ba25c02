from ninja import NinjaAPI

from hoptac.api.auth import TokenAuth
from hoptac.api.errors import document_errors, install_error_handlers
from hoptac.api.parser import NoNullParser
from hoptac.calendars.api import router as calendars_router
from hoptac.orgs.api import router as orgs_router
from hoptac.plans import (
    authoring_api,  # noqa: F401 (adds the writes to the plans router: same paths)
    import_api,  # noqa: F401 (adds import of documents to the plans router)
)
from hoptac.plans.api import router as plans_router
from hoptac.plans.batch_api import router as batch_router
from hoptac.reminders.api import router as reminders_router
from hoptac.tracking.api import router as tracking_router
from hoptac.tracking.cascade_api import router as cascade_router
from hoptac.tracking.sheet_api import router as sheet_router

api = NinjaAPI(
    title="hoptac API",
    version="1",
    description="Organisations, plans, activities and import of the cooperative alliances' plans.",
    auth=TokenAuth(),
    urls_namespace="api",
    parser=NoNullParser(),
)
install_error_handlers(api)
for prefix, router in [
    ("/organisations", orgs_router),
    ("/", batch_router),
    ("/", plans_router),
    ("/tracking", tracking_router),
    ("/tracking", cascade_router),
    ("/tracking", sheet_router),
    ("/reminders", reminders_router),
    ("/calendars", calendars_router),
]:
    document_errors(router)
    api.add_router(prefix, router)
