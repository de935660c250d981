"""``notify()``: the one entry point for everything a person is told.

Every app declares the kinds of notification it sends in ``<app>/notifications.py``::

    from home.notify import Kind, register

    register(
        Kind("events.confirmation", _("Your registration is confirmed"), essential=True),
        Kind("events.reminder", _("Reminders before an event")),
    )

and tells somebody with ``notify(recipient, "events.reminder", context={...}, link=page)``.

``notify()`` resolves the recipient's language once (their preferred language, else the
site default), renders the subject and text in it with absolute links in that language
(``home.links``, from ``SITE_URL``), then, in one transaction, writes the in-app
notification and, if the member wants this kind by email at once, the outbox row. Kinds the
member gets in a digest wait for ``home.digests``; "on the site only" writes no email.
Non-essential emails carry one-click unsubscribe (RFC 8058) for their kind.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.template import Context
from django.template.loader import get_template
from django.utils import translation

from home import links, outbox
from home.models import Delivery, EmailSuppression, Notification, NotificationPreference

# ---------------------------------------------------------------------------
# Kinds
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """One kind of notification, declared by the app that sends it.

    ``essential`` kinds (account security, receipts for what the person just did) always
    go by email at once and carry no unsubscribe; every other kind follows the member's
    preference, starting from ``default``. ``in_app`` kinds also appear in the
    notification centre. ``template`` is the base of ``<base>_subject.txt`` and
    ``<base>.txt`` (by default ``emails/<app>/<name>``).
    """

    key: str
    label: Any
    default: str = Delivery.IMMEDIATE
    essential: bool = False
    in_app: bool = True
    template: str = ""
    #: Who receives it, for grouping on the preferences page: "member" or "staff".
    audience: str = "member"
    #: Shown on the preferences page (the digest email itself is not: it follows the
    #: kinds it gathers).
    listed: bool = True
    #: The body template is ``<template><text_suffix>`` (allauth's are ``_message.txt``).
    text_suffix: str = ".txt"

    @property
    def app(self) -> str:
        return self.key.split(".", 1)[0]

    @property
    def template_base(self) -> str:
        if self.template:
            return self.template
        app, name = self.key.split(".", 1)
        return f"emails/{app}/{name}"


_KINDS: dict[str, Kind] = {}


def register(*kinds: Kind) -> None:
    """Declare kinds (from ``<app>/notifications.py``). Declaring a key twice is an error."""
    for kind in kinds:
        existing = _KINDS.get(kind.key)
        if existing is not None and existing != kind:
            raise ImproperlyConfigured(f"Notification kind {kind.key!r} is declared twice.")
        if kind.default not in Delivery.values:
            raise ImproperlyConfigured(f"{kind.key}: unknown default {kind.default!r}.")
        _KINDS[kind.key] = kind


def kind(key: str) -> Kind:
    try:
        return _KINDS[key]
    except KeyError:
        raise ImproperlyConfigured(
            f"Unknown notification kind {key!r}: declare it in <app>/notifications.py."
        ) from None


def kinds() -> list[Kind]:
    """Every declared kind, grouped by app in declaration order."""
    return list(_KINDS.values())


# ---------------------------------------------------------------------------
# Recipients and their language
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Address:
    """An email address to tell something, for people without an account (a nominee
    named by email) or an account's other address (confirming a new address)."""

    email: str
    language: str = ""
    name: str = ""
    user: Any = None


def language_for(recipient) -> str:
    """The one rule for the language a person is told things in: their preferred
    language, else the site's default language."""
    code = ""
    if isinstance(recipient, Address):
        code = recipient.language or (
            getattr(recipient.user, "preferred_language", "") if recipient.user else ""
        )
    elif recipient is not None:
        code = getattr(recipient, "preferred_language", "") or ""
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def delivery_for(user, kind_: Kind) -> str:
    """How ``user`` wants ``kind_``: their preference, else the kind's default."""
    if kind_.essential:
        return Delivery.IMMEDIATE
    if user is None:
        return Delivery.IMMEDIATE
    chosen = (
        NotificationPreference.objects.filter(user=user, kind=kind_.key)
        .values_list("delivery", flat=True)
        .first()
    )
    return chosen or kind_.default


def _resolve_link(link, language: str) -> str:
    if link is None or link == "":
        return ""
    if callable(link):
        link = link(language)
    if hasattr(link, "get_url_parts"):  # a Wagtail page
        return links.page_url(link, language)
    if isinstance(link, tuple):
        viewname, *args = link
        return links.url(viewname, language=language, args=args)
    return links.absolute(str(link))


