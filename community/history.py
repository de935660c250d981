"""Account deletion reaches history: after it, nothing Wagtail keeps names the member.

``account_delete`` calls :func:`scrub_member_history` once every app has anonymised its
own rows (``member_deleting``) and before the account row goes. It rewrites, without the
member's id, name or email addresses:

- page and snippet revisions (``Revision.user``, ``object_str`` and the ``content``
  JSON: user fields such as ``owner``, ``submitted_by`` and ``locked_by`` are emptied,
  child rows that cannot exist without the member, such as a story's people or their
  own admin comments, are dropped, as the live tables drop them; any text naming them,
  StreamField JSON included, is redacted);
- wagtail-localize's translation sources (the same JSON, used to sync translations);
- workflow and task states (``requested_by``, ``finished_by`` and task comments);
- audit log entries of every log model (``user``, ``label`` and ``data``);
- other people's admin comments and replies that mention them.

So an editor can still revert to, compare or translate any old revision: it restores
a page that names nobody and points at no missing account.
"""

import html
import json
import re
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q, TextField
from django.db.models.functions import Cast

from wagtail.models import BaseLogEntry, Comment, CommentReply, Revision, TaskState, WorkflowState

from modelcluster.models import get_all_child_relations

#: What a mention of the member becomes inside a longer text.
REDACTED = "[…]"
#: In log entry data (which has no schema), keys whose value is a member's id.
USER_KEYS = frozenset(
    {
        "user",
        "user_id",
        "owner",
        "author",
        "member",
        "by",
        "requested_by",
        "finished_by",
        "submitted_by",
        "locked_by",
        "resolved_by",
        "uploaded_by_user",
    }
)
#: Shorter names are not looked for in free text (too likely to be part of other words).
MIN_NAME_LENGTH = 3


@dataclass(frozen=True)
class MemberTraces:
    """What identifies a member in stored history: their id and the texts naming them."""

    pk: int
    texts: tuple[str, ...]

    @classmethod
    def of(cls, user) -> "MemberTraces":
        """Read before anything is anonymised: names and every email address they used."""
        texts = {user.email or ""}
        try:
            from allauth.account.models import EmailAddress

            texts.update(EmailAddress.objects.filter(user=user).values_list("email", flat=True))
        except LookupError:  # pragma: no cover - allauth is always installed here
            pass
        try:
            profile = user.profile
        except ObjectDoesNotExist:
            profile = None
        texts.update(
            {
                getattr(user, "name", "") or "",
                user.get_full_name() or "",
                f"{user.first_name} {user.last_name}".strip(),
                getattr(profile, "display_name", "") or "",
            }
        )
        kept = sorted(
            {t.strip() for t in texts if t and len(t.strip()) >= MIN_NAME_LENGTH},
            key=len,
            reverse=True,
        )
        return cls(pk=user.pk, texts=tuple(kept))

    # -- matching ------------------------------------------------------------------------
    def _variants(self) -> list[str]:
        variants = []
        for text in self.texts:
            for variant in (text, html.escape(text), html.escape(text).replace("&#x27;", "&#39;")):
                if variant not in variants:
                    variants.append(variant)
        return variants

    @property
    def pattern(self) -> re.Pattern | None:
        if not self.texts:
            return None
        alternatives = "|".join(re.escape(v) for v in self._variants())
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)

    def needles(self) -> list[str]:
        """Substrings a database row holding a mention must contain, however its JSON was
        encoded: raw, with ``\\u`` escapes, or escaped twice (JSON inside a JSON string,
        as StreamField values are in a revision). ``icontains`` folds ASCII case only, so
        the escaped forms are listed in lower and upper case too."""
        found = []
        for variant in self._variants():
            forms = [variant]
            for cased in (variant, variant.lower(), variant.upper()):
                escaped = json.dumps(cased)[1:-1]
                forms += [escaped, json.dumps(escaped)[1:-1]]
            for form in forms:
                if form not in found:
                    found.append(form)
        return found

    def id_regex(self) -> str:
        """``"field": <pk>`` followed by ``,`` ``}`` or ``]`` in JSON text."""
        return rf'": {self.pk}[],}}]'


