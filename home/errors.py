"""One way to fail: every refused write raises a ``ServiceError``.

A service that refuses something a person asked for raises a subclass of
:class:`ServiceError` with a stable ``code`` (tests and logs match on it) and a
translated ``message`` ready to show. Views never build their own refusal text: they let
the error reach the kernel's handling (see ``home.views`` and ``home.middleware``), or
attach ``error.message`` to the form they are showing.

Each app declares its errors once, in ``<app>/errors.py``::

    class RegistrationError(ServiceError):
        messages = {
            "closed": _("Registration for this event is closed."),
            ...
        }

    raise RegistrationError("closed")
"""

from django.utils.translation import gettext_lazy as _


class ServiceError(Exception):
    """A write was refused; ``code`` says why, ``message`` tells the person.

    Subclasses set ``messages`` (code → lazy message) and may set ``status``, the HTTP
    status a page refusing the action answers with (400 by default; 403 for
    permission, 409 for a state that changed under the person).
    """

    #: code → translated message, for the codes this error family knows.
    messages: dict = {}
    #: The message when a code is not in ``messages``.
    default_message = _("This could not be done. Please try again.")
    #: The HTTP status of a page that shows this refusal.
    status = 400

    def __init__(self, code: str, message=None, *, params: dict | None = None, status=None):
        self.code = code
        self._message = message
        self.params = params or {}
        if status is not None:
            self.status = status
        super().__init__(code)

    @property
    def message(self) -> str:
        """The refusal in the active language, with its parameters filled in."""
        text = self._message if self._message is not None else self.messages.get(self.code)
        text = str(text if text is not None else self.default_message)
        return text % self.params if self.params else text

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class NotAllowed(ServiceError):
    """The person may not do this (checked by a ``permissions.py`` predicate)."""

    status = 403
    default_message = _("You are not allowed to do this.")


def return_to(request, fallback: str) -> None:
    """Where a refused POST in this request sends the person back to when it posted no
    safe ``next``: a URL or a URL name (``resolve_url``).

    Without it the kernel uses the page the form was on (the ``Referer``, when it is on
    this site), then the home page. See ``home.middleware.ServiceErrorMiddleware``.
    """
    from django.shortcuts import resolve_url

    request.service_error_return_to = resolve_url(fallback)


class TextTooLong(ServiceError):
    """A text is longer than its limit. Nothing is ever cut to fit (issue 11)."""

    messages = {
        "too_long": _(
            "This text has %(length)s characters; the limit is %(limit)s. Please shorten it: "
            "nothing has been cut."
        ),
    }


def check_length(text: str | None, limit: int) -> str:
    """``text`` unchanged, or ``TextTooLong`` when it is over ``limit`` characters.

    Services use it where they used to slice (``text[:limit]``): forms state the limit
    first, and a caller that skips them is refused rather than silently cut.
    """
    text = text or ""
    if len(text) > limit:
        raise TextTooLong("too_long", params={"length": len(text), "limit": limit})
    return text
