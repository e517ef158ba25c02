"""Errors become 4xx with a message, once for the whole API: bad input never gets a 500."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import ValidationError

from hoptac.core.errors import HoptacError


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
