"""The notification centre, notification preferences and one-click unsubscribe."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from home import links, unsubscribe
from home.forms import PreferencesForm
from home.models import Notification
from home.notify import kind as get_kind
from home.redirects import safe_next

PER_PAGE = 20


@login_required
def notification_list(request):
    notifications = Notification.objects.filter(recipient=request.user).order_by(
        "-created_at", "-pk"
    )
    paginator = Paginator(notifications, PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "home/notifications.html",
        {
            "page_obj": page_obj,
            "notifications": page_obj.object_list,
        },
    )


@login_required
@require_POST
def notification_read(request, pk: int):
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return redirect(safe_next(request, "notifications:list"))


@login_required
@require_POST
def notification_read_all(request):
    count = Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if count:
        messages.success(request, _("All your notifications are marked as read."))
    return redirect(safe_next(request, "notifications:list"))


@login_required
def notification_open(request, pk: int):
    """Follow a notification's link, marking it read on the way."""
    notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    target = notification.link
    if not target.startswith(links.origin() + "/"):
        return redirect("notifications:list")
    return HttpResponseRedirect(target[len(links.origin()) :])


@login_required
def preferences(request):
    form = PreferencesForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your notification preferences are saved."))
        return redirect("notifications:preferences")
    return render(request, "home/notification_preferences.html", {"form": form})


def _subscription_or_none(token: str):
    try:
        subscription = unsubscribe.read_token(token)
    except unsubscribe.BadToken:
        return None, None
    user = None
    if subscription.user_id is not None:
        user = get_user_model().objects.filter(pk=subscription.user_id, is_active=True).first()
        if user is None:
            return None, None
    if not subscription.is_digest:
        try:
            if get_kind(subscription.kind).essential:
                return None, None
        except ImproperlyConfigured:  # a kind that no longer exists
            return None, None
    return subscription, user


def _what(subscription) -> str:
    if subscription.is_digest:
        return _("the daily digest") if subscription.period == "daily" else _("the weekly digest")
    return str(get_kind(subscription.kind).label)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token: str):
    """GET asks; POST stops the emails (also RFC 8058 one-click from mail programs).

    Works without signing in: the signed token is the proof. Nothing changes on GET, so
    link scanners that fetch every URL in an email unsubscribe nobody.
    """
    subscription, user = _subscription_or_none(token)
    if subscription is None:
        return render(request, "home/unsubscribe_invalid.html", status=400)
    context = {"token": token, "what": _what(subscription), "signed_in_as_other": False}
    if request.method == "GET":
        return render(request, "home/unsubscribe.html", context)
    previous = unsubscribe.apply(subscription, user=user)
    if request.POST.get("List-Unsubscribe") == "One-Click":
        return HttpResponse(status=200, content_type="text/plain")
    context.update(done=True, undo=unsubscribe.sign_previous({"t": token, "p": previous}))
    return render(request, "home/unsubscribe.html", context)


@csrf_exempt
@require_POST
def unsubscribe_undo(request, token: str):
    subscription, user = _subscription_or_none(token)
    if subscription is None:
        return render(request, "home/unsubscribe_invalid.html", status=400)
    try:
        signed = unsubscribe.read_previous(request.POST.get("undo", ""))
    except unsubscribe.BadToken:
        return render(request, "home/unsubscribe_invalid.html", status=400)
    if signed.get("t") != token:
        return render(request, "home/unsubscribe_invalid.html", status=400)
    unsubscribe.undo(subscription, signed.get("p") or {}, user=user)
    return render(
        request,
        "home/unsubscribe.html",
        {"token": token, "what": _what(subscription), "undone": True},
    )
