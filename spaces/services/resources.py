"""What a group shares: links and files.

Active members and hosts share (``permissions.can_post``); each resource is exactly one
link (http or https only) or one file, judged by its bytes (``home.private_files.sniff``:
a PDF or an image, 5 MB at most) and stored privately. The one who shared it, or a host,
removes it: the row stays for the record (``removed_at``), the stored file goes.
"""

import os

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone

from home.errors import check_length
from home.private_files import sniff
from spaces import permissions
from spaces.errors import SpaceError
from spaces.models import Resource
from spaces.models.resources import MAX_DESCRIPTION, MAX_TITLE

_LINK = URLValidator(schemes=["http", "https"])


def clean_link(url: str) -> str:
    """``url`` stripped, or ``SpaceError("bad_link")`` unless it is an http(s) address."""
    url = (url or "").strip()
    if not url:
        return ""
    if len(url) > Resource._meta.get_field("url").max_length:
        raise SpaceError("bad_link")
    try:
        _LINK(url)
    except ValidationError as exc:
        raise SpaceError("bad_link") from exc
    return url


def _check_sharer(member, space) -> None:
    if not permissions.can_read(member, space):
        raise SpaceError("not_member", status=403)
    if permissions.is_suspended(member):
        raise SpaceError("suspended", status=403)
    if not permissions.can_post(member, space):
        raise SpaceError("not_member", status=403)


@transaction.atomic
def resource_add(*, member, space, title, description="", url="", file=None, now=None) -> Resource:
    now = now or timezone.now()
    if space.original_id:
        space = space.original
    _check_sharer(member, space)
    title = check_length((title or "").strip(), MAX_TITLE)
    if not title:
        raise SpaceError("resource_title", status=400)
    description = check_length((description or "").strip(), MAX_DESCRIPTION)
    url = clean_link(url)
    if url and file:
        raise SpaceError("link_and_file", status=400)
    if not url and not file:
        raise SpaceError("no_link_or_file", status=400)
    resource = Resource(
        space=space,
        added_by=member,
        title=title,
        description=description,
        url=url,
        created_at=now,
    )
    if file:
        try:
            content_type = sniff(file)
        except ValidationError as exc:
            # The code says "bad file"; the words say why (too big, not a PDF or image).
            raise SpaceError("bad_file", " ".join(exc.messages), status=400) from exc
        resource.content_type = content_type
        resource.size = file.size
        resource.original_name = os.path.basename(file.name or "file")[-200:]
        resource.file.save(resource.original_name, file, save=False)
    resource.save()
    return resource


def can_remove(actor, resource) -> bool:
    if resource.removed_at is not None:
        return False
    if permissions.can_host(actor, resource.space):
        return True
    return bool(
        actor is not None
        and actor.is_authenticated
        and resource.added_by_id == actor.pk
        and permissions.can_read(actor, resource.space)
    )


@transaction.atomic
def resource_remove(*, actor, resource, now=None) -> Resource:
    now = now or timezone.now()
    resource = Resource.objects.select_for_update().select_related("space").get(pk=resource.pk)
    if resource.removed_at is not None:
        raise SpaceError("resource_gone")
    if not can_remove(actor, resource):
        raise SpaceError("not_yours", status=403)
    name = resource.file.name if resource.file else ""
    resource.removed_at = now
    resource.file = ""
    resource.save(update_fields=["removed_at", "file"])
    if name:
        storage = Resource._meta.get_field("file").storage
        transaction.on_commit(lambda: storage.delete(name))
    return resource
