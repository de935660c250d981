"""Views: the inbox, a conversation, starting one, editing and deleting messages,
leaving and adding people, attachments.

Thin: bind a form, call a service, render or redirect. Anything the member may not see
answers 404; a service's refusal is shown on the form, with what was typed kept.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from community.models import Profile
from community.selectors import connection_ids
from home.frame import noindex_response
from home.private_files import download
from messaging import permissions, selectors, services
from messaging.errors import MessagingError
from messaging.forms import AddPeopleForm, EditForm, GroupForm, MessageForm
from messaging.models import Attachment, Message
from messaging.services.conversations import EDIT_WINDOW


def _page(request, items, size):
    paginator = Paginator(items, size)
    page = paginator.get_page(request.GET.get("page"))
    return page


def _render(request, template, context, status=200):
    return noindex_response(render(request, template, context, status=status))


def _bound(request, *, files=False) -> tuple:
    """A form's data (and files) on POST, nothing on GET: a POST with no field is still
    a bound form that says what is missing."""
    if request.method != "POST":
        return (None, None) if files else (None,)
    return (request.POST, request.FILES) if files else (request.POST,)


def _place_or_404(request, pk):
    place = selectors.participation(request.user, pk)
    if place is None:
        raise Http404
    return place


def _message_url(message) -> str:
    return f"{reverse('messaging:conversation', args=[message.conversation_id])}#m{message.pk}"


@login_required
@require_GET
@never_cache
def inbox(request):
    q = request.GET.get("q", "").strip()[:200]
    if q:
        page = _page(request, selectors.search(request.user, q), selectors.SEARCH_PAGE)
        named = []
        if page.number == 1:
            named = selectors.inbox_entries(request.user, selectors.inbox(request.user, q=q)[:5])
        return _render(
            request,
            "messaging/search.html",
            {
                "q": q,
                "querystring": urlencode({"q": q}),
                "named": named,
                "page_obj": page,
                "results": list(page.object_list),
            },
        )
    page = _page(request, selectors.inbox(request.user), selectors.INBOX_PAGE)
    entries = selectors.inbox_entries(request.user, page.object_list)
    return _render(request, "messaging/inbox.html", {"page_obj": page, "entries": entries})


def _editable(message, user, now) -> bool:
    return (
        message.sender_id == user.pk
        and not message.is_gone
        and now - message.created_at <= EDIT_WINDOW
    )


def _conversation_context(request, place, people, *, form=None, before=None):
    conversation = place.conversation
    now = timezone.now()
    page = selectors.conversation_page(
        request.user, conversation, before=before, place=place, people=people
    )
    for message in page.messages:
        message.editable = _editable(message, request.user, now)
    can_write = place.left_at is None and conversation.ended_at is None
    return {
        "conversation": conversation,
        "place": place,
        "page": page,
        "people": page.people,
        "names": [selectors.name_of(p.user) for p in page.people if p.user_id != request.user.pk]
        or [str(selectors.FORMER_MEMBER)],
        "form": form if form is not None else (MessageForm() if can_write else None),
        "can_write": can_write,
        "can_add": conversation.is_group
        and conversation.started_by_id == request.user.pk
        and place.left_at is None,
        "last_id": page.messages[-1].pk if page.messages and before is None else None,
    }


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def conversation(request, pk):
    place, people = selectors.places_in(request.user, pk)
    if place is None:
        raise Http404
    form = None
    if request.method == "POST":
        form = MessageForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            try:
                message = services.message_send(
                    sender=request.user,
                    conversation=place.conversation,
                    body=form.cleaned_data["body"],
                    files=form.cleaned_data["files"],
                )
            except MessagingError as error:
                form.add_error(None, error.message)
            else:
                return redirect(_message_url(message))
        context = _conversation_context(request, place, people, form=form)
        return _render(request, "messaging/conversation.html", context, status=400)
    before = request.GET.get("before")
    before = int(before) if before and before.isdigit() and len(before) < 12 else None
    if before is None and (place.last_read_at is None or place.last_read_at < place.activity_at):
        services.conversation_read(user=request.user, conversation=place.conversation)
    context = _conversation_context(request, place, people, before=before)
    return _render(request, "messaging/conversation.html", context)


@login_required
@require_GET
@never_cache
def since(request, pk, message_id):
    """The HTML fragment of the visible messages newer than ``message_id`` (polled by
    static/js/conversation.js); reading them marks the conversation read."""
    place = _place_or_404(request, pk)
    rows = selectors.messages_since(request.user, place.conversation, message_id, place=place)
    if rows:
        services.conversation_read(user=request.user, conversation=place.conversation)
    now = timezone.now()
    for message in rows:
        message.editable = _editable(message, request.user, now)
    return render(
        request,
        "messaging/includes/message_list.html",
        {"messages_shown": rows, "conversation": place.conversation},
    )


def _recipient_or_404(request):
    """The member ``?to=<profile pk>`` names, when the viewer may know they exist (a
    visible profile, or a connection's); blocked either way or gone: 404."""
    to = request.GET.get("to", "")
    if not to.isdigit():
        raise Http404
    profile = Profile.objects.filter(pk=int(to)).select_related("user").first()
    if profile is None or profile.user_id == request.user.pk:
        raise Http404
    if (
        profile.user_id not in connection_ids(request.user)
        and not Profile.objects.visible_to(request.user).filter(pk=profile.pk).exists()
    ):
        raise Http404
    if permissions.why_not(request.user, profile.user) == "not_found":
        raise Http404
    return profile


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def start(request):
    profile = _recipient_or_404(request)
    refusal = permissions.why_not(request.user, profile.user)
    refusal_text = MessagingError(refusal).message if refusal else ""
    form = MessageForm(*_bound(request, files=True), user=request.user)
    status = 200
    if request.method == "POST" and not refusal:
        if form.is_valid():
            try:
                conversation = services.conversation_start(
                    sender=request.user,
                    recipients=[profile.user],
                    body=form.cleaned_data["body"],
                    files=form.cleaned_data["files"],
                )
            except MessagingError as error:
                form.add_error(None, error.message)
            else:
                return redirect("messaging:conversation", conversation.pk)
        status = 400
    elif request.method == "POST":
        status = 409
    return _render(
        request,
        "messaging/start.html",
        {"profile": profile, "form": form, "refusal": refusal_text},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def start_group(request):
    candidates = selectors.message_candidates(request.user)
    form = GroupForm(*_bound(request, files=True), user=request.user, candidates=candidates)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            chosen = {p.user_id: p.user for p in candidates}
            try:
                conversation = services.conversation_start(
                    sender=request.user,
                    recipients=[chosen[pk] for pk in form.cleaned_data["people"]],
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    files=form.cleaned_data["files"],
                )
            except MessagingError as error:
                form.add_error(None, error.message)
            else:
                return redirect("messaging:conversation", conversation.pk)
        status = 400
    return _render(
        request,
        "messaging/start_group.html",
        {"form": form, "candidates": candidates},
        status=status,
    )


def _own_message_or_404(request, pk):
    message = get_object_or_404(
        Message.objects.select_related("conversation"), pk=pk, sender=request.user
    )
    place = _place_or_404(request, message.conversation_id)
    if (
        message.is_gone
        or not selectors.visible_messages(request.user, message.conversation, place=place)
        .filter(pk=message.pk)
        .exists()
    ):
        raise Http404
    return message, place


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def edit(request, pk):
    message, _place = _own_message_or_404(request, pk)
    form = EditForm(*_bound(request), initial={"body": message.body})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.message_edit(
                    user=request.user, message=message, body=form.cleaned_data["body"]
                )
            except MessagingError as error:
                form.add_error(None, error.message)
            else:
                return redirect(_message_url(message))
        status = 400
    refusal = ""
    if not form.is_bound and timezone.now() - message.created_at > EDIT_WINDOW:
        refusal = MessagingError("edit_window").message
    return _render(
        request,
        "messaging/edit.html",
        {"message": message, "form": form, "refusal": refusal},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def delete(request, pk):
    message, _place = _own_message_or_404(request, pk)
    if request.method == "POST":
        services.message_delete(user=request.user, message=message)
        messages.success(request, _("Your message was deleted."))
        return redirect(_message_url(message))
    return _render(request, "messaging/delete.html", {"message": message})


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def leave(request, pk):
    place = _place_or_404(request, pk)
    conversation = place.conversation
    if not conversation.is_group or place.left_at is not None:
        raise Http404
    if request.method == "POST":
        services.conversation_leave(user=request.user, conversation=conversation)
        messages.success(request, _("You have left the conversation."))
        return redirect("messaging:inbox")
    return _render(request, "messaging/leave.html", {"conversation": conversation})


@login_required
@require_http_methods(["GET", "POST"])
@never_cache
def add(request, pk):
    place = _place_or_404(request, pk)
    conversation = place.conversation
    if (
        not conversation.is_group
        or conversation.started_by_id != request.user.pk
        or place.left_at is not None
    ):
        raise Http404
    present = set(
        conversation.participants.filter(left_at__isnull=True).values_list("user_id", flat=True)
    )
    candidates = selectors.message_candidates(request.user, exclude=present)
    form = AddPeopleForm(*_bound(request), candidates=candidates)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            chosen = {p.user_id: p.user for p in candidates}
            try:
                services.participants_add(
                    by=request.user,
                    conversation=conversation,
                    users=[chosen[pk] for pk in form.cleaned_data["people"]],
                )
            except MessagingError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The people you chose were added."))
                return redirect("messaging:conversation", conversation.pk)
        status = 400
    return _render(
        request,
        "messaging/add.html",
        {"conversation": conversation, "form": form, "candidates": candidates},
        status=status,
    )


@login_required
@require_GET
@never_cache
def attachment(request, pk):
    """A file shared in a message, for a participant who can see that message; 404 for
    everyone else (staff included)."""
    item = Attachment.objects.select_related("message__conversation").filter(pk=pk).first()
    if item is None:
        raise Http404
    message = item.message
    place = selectors.participation(request.user, message.conversation_id)
    if (
        place is None
        or message.is_gone
        or not selectors.visible_messages(request.user, message.conversation, place=place)
        .filter(pk=message.pk)
        .exists()
    ):
        raise Http404
    return download(item.file, content_type=item.content_type, filename=item.original_name)


urlpatterns = [
    path("", inbox, name="inbox"),
    path("new/", start, name="start"),
    path("new/group/", start_group, name="start_group"),
    path("<int:pk>/", conversation, name="conversation"),
    path("<int:pk>/since/<int:message_id>/", since, name="since"),
    path("<int:pk>/leave/", leave, name="leave"),
    path("<int:pk>/add/", add, name="add"),
    path("messages/<int:pk>/edit/", edit, name="edit"),
    path("messages/<int:pk>/delete/", delete, name="delete"),
    path("attachments/<int:pk>/", attachment, name="attachment"),
]