# ---------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------


def render_text(template_name: str, context: dict) -> str:
    """A plain-text template, without HTML escaping (these are not HTML)."""
    template = get_template(template_name)
    return template.template.render(Context(context, autoescape=False))


def render(kind_: Kind, context: dict, language: str) -> tuple[str, str]:
    """The subject and plain-text body of ``kind_`` in ``language``."""
    with translation.override(language):
        subject = render_text(f"{kind_.template_base}_subject.txt", context)
        subject = " ".join(subject.split())
        text = render_text(f"{kind_.template_base}{kind_.text_suffix}", context)
        text = text.strip() + "\n"
        footer = render_text("emails/_footer.txt", context).strip()
    if footer:
        text += "\n-- \n" + footer + "\n"
    return subject, text


def _base_context(recipient, kind_: Kind, language: str, href: str, period: str) -> dict:
    from home import unsubscribe

    user = recipient.user if isinstance(recipient, Address) else recipient
    name = (
        recipient.name
        if isinstance(recipient, Address) and recipient.name
        else (user.get_full_name() if user is not None else "")
    )
    context = {
        "site_url": links.origin(),
        "site_name": settings.WAGTAIL_SITE_NAME,
        "language": language,
        "link": href,
        "recipient_name": name,
        "essential": kind_.essential,
        "kind_label": kind_.label,
    }
    if not kind_.essential:
        context["unsubscribe_url"] = unsubscribe.url_for(
            recipient,
            kind_.key,
            language,
            period=period if kind_.key == unsubscribe.DIGEST else "",
        )
        if user is not None:
            context["preferences_url"] = links.url("notifications:preferences", language=language)
    return context


# ---------------------------------------------------------------------------
# notify()
# ---------------------------------------------------------------------------


def notify(
    recipient,
    kind_key: str,
    *,
    context: dict | Callable[[str], dict],
    link=None,
    dedupe_key: str | None = None,
    attachments: list[dict] | None = None,
):
    """Tell ``recipient`` (a member, or an :class:`Address`) something of kind ``kind_key``.

    ``context`` is a dict, or a callable taking the language code and returning one
    (for values that depend on the language: a translated page, a localised date).
    ``link`` is where the notification leads: a Wagtail page (its translation in the
    recipient's language when live), ``("url-name", *args)``, a path, or a callable
    taking the language. With ``dedupe_key`` a second call with the same key does
    nothing. Returns the in-app ``Notification``, or the ``OutboxEmail`` for a recipient
    without one, or None when nothing was written.
    """
    kind_ = kind(kind_key)
    user = recipient.user if isinstance(recipient, Address) else recipient
    email = recipient.email if recipient is not None else ""
    if user is not None and not user.is_active:
        return None
    language = language_for(recipient)
    delivery = delivery_for(user, kind_)
    with translation.override(language):
        href = _resolve_link(link, language)
        extra = context(language) if callable(context) else dict(context or {})
        base = _base_context(recipient, kind_, language, href, extra.get("period", ""))
        full_context = {**base, **extra}
    subject, text = render(kind_, full_context, language)

    with transaction.atomic():
        notification = None
        if user is not None and kind_.in_app:
            try:
                with transaction.atomic():
                    notification = Notification.objects.create(
                        recipient=user,
                        kind=kind_.key,
                        title=subject[:300],
                        link=href,
                        language=language,
                        digest=delivery if delivery in (Delivery.DAILY, Delivery.WEEKLY) else "",
                        dedupe_key=dedupe_key,
                    )
            except IntegrityError:
                if dedupe_key and Notification.objects.filter(dedupe_key=dedupe_key).exists():
                    return None
                raise
        sent = None
        if delivery == Delivery.IMMEDIATE and email and not _suppressed(recipient, kind_):
            sent = outbox.enqueue(
                to=email,
                subject=subject,
                body_text=text,
                language=language,
                attachments=attachments,
                reason=kind_.key,
                dedupe_key=dedupe_key,
                headers=_list_headers(full_context),
            )
    return notification or sent


# ---------------------------------------------------------------------------
# Rendered at delivery
# ---------------------------------------------------------------------------

_RENDERERS: dict[str, Callable[..., dict | None]] = {}


def renderer(name: str):
    """Declare the function that builds a delivery-time email (see ``notify_at_delivery``).

    It is called as ``fn(kind_key=..., **params)`` and returns ``{"recipient", "context",
    "link", "attachments"}`` as ``notify()`` takes them, or None when what the email was
    about is gone.
    """

    def decorator(fn):
        _RENDERERS[name] = fn
        return fn

    return decorator


