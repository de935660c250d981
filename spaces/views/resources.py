"""A group's resources: the list (links, files and, in a cohort space, the session
materials), sharing one, downloading a file, removing one (with a confirmation page)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from home.private_files import download
from spaces import permissions, resource_selectors
from spaces.errors import SpaceError
from spaces.models import Resource
from spaces.resource_forms import ResourceForm
from spaces.services.resources import can_remove, resource_add
from spaces.services.resources import resource_remove as remove_resource
from spaces.views.common import space_view

PER_PAGE = 20


def _context(request, space, frame, form=None) -> dict:
    viewer = request.user
    can_see = permissions.can_see_resources(viewer, space)
    context = {**frame, "tab": "resources", "can_see_resources": can_see}
    if can_see:
        paginator = Paginator(resource_selectors.resource_queryset(space), PER_PAGE)
        page = paginator.get_page(request.GET.get("page"))
        resources = resource_selectors.annotate_resources(list(page.object_list), space, viewer)
        cohort = resource_selectors.reader_cohort(space)
        context.update(
            {
                "resources": resources,
                "page_obj": page,
                "materials": resource_selectors.session_materials(cohort),
            }
        )
    if frame["can_post"]:
        context["form"] = form or ResourceForm(user=viewer)
    return context


@space_view(need="page")
def resource_list(request, space, frame):
    return render(request, "spaces/resources.html", _context(request, space, frame))


@space_view(need="read")
def resource_new(request, space, frame):
    viewer = request.user
    if not frame["can_post"]:
        if permissions.is_suspended(viewer):
            raise SpaceError("suspended", status=403)
        raise PermissionDenied
    form = ResourceForm(request.POST or None, request.FILES or None, user=viewer)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            resource_add(
                member=viewer,
                space=space,
                title=data["title"],
                description=data["description"],
                url=data["url"],
                file=data["file"],
            )
        except SpaceError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Thank you: the resource is shared with the group."))
            return redirect("spaces:resources", space.slug)
    return render(request, "spaces/resource_new.html", {**frame, "tab": "resources", "form": form})


def _resource_or_404(space, pk) -> Resource:
    resource = (
        Resource.objects.filter(space=space, pk=pk, removed_at__isnull=True)
        .select_related("space")
        .first()
    )
    if resource is None:
        raise Http404
    resource.space = space
    return resource


@space_view(need="page")
def resource_file(request, space, frame, pk):
    if not permissions.can_see_resources(request.user, space):
        raise Http404
    resource = _resource_or_404(space, pk)
    if not resource.file:
        raise Http404
    storage = resource.file.storage
    if not storage.exists(resource.file.name):
        raise Http404
    return download(
        resource.file,
        content_type=resource.content_type or "application/octet-stream",
        filename=resource.original_name or resource.file.name.rsplit("/", 1)[-1],
    )


@space_view(need="read")
def resource_remove(request, space, frame, pk):
    resource = _resource_or_404(space, pk)
    if not can_remove(request.user, resource):
        raise PermissionDenied
    if request.method == "POST":
        remove_resource(actor=request.user, resource=resource)
        messages.success(request, _("The resource is removed."))
        return redirect("spaces:resources", space.slug)
    return render(
        request,
        "spaces/resource_remove.html",
        {**frame, "tab": "resources", "resource": resource},
    )
