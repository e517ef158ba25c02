"""The one API answer ninja does not give as JSON: a method an address does not take (405)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

METHOD_NOT_ALLOWED = "This address does not take the %(method)s method: /api/docs lists what it takes."


def api_errors_as_json(get_response: Callable[[HttpRequest], HttpResponse]):
    """Turn ninja's plain-text 405 under /api/ into the API's JSON error, keeping its Allow header."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if (
            response.status_code == 405
            and request.path.startswith("/api/")
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            answer = JsonResponse({"detail": METHOD_NOT_ALLOWED % {"method": request.method}}, status=405)
            if response.has_header("Allow"):
                answer["Allow"] = response["Allow"]
            return answer
        return response

    return middleware
