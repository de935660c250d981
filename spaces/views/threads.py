"""Discussions inside a group: the thread list, a thread with its replies, starting a
thread, replying, following or muting, the hosts' pin, lock and hide, and editing or
deleting one's own post. Thin: a form, a service, a redirect with a message."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from spaces import discussion_selectors as selectors
from spaces import permissions
from spaces.discussion_forms import FollowForm, HostForm, PostEditForm, ReplyForm, ThreadForm
from spaces.errors import SpaceError
from spaces.models import Post
from spaces.services import discussions as services
from spaces.views.common import space_view


def _thread_url(space, thread, *, last=False, anchor="") -> str:
    url = reverse("spaces:thread", args=[space.slug, thread.pk])
    if last:
        url += "?page=last"
    return url + (f"#{anchor}" if anchor else "")


def _thread_or_404(space, viewer, pk):
    thread = selectors.thread_for(space, viewer, pk)
    if thread is None:
        raise Http404
    return thread


def _add_error(form, error: SpaceError, field=None) -> None:
    form.add_error(field, error.message)


# ---------------------------------------------------------------------------
# Threads
# ---------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
@space_view(need="read")
def thread_list(request, space, frame):
    page_obj = selectors.threads_page(space, request.user, request.GET.get("page"))
    return render(
        request,
        "spaces/threads.html",
        {**frame, "tab": "discussions", "page_obj": page_obj, "threads": page_obj.object_list},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@space_view(need="read")
def thread_new(request, space, frame):
    viewer = request.user
    can_announce = permissions.can_announce(viewer, space)
    form = ThreadForm(request.POST or None, can_announce=can_announce)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                thread = services.thread_start(
                    author=viewer,
                    space=space,
                    title=form.cleaned_data["title"],
                    body=form.cleaned_data["body"],
                    announcement=bool(form.cleaned_data.get("announcement")),
                )
            except SpaceError as error:
                _add_error(form, error)
            else:
                if thread.is_announcement:
                    messages.success(
                        request, _("Your announcement is posted. Every member is told.")
                    )
                else:
                    messages.success(request, _("Your thread is started."))
                return HttpResponseRedirect(_thread_url(space, thread))
        status = 400
    return render(
        request,
        "spaces/thread_new.html",
        {
            **frame,
            "tab": "discussions",
            "form": form,
            "suspended": permissions.is_suspended(viewer),
        },
        status=status,
    )


def _thread_context(request, space, frame, thread, *, form=None, page_number=None) -> dict:
    viewer = request.user
    page_obj = selectors.posts_page(thread, viewer, page_number)
    can_reply = permissions.can_post(viewer, space, thread=thread)
    quote = None
    if form is None:
        quote_id = request.GET.get("quote")
        if quote_id and can_reply:
            quote = selectors.post_in_thread(thread, viewer, quote_id)
        form = ReplyForm(initial={"quote": quote.pk} if quote else None)
    else:
        quote_id = form.data.get("quote")
        if quote_id:
            quote = selectors.post_in_thread(thread, viewer, quote_id)
    for post in page_obj.object_list:
        post.editable = services.can_edit(viewer, post)
        post.own = viewer.is_authenticated and post.author_id == viewer.pk
    return {
        **frame,
        "tab": "discussions",
        "thread": thread,
        "page_obj": page_obj,
        "posts": page_obj.object_list,
        "form": form,
        "quote": quote,
        "can_reply": can_reply,
        "subscription": selectors.subscription_state(
            thread, viewer, read_with_thread=request.method in ("GET", "HEAD")
        ),
        "can_manage": selectors.sees_hidden(viewer, space),
    }


@require_http_methods(["GET", "HEAD"])
@space_view(need="read")
def thread_page(request, space, frame, pk):
    thread = _thread_or_404(space, request.user, pk)
    services.thread_read(member=request.user, thread=thread)
    context = _thread_context(request, space, frame, thread, page_number=request.GET.get("page"))
    return render(request, "spaces/thread.html", context)


@require_POST
@space_view(need="read")
def reply(request, space, frame, pk):
    thread = _thread_or_404(space, request.user, pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        quote = form.cleaned_data.get("quote")
        try:
            post = services.post_reply(
                author=request.user, thread=thread, body=form.cleaned_data["body"], quote=quote
            )
        except SpaceError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Your reply is posted."))
            return HttpResponseRedirect(_thread_url(space, thread, last=True, anchor=f"p{post.pk}"))
    context = _thread_context(request, space, frame, thread, form=form, page_number="last")
    return render(request, "spaces/thread.html", context, status=400)


@require_POST
@space_view(need="read")
def follow(request, space, frame, pk):
    thread = _thread_or_404(space, request.user, pk)
    form = FollowForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "spaces/thread.html",
            _thread_context(request, space, frame, thread),
            status=400,
        )
    state = form.cleaned_data["state"]
    services.thread_subscribe(member=request.user, thread=thread, state=state)
    messages.success(
        request,
        {
            "follow": _("You follow this thread: you are told of new replies."),
            "mute": _("This thread is muted: you are not told of new replies."),
            "": _("You no longer follow this thread."),
        }[state],
    )
    return HttpResponseRedirect(_thread_url(space, thread))


@require_http_methods(["GET", "HEAD", "POST"])
@space_view(need="read")
def thread_host(request, space, frame, pk):
    viewer = request.user
    thread = _thread_or_404(space, viewer, pk)
    if not selectors.sees_hidden(viewer, space):
        raise SpaceError("not_host", status=403)
    if request.method != "POST":
        return render(
            request, "spaces/thread_hide.html", {**frame, "tab": "discussions", "thread": thread}
        )
    form = HostForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with this thread."))
        return HttpResponseRedirect(_thread_url(space, thread))
    action = form.cleaned_data["action"]
    change = {
        "pin": {"pinned": True},
        "unpin": {"pinned": False},
        "lock": {"locked": True},
        "unlock": {"locked": False},
        "hide": {"hidden": True},
        "unhide": {"hidden": False},
    }[action]
    services.thread_set(host=viewer, thread=thread, **change)
    messages.success(
        request,
        {
            "pin": _("The thread is pinned to the top of the list."),
            "unpin": _("The thread is no longer pinned."),
            "lock": _("The thread is locked: members can no longer reply."),
            "unlock": _("The thread is open to replies again."),
            "hide": _("The thread is hidden: only hosts and moderators can see it."),
            "unhide": _("The thread is visible to members again."),
        }[action],
    )
    return HttpResponseRedirect(_thread_url(space, thread))


# ---------------------------------------------------------------------------
# One's own posts
# ---------------------------------------------------------------------------


def _own_post_or_404(space, viewer, post):
    thread = _thread_or_404(space, viewer, post.thread_id)
    if not viewer.is_authenticated or post.author_id != viewer.pk or post.is_gone:
        raise Http404
    post.thread = thread
    return post


def _post_space(pk):
    post = get_object_or_404(Post.objects.select_related("thread__space"), pk=pk)
    return post, post.thread.space.slug


@require_http_methods(["GET", "HEAD", "POST"])
def post_edit(request, pk):
    post, slug = _post_space(pk)
    return _post_edit(request, slug, post)


@space_view(need="read")
def _post_edit(request, space, frame, post):
    post = _own_post_or_404(space, request.user, post)
    thread = post.thread
    form = PostEditForm(request.POST or None, initial={"body": post.body})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.post_edit(author=request.user, post=post, body=form.cleaned_data["body"])
            except SpaceError as error:
                _add_error(form, error, "body" if error.code == "empty" else None)
            else:
                messages.success(request, _("Your post is changed."))
                return HttpResponseRedirect(_thread_url(space, thread, anchor=f"p{post.pk}"))
        status = 400
    elif not services.can_edit(request.user, post):
        _add_error(form, SpaceError("edit_window", params={"minutes": services.EDIT_MINUTES}))
    context = {**frame, "tab": "discussions", "thread": thread, "post": post, "form": form}
    return render(request, "spaces/post_edit.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def post_delete(request, pk):
    post, slug = _post_space(pk)
    return _post_delete(request, slug, post)


@space_view(need="read")
def _post_delete(request, space, frame, post):
    post = _own_post_or_404(space, request.user, post)
    thread = post.thread
    if request.method == "POST":
        services.post_delete(author=request.user, post=post)
        messages.success(request, _("Your post is deleted."))
        return HttpResponseRedirect(_thread_url(space, thread, anchor=f"p{post.pk}"))
    context = {**frame, "tab": "discussions", "thread": thread, "post": post}
    return render(request, "spaces/post_delete.html", context)
