"""Thin views: bind input, call a service or selector, render."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from community import actions, sections, selectors, services
from community.directory import theme_names
from community.display import PREVIEW_RELATIONS, ProfileView, can_see_profile
from community.forms import ConnectForm, DeleteAccountForm, ProfileForm
from community.models import Block, ConnectionRequest, Profile, User
from community.selectors import field_visible, relation
from home.errors import return_to
from home.frame import noindex_response
from home.redirects import safe_next
from home.throttle import throttle


def _visible_profile_or_404(request, pk) -> Profile:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    profile = (
        Profile.objects.visible_to(request.user)
        .filter(pk=pk)
        .select_related("user")
        .prefetch_related("themes")
        .first()
    )
    if profile is None:
        raise Http404
    selectors.seen_visible(request.user, profile)
    return profile


def _connect_state(viewer, profile) -> tuple[str, int | None]:
    if not viewer.is_authenticated:
        return "anonymous", None
    if viewer.pk == profile.user_id:
        return "self", None
    if profile.user_id in selectors.connection_ids(viewer):
        return "connected", None
    state = selectors.pending_request_states(viewer).get(profile.user_id)
    return state if state else ("none", None)


@require_GET
@throttle("people")
def profile_detail(request, pk):
    profile = _visible_profile_or_404(request, pk)
    rel = relation(request.user, profile)
    state, request_id = _connect_state(request.user, profile)
    blocked = (
        profile.user_id in selectors.blocked_either_way(request.user)
        and Block.objects.filter(blocker=request.user, blocked=profile.user_id).exists()
    )
    from community.signals import profile_badges

    badges = [
        str(label)
        for _receiver, labels in profile_badges.send(
            sender=Profile, profile=profile, viewer=request.user
        )
        for label in (labels or [])
    ]
    view = ProfileView(profile, rel, theme_names=theme_names())
    response = render(
        request,
        "community/profile_page.html",
        {
            "actions": actions.for_profiles(request.user, [profile])[profile.pk],
            "badges": badges,
            "profile": view,
            "sections": sections.for_profile(request.user, profile),
            "state": state,
            "request_id": request_id,
            "connect_form": ConnectForm(),
            "blocked": blocked,
            "login_url": reverse("account_login") + "?next=" + request.get_full_path(),
        },
    )
    if view.noindex:
        noindex_response(response, "noindex, nofollow")
    return response


@require_GET
def profile_photo(request, pk):
    """The re-encoded photo, only for viewers allowed to see it."""
    profile = _visible_profile_or_404(request, pk)
    if not profile.photo or not field_visible(
        profile, profile.photo_visibility, relation(request.user, profile)
    ):
        raise Http404
    try:
        handle = profile.photo.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(handle, content_type="image/jpeg")
    # Never in shared caches: who may see a photo can change at any moment.
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def profile_edit(request):
    profile = request.user.profile
    if request.method == "POST":
        form = ProfileForm(request.POST, request.FILES, instance=profile, user=request.user)
        if form.is_valid():
            form.save_profile()
            messages.success(request, _("Your profile is saved."))
            return redirect("community:profile_edit")
    else:
        form = ProfileForm(instance=profile, user=request.user)
    return render(
        request,
        "community/profile_edit.html",
        {"form": form, "profile": ProfileView(profile, "self"), "previews": PREVIEW_RELATIONS},
    )


@login_required
@require_GET
def profile_preview(request):
    viewer_kind = request.GET.get("as", "stranger")
    if viewer_kind not in PREVIEW_RELATIONS:
        viewer_kind = "stranger"
    profile = Profile.objects.prefetch_related("themes").get(user=request.user)
    rel = PREVIEW_RELATIONS[viewer_kind]
    return render(
        request,
        "community/profile_preview.html",
        {
            "profile": ProfileView(profile, rel, theme_names=theme_names()),
            "visible": can_see_profile(profile, rel),
            "viewer_kind": viewer_kind,
            "previews": PREVIEW_RELATIONS,
        },
    )


@login_required
@never_cache
def network(request):
    user = request.user
    names = theme_names()
    connected = selectors.connection_ids(user)
    # The connections and the member's own profile (for the suggestions) in one read.
    profiles = list(
        Profile.objects.filter(
            Q(user_id__in=connected, user__is_active=True) & ~Q(visibility=0) | Q(user=user)
        )
        .select_related("user")
        .prefetch_related("themes")
    )
    own = next((p for p in profiles if p.user_id == user.pk), None)
    connections = [
        ProfileView(p, "connection", theme_names=names) for p in profiles if p is not own
    ]
    allowed = actions.for_profiles(user, [view.profile for view in connections])
    for view in connections:
        view.actions = allowed[view.pk]
    # Both directions in one query; the suggestions leave out everyone in it.
    pending = list(
        ConnectionRequest.objects.filter(
            Q(recipient=user) | Q(sender=user), status=ConnectionRequest.Status.PENDING
        ).select_related("sender__profile", "recipient__profile")
    )
    incoming = [r for r in pending if r.recipient_id == user.pk and r.sender.is_active]
    outgoing = [r for r in pending if r.sender_id == user.pk and r.recipient.is_active]
    visible_ids = set(
        Profile.objects.visible_to(user)
        .filter(user_id__in=[r.sender_id for r in incoming] + [r.recipient_id for r in outgoing])
        .values_list("user_id", flat=True)
    )
    blocks = []
    if selectors.blocked_either_way(user):
        blocks = list(Block.objects.filter(blocker=user).select_related("blocked__profile"))
    pending_ids = {pk for r in pending for pk in (r.sender_id, r.recipient_id)}
    suggestions = [
        ProfileView(p, "member", theme_names=names)
        for p in selectors.suggestions(user, pending_ids=pending_ids, own=own)
    ]
    unread = sum(1 for r in incoming if r.seen_at is None)
    response = render(
        request,
        "community/network.html",
        {
            "connections": connections,
            "incoming": incoming,
            "outgoing": outgoing,
            "visible_ids": visible_ids,
            "blocks": blocks,
            "suggestions": suggestions,
            "unread": unread,
        },
    )
    if unread:  # most visits have nothing new to mark, and write nothing
        services.requests_mark_seen(user=user)
    return response


def _back(request, fallback="community:network"):
    return redirect(safe_next(request, fallback))


def _other_user(request, key="user") -> User:
    try:
        pk = int(request.POST.get(key, ""))
    except ValueError:
        raise Http404 from None
    return get_object_or_404(User, pk=pk)


@login_required
@require_POST
def connect(request):
    form = ConnectForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    profile = _visible_profile_or_404(request, request.POST.get("profile"))
    return_to(request, "community:network")
    outcome, _obj = services.connection_request(
        sender=request.user, recipient=profile.user, note=note
    )
    if outcome == "connected":
        messages.success(
            request, _("You are now connected with %(name)s.") % {"name": profile.display_name}
        )
    else:
        messages.success(request, _("Request sent to %(name)s.") % {"name": profile.display_name})
    return _back(request, fallback="community:network")


def _request_action(service, success_message):
    @login_required
    @require_POST
    def view(request, pk):
        return_to(request, "community:network")
        service(request_id=int(pk), user=request.user)
        messages.success(request, success_message())
        return _back(request)

    return view


accept = _request_action(services.connection_accept, lambda: _("Request accepted."))
decline = _request_action(services.connection_decline, lambda: _("Request declined."))
withdraw = _request_action(services.connection_withdraw, lambda: _("Request withdrawn."))


@login_required
def remove(request):
    """Remove a connection, after a page that says what will happen (no JavaScript)."""
    if request.method == "POST":
        other = _other_user(request)
        services.connection_remove(user=request.user, other=other)
        messages.success(request, _("Connection removed."))
        return _back(request)
    if request.method not in {"GET", "HEAD"}:
        return HttpResponseNotAllowed(["GET", "POST"])
    profile = _profile_in_question(request)
    return render(
        request,
        "community/remove_confirm.html",
        {
            "profile": profile,
            "available": profile.user_id in selectors.connection_ids(request.user),
            "back": safe_next(request, "community:network"),
        },
    )


def _profile_in_question(request) -> Profile:
    """The profile a confirmation page is about (``?user=<id>``), as the member may see it."""
    try:
        other_id = int(request.GET.get("user", ""))
    except ValueError:
        raise Http404 from None
    profile = (
        Profile.objects.visible_to(request.user)
        .filter(user_id=other_id)
        .select_related("user")
        .first()
    )
    if profile is None:
        raise Http404
    selectors.seen_visible(request.user, profile)
    return profile


@login_required
def block(request):
    """Block a member, after a page that says what will happen (no JavaScript)."""
    if request.method == "POST":
        other = _other_user(request)
        return_to(request, "community:network")
        services.block_member(blocker=request.user, blocked=other)
        messages.success(request, _("Blocked. This member can no longer see you or contact you."))
        return redirect("community:network")
    if request.method not in {"GET", "HEAD"}:
        return HttpResponseNotAllowed(["GET", "POST"])
    profile = _profile_in_question(request)
    return render(
        request,
        "community/block_confirm.html",
        {
            "profile": profile,
            "available": profile.user_id != request.user.pk,
            "connected": profile.user_id in selectors.connection_ids(request.user),
            "back": safe_next(request, "community:network"),
        },
    )


@login_required
@require_POST
def unblock(request):
    other = _other_user(request)
    services.unblock_member(blocker=request.user, blocked_id=other.pk)
    messages.success(request, _("Unblocked."))
    return redirect("community:network")


@login_required
def account(request):
    return render(request, "community/account.html", {"profile": request.user.profile})


@login_required
@require_GET
def account_data(request):
    data = selectors.member_data(request.user)
    body = json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    stamp = timezone.now().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="my-data-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def account_delete(request):
    if request.method == "POST":
        form = DeleteAccountForm(request.POST, user=request.user)
        if form.is_valid():
            user = request.user
            logout(request)
            services.account_delete(user=user)
            messages.success(request, _("Your account and profile have been deleted."))
            return redirect("/")
    else:
        form = DeleteAccountForm(user=request.user)
    return render(request, "community/account_delete.html", {"form": form})
