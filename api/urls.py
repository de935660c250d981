"""``/api/v1/``: ninja's URLs, each wrapped by ``api.http.gate``; anything else under
``/api/`` answers a JSON 404."""

from django.urls import path, re_path

from api.api import api
from api.errors import api_error
from api.http import error_response, gate


def _wrap(patterns):
    for pattern in patterns:
        pattern.callback = gate(pattern.callback)
    return patterns


@gate
def not_found(request, *args, **kwargs):
    return error_response(api_error("not_found"))


patterns, _app, namespace = api.urls
urlpatterns = [
    path("v1/", (_wrap(patterns), "api", namespace)),
    re_path(r"^.*$", not_found, name="api_not_found"),
]
