"""What every view inside a group starts with: ``@space_view(need=...)``.

The decorated view receives ``(request, space, frame, *args)``: ``space`` is the original
space, localized for the reader (``display_name``, ``display_description``), and
``frame`` the context ``spaces/base_space.html`` needs (``space``, ``membership``,
``can_read``, ``can_host``, ``can_post``). Before the view runs:

- a space that does not exist for the viewer (a secret one included) answers 404;
- a signed-out visitor who must sign in to go further is sent to sign in;
- ``need="read"``: discussions, members-only resources and the member list need a
  member (a non-member of a space they can see gets 403 with the join options);
- ``need="host"``: a host, group staff, or programme staff for cohort and alumni spaces.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404

from spaces import permissions, selectors


def frame_for(request, space) -> dict:
    viewer = request.user
    return {
        "space": space,
        "membership": permissions.membership_of(viewer, space),
        "can_read": permissions.can_read(viewer, space),
        "can_host": permissions.can_host(viewer, space),
        "can_post": permissions.can_post(viewer, space),
    }


def space_view(need: str = "page"):
    def decorator(view):
        @wraps(view)
        def wrapper(request, slug, *args, **kwargs):
            viewer = request.user
            space = selectors.space_for_slug(slug, viewer)
            if space is None:
                raise Http404
            if not permissions.can_view_page(viewer, space):
                if not viewer.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise Http404
            if need in ("read", "host") and not permissions.can_read(viewer, space):
                if not viewer.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                raise PermissionDenied
            if need == "host" and not permissions.can_host(viewer, space):
                raise PermissionDenied
            selectors.localized([space])
            return view(request, space, frame_for(request, space), *args, **kwargs)

        return wrapper

    return decorator