# ---------------------------------------------------------------------------
# Scrubbing values
# ---------------------------------------------------------------------------
class _Scrubber:
    def __init__(self, traces: MemberTraces):
        self.traces = traces
        self.pattern = traces.pattern
        self.changed = False

    def text(self, value: str) -> str:
        if self.pattern is None or not value:
            return value
        if self.pattern.fullmatch(value.strip()):
            self.changed = True
            return ""
        new = self.pattern.sub(REDACTED, value)
        if new != value:
            self.changed = True
        return new

    def value(self, value, *, user_keys=frozenset()):
        """Walk any JSON value; strings that hold JSON themselves are walked too."""
        if isinstance(value, dict):
            out = {}
            for key, item in value.items():
                if key in user_keys and item == self.traces.pk:
                    self.changed = True
                    out[key] = None
                else:
                    out[key] = self.value(item, user_keys=user_keys)
            return out
        if isinstance(value, list):
            return [self.value(item, user_keys=user_keys) for item in value]
        if isinstance(value, str):
            stripped = value.lstrip()
            if stripped[:1] in {"[", "{"}:
                try:
                    nested = json.loads(value)
                except ValueError:
                    nested = None
                if isinstance(nested, dict | list):
                    before = self.changed
                    self.changed = False
                    walked = self.value(nested, user_keys=user_keys)
                    nested_changed = self.changed
                    self.changed = before or nested_changed
                    return json.dumps(walked, cls=DjangoJSONEncoder) if nested_changed else value
            return self.text(value)
        return value

    def instance_data(self, model, data: dict) -> dict:
        """Serialised model data (a revision): the model says which keys hold users."""
        if not isinstance(data, dict) or model is None:
            return self.value(data, user_keys=USER_KEYS)
        nullable, required = _user_fields(model)
        data = dict(data)
        for name in nullable | required:
            if data.get(name) == self.traces.pk:
                data[name] = None
                self.changed = True
        for relation in get_all_child_relations(model):
            key = relation.get_accessor_name()
            if not isinstance(data.get(key), list):
                continue
            child_model = relation.related_model
            _child_nullable, child_required = _user_fields(child_model)
            kept = []
            for item in data[key]:
                if isinstance(item, dict) and any(
                    item.get(name) == self.traces.pk for name in child_required
                ):
                    self.changed = True  # cannot exist without the member: dropped
                    continue
                kept.append(self.instance_data(child_model, item))
            data[key] = kept
        handled = {r.get_accessor_name() for r in get_all_child_relations(model)}
        for key, item in data.items():
            if key not in handled:
                data[key] = self.value(item)
        return data


