"""Every refusal the API gives, declared once (see ``home.errors``). Answered as JSON:
``{"code": ..., "detail": <message in the request's language>}``."""

from django.utils.translation import gettext_lazy as _

from home.errors import ServiceError


class ApiError(ServiceError):
    messages = {
        "bad_cursor": _(
            "This cursor is not valid. Use the “next” link of a previous page, or leave "
            "the cursor out to start from the first page."
        ),
        "bad_filter": _("“%(name)s” is not a value this filter knows: %(value)s."),
        "bad_parameter": _("Some query parameters are not valid: %(names)s."),
        "unknown_lang": _("“%(value)s” is not a language of this site. Use en, fr or es."),
        "not_found": _("Nothing was found at this address."),
        "not_published": _("The results of this edition are not published yet."),
        "method": _("This API only reads: use GET."),
        "no_token": _("This endpoint needs a partner token: send “Authorization: Bearer <token>”."),
        "bad_token": _("This token is not valid, has expired or was revoked."),
        "scope": _("This token may not read this."),
        "not_co_host": _("Your organisation does not co-host this event."),
        "throttled": _("Too many requests. Please wait %(seconds)s seconds and try again."),
    }
    status = 400


STATUS = {
    "not_found": 404,
    "not_published": 404,
    "method": 405,
    "no_token": 401,
    "bad_token": 401,
    "scope": 403,
    "not_co_host": 403,
    "throttled": 429,
}


def api_error(code: str, **params) -> ApiError:
    return ApiError(code, params=params, status=STATUS.get(code, 400))
