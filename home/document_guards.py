"""Documents that are private where they are used stay private at their own address.

A Wagtail document has a public address (``/documents/<id>/<name>``). When an app shows
a document to some readers only (an event's members' materials, a cohort's session
materials in its group), that address must not hand it to anyone else. Each app says,
for the model and the fields that hold such documents, who may read one there::

    document_guards.register("events.EventPage", ("materials", "agenda"), may_read)

``may_read(owner, document, viewer) -> bool`` (``owner``: the page or object that uses
the document, as its own model). When the document is asked for, Wagtail's reference
index says where it is used, and it is served when

* it is used nowhere (an upload not yet placed, the admin's own previews);
* or any use is not guarded (a page or a field that shows it to everyone);
* or any guarded use lets the viewer read it;
* or the viewer manages documents (editors and staff in the admin).

Otherwise a visitor is asked to sign in and a signed-in member gets a 404, which says
nothing about the file. Two queries, plus one per kind of owner.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType


@dataclass(frozen=True)
class Guard:
    model: str  # "app_label.ModelName"
    fields: tuple[str, ...]
    may_read: object  # (owner, document, viewer) -> bool


_GUARDS: dict[str, Guard] = {}


def register(model: str, fields, may_read) -> None:
    _GUARDS[model.lower()] = Guard(model=model, fields=tuple(fields), may_read=may_read)


def _guard_for(content_type: ContentType, model_path: str) -> Guard | None:
    guard = _GUARDS.get(f"{content_type.app_label}.{content_type.model}")
    if guard is None or model_path.split(".", 1)[0] not in guard.fields:
        return None
    return guard


def _manages_documents(viewer) -> bool:
    if viewer is None or not viewer.is_authenticated:
        return False
    from wagtail.documents import get_document_model
    from wagtail.permissions import policy_registry

    policy = policy_registry.get_by_type(get_document_model())
    return policy.user_has_any_permission(viewer, ["add", "change", "choose"])


def may_read(document, viewer) -> bool:
    """Whether ``viewer`` may have ``document``'s file (see the module's rules)."""
    from wagtail.models import ReferenceIndex

    uses = list(
        ReferenceIndex.get_references_to(document).values_list(
            "content_type_id", "object_id", "model_path"
        )
    )
    if not uses:
        return True
    guarded = defaultdict(set)  # guard → owner ids
    for content_type_id, object_id, model_path in uses:
        guard = _guard_for(ContentType.objects.get_for_id(content_type_id), model_path)
        if guard is None:
            return True  # shown to everyone somewhere
        guarded[guard].add(object_id)
    if _manages_documents(viewer):
        return True
    for guard, ids in guarded.items():
        model = apps.get_model(guard.model)
        for owner in model.objects.filter(pk__in=ids):
            if guard.may_read(owner, document, viewer):
                return True
    return False


def before_serve(document, request):
    """The ``before_serve_document`` hook: refuse what :func:`may_read` refuses."""
    if may_read(document, request.user):
        return None
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    from django.http import Http404

    raise Http404
