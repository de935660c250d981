"""A group's page, its members, requests and invitations. Thin: bind a form, call a
service (``spaces.services``), redirect with a message. Access is asked of
``spaces.permissions`` (through ``@space_view``), never decided here."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from community.display import ProfileView
from community.models import Profile
from community.permissions import can_see_hidden_profiles
from community.selectors import connection_ids
from home.errors import return_to
from home.frame import noindex_response
from home.redirects import safe_next
from spaces import discussion_selectors, page_selectors, permissions, resource_selectors, services
from spaces.errors import SpaceError
from spaces.forms import InviteForm, InviteSearchForm, NoteForm
from spaces.models import Kind, Membership
from spaces.views.common import space_view

User = get_user_model()
MEMBERS_PER_PAGE = 30
INVITE_RESULTS = 20


def _render(request, space, template, context, status=200):
    """Render a page of the group; anything but an open or on-request group's pages is
    not for search engines."""
    response = render(request, template, context, status=status)
    if not space.is_public:
        noindex_response(response)
    return response


def _back_to(request, space):
    """Where a refused POST sends the person: the group page, or the list when the group
    no longer exists for them."""
    if permissions.can_view_page(request.user, space):
        return_to(request, space.get_absolute_url())
    else:
        return_to(request, "spaces:index")


# ---------------------------------------------------------------------------
# The group page
# ---------------------------------------------------------------------------
def _panel(viewer, space, membership) -> str:
    """Which action the viewer is offered, as one word the template switches on."""
    if not viewer.is_authenticated:
        return "sign_in"
    state = membership.state if membership else None
    if state == Membership.State.ACTIVE:
        return "leave"
    if state == Membership.State.INVITED:
        return "invited"
    if state == Membership.State.REQUESTED:
        return "requested"
    if space.is_automatic:
        return "automatic"
    if permissions.can_join(viewer, space):
        return "join"
    if permissions.can_request(viewer, space):
        return "request"
    return "closed"


@space_view("page")
def space_page(request, space, frame):
    viewer = request.user
    membership = frame["membership"]
    cohort = None
    if space.kind == Kind.COHORT and space.cohort_id:
        cohort = space.cohort.localized
    context = {
        **frame,
        "tab": "about",
        "panel": _panel(viewer, space, membership),
        "access_label": page_selectors.ACCESS_WORDS.get(space.access, ""),
        "hosts": page_selectors.visible_hosts(space, viewer),
        "member_count": page_selectors.member_count(space, read_with_space=True),
        "threads": discussion_selectors.recent_threads(space, viewer) if frame["can_read"] else [],
        "resources": resource_selectors.resources_for(space, viewer, limit=5)
        if permissions.can_see_resources(viewer, space)
        else [],
        "can_see_resources": permissions.can_see_resources(viewer, space),
        "events": resource_selectors.upcoming_events(space, viewer),
        "cohort": cohort,
        "programme": space.programme.localized if space.programme_id else None,
        "note_form": NoteForm(),
    }
    return _render(request, space, "spaces/space.html", context)


# ---------------------------------------------------------------------------
# Join, ask to join, leave, answer an invitation
# ---------------------------------------------------------------------------
def _require_signed_in(request, space):
    if not request.user.is_authenticated:
        return redirect_to_login(space.get_absolute_url())
    return None


@space_view("page")
def join(request, space, frame):
    if request.method != "POST":
        return redirect(space.get_absolute_url())
    if (refused := _require_signed_in(request, space)) is not None:
        return refused
    _back_to(request, space)
    services.space_join(space=space, member=request.user)
    messages.success(request, _("You joined %(name)s.") % {"name": space.display_name})
    return redirect(safe_next(request, space.get_absolute_url()))


@space_view("page")
def request_to_join(request, space, frame):
    if (refused := _require_signed_in(request, space)) is not None:
        return refused
    membership = frame["membership"]
    if not permissions.can_request(request.user, space) and not (
        membership and membership.state == Membership.State.INVITED
    ):
        messages.info(request, _("You cannot ask to join this group."))
        return redirect(space.get_absolute_url())
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.space_request(space=space, member=request.user, note=form.cleaned_data["note"])
        except SpaceError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _(
                    "Your request to join has been sent to the group's hosts. "
                    "You will be told their answer."
                ),
            )
            return redirect(space.get_absolute_url())
    return _render(
        request,
        space,
        "spaces/request.html",
        {**frame, "tab": "about", "form": form},
        status=400 if form.is_bound else 200,
    )


@space_view("page")
def leave(request, space, frame):
    if (refused := _require_signed_in(request, space)) is not None:
        return refused
    if not permissions.can_leave(request.user, space):
        messages.info(request, _("You are not a member of this group."))
        return redirect(space.get_absolute_url())
    if request.method == "POST":
        _back_to(request, space)
        services.space_leave(space=space, member=request.user)
        messages.success(request, _("You left %(name)s.") % {"name": space.display_name})
        if permissions.can_view_page(request.user, space):
            return redirect(space.get_absolute_url())
        return redirect("spaces:index")
    return _render(request, space, "spaces/leave.html", {**frame, "tab": "about"})


@space_view("page")
def invitation(request, space, frame):
    """POST ``answer=accept|decline``; GET shows the invitation on the group page."""
    if request.method != "POST":
        return redirect(space.get_absolute_url())
    if (refused := _require_signed_in(request, space)) is not None:
        return refused
    answer = request.POST.get("answer")
    if answer not in ("accept", "decline"):
        messages.error(request, _("Choose whether to accept or decline the invitation."))
        return redirect(space.get_absolute_url())
    _back_to(request, space)
    services.invitation_answer(member=request.user, space=space, accept=answer == "accept")
    if answer == "accept":
        messages.success(request, _("You joined %(name)s.") % {"name": space.display_name})
        return redirect(space.get_absolute_url())
    messages.success(request, _("You declined the invitation."))
    if permissions.can_view_page(request.user, space):
        return redirect(space.get_absolute_url())
    return redirect("spaces:index")


# ---------------------------------------------------------------------------
# Members
# ---------------------------------------------------------------------------
def _relations(viewer, profiles) -> dict[int, str]:
    """The viewer's relation to each profile, for the fields' own audiences (one query)."""
    connected = connection_ids(viewer)
    sees_all = can_see_hidden_profiles(viewer)
    result = {}
    for profile in profiles:
        if profile.user_id == viewer.pk:
            result[profile.pk] = "self"
        elif sees_all:
            result[profile.pk] = "staff"
        elif profile.user_id in connected:
            result[profile.pk] = "connection"
        else:
            result[profile.pk] = "member"
    return result


@space_view("read")
def members(request, space, frame):
    viewer = request.user
    profiles = page_selectors.visible_members(space, viewer)
    paginator = Paginator(profiles, MEMBERS_PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    relations = _relations(viewer, page_obj.object_list)
    cards = [
        {
            "profile": ProfileView(profile, relations[profile.pk]),
            "is_host": profile.space_role == Membership.Role.HOST,
            "is_self": profile.user_id == viewer.pk,
        }
        for profile in page_obj.object_list
    ]
    total = page_selectors.member_count(space)
    return _render(
        request,
        space,
        "spaces/members.html",
        {
            **frame,
            "tab": "members",
            "cards": cards,
            "page_obj": page_obj,
            "total": total,
            "unlisted": max(total - paginator.count, 0),
            "is_staff_for": permissions.is_staff_for(viewer, space),
        },
    )


MANAGE_ACTIONS = ("host", "unhost", "remove")


@space_view("host")
def member_manage(request, space, frame, user_id):
    """GET: what will happen, and a button; POST ``action``: do it."""
    viewer = request.user
    profile = page_selectors.visible_members(space, viewer).filter(user_id=user_id).first()
    if profile is None:
        raise Http404
    action = request.POST.get("action") or request.GET.get("action")
    if action not in MANAGE_ACTIONS or profile.user_id == viewer.pk:
        messages.error(request, _("Choose what to do for this member."))
        return redirect("spaces:members", space.slug)
    is_host = profile.space_role == Membership.Role.HOST
    if (action == "host" and is_host) or (action == "unhost" and not is_host):
        messages.info(request, _("Nothing to change."))
        return redirect("spaces:members", space.slug)
    if request.method == "POST":
        return_to(request, reverse("spaces:members", args=[space.slug]))
        member = profile.user
        name = profile.display_name
        if action == "remove":
            services.member_remove(host=viewer, space=space, member=member)
            messages.success(request, _("%(name)s is no longer a member.") % {"name": name})
        else:
            services.host_set(actor=viewer, space=space, member=member, host=action == "host")
            if action == "host":
                messages.success(request, _("%(name)s is now a host.") % {"name": name})
            else:
                messages.success(request, _("%(name)s is no longer a host.") % {"name": name})
        return redirect("spaces:members", space.slug)
    return _render(
        request,
        space,
        "spaces/member_manage.html",
        {**frame, "tab": "members", "profile": profile, "action": action},
    )


# ---------------------------------------------------------------------------
# Requests and invitations (hosts)
# ---------------------------------------------------------------------------
def _invite_candidates(space, host):
    """Profiles the host may see who are neither members nor invited."""
    taken = Membership.objects.filter(
        space=space, state__in=[Membership.State.ACTIVE, Membership.State.INVITED]
    ).values("user")
    return (
        Profile.objects.visible_to(host)
        .filter(user__is_active=True)
        .exclude(user__in=taken)
        .exclude(user=host)
    )


def _pending(space, viewer) -> dict:
    rows = Membership.objects.filter(space=space).select_related("user__profile")
    requested = list(rows.filter(state=Membership.State.REQUESTED).order_by("created_at", "pk"))
    invited = list(
        rows.filter(state=Membership.State.INVITED)
        .select_related("invited_by__profile")
        .order_by("-created_at", "pk")
    )
    people = {r.user_id for r in requested + invited}
    linked = set(
        Profile.objects.visible_to(viewer).filter(user_id__in=people).values_list("pk", flat=True)
    )
    return {"requested": requested, "invited": invited, "linked": linked}


@space_view("host")
def requests(request, space, frame):
    return _render(
        request,
        space,
        "spaces/requests.html",
        {**frame, "tab": "requests", **_pending(space, request.user)},
    )


@space_view("host")
def request_decide(request, space, frame, pk):
    if request.method != "POST":
        return redirect("spaces:requests", space.slug)
    row = (
        Membership.objects.filter(pk=pk, space=space)
        .select_related("space", "user__profile")
        .first()
    )
    if row is None:
        raise Http404
    decision = request.POST.get("decision")
    if decision not in ("approve", "decline"):
        messages.error(request, _("Choose whether to approve or decline the request."))
        return redirect("spaces:requests", space.slug)
    return_to(request, reverse("spaces:requests", args=[space.slug]))
    services.request_answer(host=request.user, membership=row, approve=decision == "approve")
    name = row.user.profile.display_name
    if decision == "approve":
        messages.success(request, _("%(name)s is now a member.") % {"name": name})
    else:
        messages.success(request, _("You declined %(name)s's request.") % {"name": name})
    return redirect("spaces:requests", space.slug)


@space_view("host")
def invite(request, space, frame):
    host = request.user
    search = InviteSearchForm(request.GET or None)
    query = ""
    if search.is_valid():
        query = search.cleaned_data["q"].strip()
    candidates = _invite_candidates(space, host)
    results = []
    if request.method == "POST":
        try:
            chosen = int(request.POST.get("member", ""))
        except ValueError:
            chosen = None
        results = list(candidates.filter(user_id=chosen)) if chosen else []
        form = InviteForm(request.POST, candidates=results)
        if form.is_valid():
            member = results[0].user
            try:
                services.space_invite(
                    host=host, space=space, member=member, note=form.cleaned_data["note"]
                )
            except SpaceError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    _("%(name)s is invited. They will be told.")
                    % {"name": results[0].display_name},
                )
                return redirect("spaces:requests", space.slug)
        status = 400
    else:
        if query:
            results = list(
                candidates.filter(display_name__icontains=query).order_by("display_name", "pk")[
                    :INVITE_RESULTS
                ]
            )
        form = InviteForm(candidates=results)
        status = 200
    return _render(
        request,
        space,
        "spaces/invite.html",
        {
            **frame,
            "tab": "requests",
            "search": search,
            "query": query,
            "results": results,
            "form": form,
        },
        status=status,
    )
