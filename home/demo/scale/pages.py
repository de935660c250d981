"""Many Wagtail pages under one parent, inserted in bulk.

``add_child`` costs a dozen queries a page (treebeard's path, the parent's count, the
search and reference indexes). Here the tree columns are computed once for the whole
batch, exactly as treebeard would (path = parent's path + the next base-36 step of four
characters, depth + 1, the parent's ``numchild`` raised by the batch), then the ``Page``
rows go in with ``bulk_create`` and the specific rows (multi-table inheritance: one row in
``wagtailcore_page``, one in the page type's table sharing its id) with the queryset's
``_insert``, the call ``Model.save`` itself makes for a child table. Pages are live, with
no revision (Wagtail's editor starts from the page itself); the caller indexes them for search.
"""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F

from wagtail.models import Page

#: uuid5 namespace: the translation key of a scale page follows from its slug.
NAMESPACE = uuid.UUID("5f1c3c52-6a3e-4f55-9d9a-0b9a3d7e2026")


def existing_slugs(parent: Page, prefix: str) -> set[str]:
    return set(parent.get_children().filter(slug__startswith=prefix).values_list("slug", flat=True))


def bulk_add_children(parent: Page, pages: list[Page], *, batch_size: int = 200) -> list[Page]:
    """Insert ``pages`` (unsaved instances of one specific page model) as the last
    children of ``parent``, live. Returns them with their ids set."""
    if not pages:
        return []
    model = type(pages[0])
    content_type = ContentType.objects.get_for_model(model)
    parent = Page.objects.get(pk=parent.pk)  # fresh path and numchild
    last = parent.get_last_child()
    step = last._get_lastpos_in_path() if last else 0
    depth = parent.depth + 1
    for page in pages:
        step += 1
        page.path = Page._get_path(parent.path, depth, step)
        page.depth = depth
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.locale_id = page.locale_id or parent.locale_id
        page.translation_key = uuid.uuid5(NAMESPACE, f"{model._meta.label}:{page.slug}")
        page.last_published_at = page.last_published_at or page.first_published_at
    page_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    bases = [Page(**{f.attname: getattr(page, f.attname) for f in page_fields}) for page in pages]
    Page.objects.bulk_create(bases, batch_size=batch_size)
    if bases[0].pk is None:  # a database without RETURNING: read the ids back by path
        ids = dict(Page.objects.filter(path__in=[b.path for b in bases]).values_list("path", "pk"))
        for base in bases:
            base.pk = ids[base.path]
    ptr = model._meta.pk  # the page_ptr one-to-one
    for page, base in zip(pages, bases, strict=True):
        setattr(page, ptr.attname, base.pk)
        page.pk = base.pk
        for f in page_fields:
            setattr(page, f.attname, getattr(base, f.attname))
        page._state.adding = False
    fields = list(model._meta.local_concrete_fields)
    limit = connection.features.max_query_params or 30000
    per_statement = max(1, min(batch_size, limit // len(fields)))
    for start in range(0, len(pages), per_statement):
        model._base_manager._insert(pages[start : start + per_statement], fields=fields)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    return pages