def _user_fields(model) -> tuple[set[str], set[str]]:
    """(nullable, required) names of ``model``'s foreign keys to the user model."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    nullable, required = set(), set()
    for field in model._meta.concrete_fields:
        if field.is_relation and field.related_model is user_model:
            (nullable if field.null else required).add(field.name)
    return nullable, required


# ---------------------------------------------------------------------------
# The tables
# ---------------------------------------------------------------------------
def _mentions(traces: MemberTraces, *fields: str, json_fields=()) -> Q:
    """Rows whose ``fields`` (text) or ``json_fields`` (as text) may name the member."""
    query = Q(pk__in=[])
    for field in fields:
        for needle in traces.needles():
            query |= Q(**{f"{field}__icontains": needle})
    for field in json_fields:
        alias = f"{field}_as_text"
        query |= Q(**{f"{alias}__regex": traces.id_regex()})
        for needle in traces.needles():
            query |= Q(**{f"{alias}__icontains": needle})
    return query


def _with_text(queryset, *json_fields):
    return queryset.annotate(
        **{f"{field}_as_text": Cast(field, output_field=TextField()) for field in json_fields}
    )


def _scrub_revisions(traces: MemberTraces) -> int:
    rows = (
        _with_text(Revision.objects.all(), "content")
        .filter(Q(user_id=traces.pk) | _mentions(traces, "object_str", json_fields=["content"]))
        .select_related("content_type")
    )
    changed = 0
    for revision in rows.iterator(chunk_size=200):
        scrubber = _Scrubber(traces)
        model = revision.content_type.model_class() if revision.content_type_id else None
        content = scrubber.instance_data(model, revision.content)
        object_str = scrubber.text(revision.object_str)
        if scrubber.changed or revision.user_id == traces.pk:
            Revision.objects.filter(pk=revision.pk).update(
                content=content,
                object_str=object_str,
                user_id=None if revision.user_id == traces.pk else revision.user_id,
            )
            changed += 1
    return changed


def _scrub_translation_sources(traces: MemberTraces) -> int:
    if not apps.is_installed("wagtail_localize"):
        return 0
    from wagtail_localize.models import TranslationSource

    rows = TranslationSource.objects.filter(
        _mentions(traces, "object_repr", "content_json") | Q(content_json__regex=traces.id_regex())
    ).select_related("specific_content_type")
    changed = 0
    for source in rows.iterator(chunk_size=200):
        scrubber = _Scrubber(traces)
        try:
            data = json.loads(source.content_json)
        except ValueError:
            continue
        model = source.specific_content_type.model_class()
        data = scrubber.instance_data(model, data)
        object_repr = scrubber.text(source.object_repr)
        if scrubber.changed:
            TranslationSource.objects.filter(pk=source.pk).update(
                content_json=json.dumps(data, cls=DjangoJSONEncoder), object_repr=object_repr
            )
            changed += 1
    return changed


def _log_models() -> list:
    return [
        model
        for model in apps.get_models()
        if issubclass(model, BaseLogEntry) and not model._meta.abstract
    ]


def _scrub_log_entries(traces: MemberTraces) -> int:
    changed = 0
    for model in _log_models():
        rows = _with_text(model.objects.all(), "data").filter(
            Q(user_id=traces.pk) | _mentions(traces, "label", json_fields=["data"])
        )
        for entry in rows.iterator(chunk_size=500):
            scrubber = _Scrubber(traces)
            data = scrubber.value(entry.data, user_keys=USER_KEYS)
            label = scrubber.text(entry.label)
            if scrubber.changed or entry.user_id == traces.pk:
                model.objects.filter(pk=entry.pk).update(
                    data=data,
                    label=label,
                    user_id=None if entry.user_id == traces.pk else entry.user_id,
                )
                changed += 1
    return changed


def _scrub_workflows(traces: MemberTraces) -> int:
    changed = WorkflowState.objects.filter(requested_by_id=traces.pk).update(requested_by=None)
    changed += TaskState.objects.filter(finished_by_id=traces.pk).update(finished_by=None)
    for task_state in TaskState.objects.filter(_mentions(traces, "comment")):
        scrubber = _Scrubber(traces)
        comment = scrubber.text(task_state.comment)
        if scrubber.changed:
            TaskState.objects.filter(pk=task_state.pk).update(comment=comment)
            changed += 1
    return changed


def _scrub_comments(traces: MemberTraces) -> int:
    """Others' comments that mention the member. Their own comments and replies go with
    the account (Wagtail's cascade: a comment has an author)."""
    changed = Comment.objects.filter(resolved_by_id=traces.pk).update(resolved_by=None)
    for model in (Comment, CommentReply):
        rows = model.objects.exclude(user_id=traces.pk).filter(_mentions(traces, "text"))
        for row in rows:
            scrubber = _Scrubber(traces)
            text = scrubber.text(row.text)
            if scrubber.changed:
                model.objects.filter(pk=row.pk).update(text=text)
                changed += 1
    return changed


def scrub_member_history(traces: MemberTraces) -> dict:
    """Remove the member from every kind of history; returns rows changed per kind.

    Call inside the deletion's transaction, with traces read before anything was
    anonymised (``MemberTraces.of(user)``).
    """
    return {
        "revisions": _scrub_revisions(traces),
        "translation_sources": _scrub_translation_sources(traces),
        "log_entries": _scrub_log_entries(traces),
        "workflows": _scrub_workflows(traces),
        "comments": _scrub_comments(traces),
    }
