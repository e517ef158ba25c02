"""Errors become 4xx with a message, once for the whole API: bad input never gets a 500. Every error
is JSON `{"detail": ...}` in every settings profile: an unexpected exception too (logged with its
traceback, answered with a 500 that names nothing of it), and an address under /api/ that no endpoint
has (`not_found`, routed in config/urls.py)."""

import json
import logging
import re
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Router, Schema
from ninja.errors import ValidationError

from hoptac.core.errors import HoptacError

logger = logging.getLogger("hoptac.api")

SERVER_ERROR = (
    "The server could not answer this request: the error was logged. Try again later; if it goes on, "
    "tell the system administrator the time of the request."
)
NO_SUCH_ENDPOINT = "No endpoint at this address: /api/docs lists them."

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
NAMES_A_ROW = re.compile(r'"\w+_id"')


class Error(Schema):
    """Every error of the API, whatever its status."""

    detail: str | list[dict[str, Any]] = Field(
        description="What went wrong, for a person; a 422 lists each invalid input (`loc`, `msg`, `type`)."
    )


def document_errors(router: Router) -> None:
    """Add to each operation of `router` the error answers it can give, all with the `Error` schema:
    401 without a valid token; 422 when it takes input; 404 and 403 when its path or its body names a
    row by id (not found, or not this user's); 400 and 403 for a write (a refused change). A 409 stays
    where the endpoint declares it (an edit conflict). Called once per router, before the API's URLs."""
    for path_view in router.path_operations.values():
        for operation in path_view.operations:
            statuses = set(operation.response_models)
            sources = {model.__ninja_param_source__ for model in operation.models}
            names_a_row = "path" in sources or any(
                NAMES_A_ROW.search(json.dumps(model.model_json_schema()))
                for model in operation.models
                if model.__ninja_param_source__ == "body"
            )
            statuses.add(401)
            if sources:
                statuses.add(422)
            if names_a_row:
                statuses |= {403, 404}
            if WRITES & set(operation.methods):
                statuses |= {400, 403}
            for status in statuses:
                if status >= 400:
                    operation.response_models[status] = operation._create_response_model(Error)


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(HoptacError)
    def hoptac_error(request, error):
        return api.create_response(request, {"detail": str(error)}, status=400)

    @api.exception_handler(PermissionDenied)
    def denied(request, error):
        return api.create_response(request, {"detail": _("You are not allowed to do this.")}, status=403)

    @api.exception_handler(Http404)
    def not_found(request, error):
        return api.create_response(request, {"detail": _("Not found.")}, status=404)

    @api.exception_handler(DjangoValidationError)
    def refused(request, error):
        return api.create_response(request, {"detail": " ".join(error.messages)}, status=400)

    @api.exception_handler(ValidationError)
    def invalid(request, error):
        return api.create_response(request, {"detail": error.errors}, status=422)

    @api.exception_handler(Exception)
    def unexpected(request, error):
        # ninja's own handler re-raises when DEBUG is off, and Django then answers with the HTML page.
        logger.error("API error on %s %s", request.method, request.get_full_path(), exc_info=error)
        return api.create_response(request, {"detail": SERVER_ERROR}, status=500)


def not_found(request: HttpRequest) -> JsonResponse:
    """An /api/ address that no endpoint has: JSON like every other API error, not the HTML page."""
    return JsonResponse({"detail": NO_SUCH_ENDPOINT}, status=404)