def notify_at_delivery(
    user, kind_key: str, *, renderer: str, params: dict, dedupe_key: str, new_key: bool = False
):
    """``notify()`` for an essential email whose rendering can wait for its delivery.

    Only the intent is written (the outbox row: recipient, language, kind, dedupe key,
    the renderer and its ``params``), in the caller's transaction; the subject, text,
    attachments and the in-app notification are made by ``render_intent()`` when the
    outbox delivers the row. Hot paths (a registration holding an event's lock) use it
    so that rendering stays out of their transaction. Essential kinds only: they ignore
    preferences and digests, so whether an email is due is known now. The caller may
    change the row's ``reason`` (its kind) and ``dedupe_key`` before commit; with
    ``new_key`` it vouches that ``dedupe_key`` names something created in this
    transaction (no savepoint then).
    """
    kind_ = kind(kind_key)
    if not kind_.essential:
        raise ImproperlyConfigured(f"{kind_key}: only essential kinds are rendered at delivery.")
    if renderer not in _RENDERERS:
        raise ImproperlyConfigured(f"Unknown delivery-time renderer {renderer!r}.")
    if user is None or not user.is_active or not user.email:
        return None
    return outbox.enqueue(
        to=user.email,
        subject="",
        body_text="",
        language=language_for(user),
        reason=kind_key,
        dedupe_key=dedupe_key,
        intent={"renderer": renderer, "params": params},
        new_key=new_key,
    )


def render_intent(email) -> bool:
    """Render an outbox row written by ``notify_at_delivery`` (the caller has it locked and
    saves it): the same subject, text and attachments ``notify()`` would have written,
    and the in-app notification. False when the renderer finds nothing to say."""
    kind_ = kind(email.reason)
    intent = email.intent
    built = _RENDERERS[intent["renderer"]](kind_key=kind_.key, **intent.get("params", {}))
    if built is None:
        return False
    recipient = built["recipient"]
    user = recipient.user if isinstance(recipient, Address) else recipient
    language = language_for(recipient)
    context = built.get("context") or {}
    with translation.override(language):
        href = _resolve_link(built.get("link"), language)
        extra = context(language) if callable(context) else dict(context)
        base = _base_context(recipient, kind_, language, href, "")
        full_context = {**base, **extra}
    subject, text = render(kind_, full_context, language)
    if user is not None and kind_.in_app:
        try:
            with transaction.atomic():
                Notification.objects.create(
                    recipient=user,
                    kind=kind_.key,
                    title=subject[:300],
                    link=href,
                    language=language,
                    dedupe_key=email.dedupe_key,
                )
        except IntegrityError:
            pass  # already written (a first rendering whose send failed)
    email.subject = subject[:255]
    email.body_text = text
    email.language = language
    email.attachments = outbox.stored_attachments(built.get("attachments"))
    email.headers = _list_headers(full_context)
    return True


def _suppressed(recipient, kind_: Kind) -> bool:
    if kind_.essential or not isinstance(recipient, Address) or recipient.user is not None:
        return False
    return EmailSuppression.objects.filter(email__iexact=recipient.email, kind=kind_.key).exists()


def _list_headers(context: dict) -> dict:
    url = context.get("unsubscribe_url")
    if not url:
        return {}
    return {
        "List-Unsubscribe": f"<{url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def mark_read(user, *, kinds: list[str], dedupe_prefix: str = "", now=None) -> int:
    """The member saw what these notifications were about (their network page, say; with
    ``dedupe_prefix``, only those whose dedupe key starts with it: one conversation)."""
    return mark_read_each(user, [(kinds, dedupe_prefix)], now=now)


def mark_read_each(user, rules: list[tuple[list[str], str]], *, now=None) -> int:
    """``mark_read`` for several ``(kinds, dedupe_prefix)`` pairs at once, in one UPDATE
    (a thread's replies and its announcement, say)."""
    from django.db.models import Q
    from django.utils import timezone

    matching = Q(pk__in=[])
    for kinds, dedupe_prefix in rules:
        rule = Q(kind__in=kinds)
        if dedupe_prefix:
            rule &= Q(dedupe_key__startswith=dedupe_prefix)
        matching |= rule
    unread = Notification.objects.filter(matching, recipient=user, read_at__isnull=True)
    return unread.update(read_at=now or timezone.now())
