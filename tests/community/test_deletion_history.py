"""Account deletion anonymises history too: after it, no page revision, workflow or task
state, log entry or admin comment names the member, and old revisions still revert."""

import contextlib
import json

from django.db import connection
from django.urls import reverse

from wagtail.log_actions import log
from wagtail.models import (
    Comment,
    CommentReply,
    ModelLogEntry,
    PageLogEntry,
    Revision,
    TaskState,
    WorkflowState,
)

import pytest

from community import services
from community.factories import StaffFactory, UserFactory
from community.history import REDACTED, MemberTraces, scrub_member_history
from content import services as content_services
from content.factories import StoryIndexPageFactory
from content.models import StoryPage, StoryPerson

pytestmark = pytest.mark.django_db

NAME = "Zoë O'Brien"
EMAIL = "zoe.obrien@example.org"


@pytest.fixture
def zoe(db):
    member = UserFactory(email=EMAIL, name=NAME)
    member.profile.display_name = NAME
    member.profile.save()
    return member


def _approve(story, editor):
    state = WorkflowState.objects.filter(object_id=str(story.pk)).order_by("-pk").first()
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, editor, "approve")


@pytest.fixture
def story_history(site, zoe):
    """Zoë proposes a story; editors edit it (naming her), ask for changes, then publish
    it, and edit and publish again: several revisions, log entries and workflow rows."""
    editor = StaffFactory(name="Edith Editor")
    stories = StoryIndexPageFactory(parent=site.root_page.specific)
    story = content_services.story_propose(
        author=zoe,
        index=stories,
        title="Our council opened its budget",
        summary="Residents vote on a tenth of it.",
        body=f"It started with a question.\n\nWritten by {NAME} ({EMAIL}).",
    )
    # An editor credits her and quotes her, and comments on the draft.
    story = StoryPage.objects.get(pk=story.pk)
    story.pull_quote = "We opened the books."
    story.pull_quote_attribution = NAME
    story.people.add(StoryPerson(member=zoe, role="Lead reformer", consent=True))
    Comment.objects.create(
        page=story, user=editor, text=f"Check the dates with {NAME}.", contentpath="title"
    )
    mine = Comment.objects.create(
        page=story, user=zoe, text="Please keep my title.", contentpath="summary"
    )
    CommentReply.objects.create(comment=mine, user=editor, text=f"Will do, {NAME.upper()}!")
    credited = story.save_revision(user=editor, log_action=True)
    # Changes requested, with a comment naming her; then the workflow again and approval.
    state = WorkflowState.objects.get(object_id=str(story.pk))
    state.current_task_state.task.specific.on_action(
        state.current_task_state, editor, "reject", comment=f"{NAME}: please add dates."
    )
    state.refresh_from_db()
    state.resume(zoe)
    _approve(story, editor)
    story = StoryPage.objects.get(pk=story.pk)
    assert story.live
    # A later edit by the editor, published.
    story.summary = "Residents now vote on a tenth of the budget."
    story.save_revision(user=editor, log_action=True).publish(user=editor)
    # Staff audit entries naming her in their data.
    log(story, "wagtail.edit", user=editor, data={"member": zoe.pk, "note": EMAIL})
    log(zoe.profile, "community.reveal_email", user=editor, data={"reason": f"asked {NAME}"})
    return {"story": StoryPage.objects.get(pk=story.pk), "editor": editor, "credited": credited}


def _user_ids(value, keys=("owner", "submitted_by", "locked_by", "member", "user")):
    """Every value held under a user key anywhere in a JSON value."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in keys and isinstance(item, int):
                found.append(item)
            found += _user_ids(item, keys)
    elif isinstance(value, list):
        for item in value:
            found += _user_ids(item, keys)
    elif isinstance(value, str) and value[:1] in "[{":
        with contextlib.suppress(ValueError):
            found += _user_ids(json.loads(value), keys)
    return found


def _serialised(*values) -> str:
    """The rows as JSON, both raw and ASCII-escaped, fully decoded (StreamField included)."""

    def decode(value):
        if isinstance(value, dict):
            return {k: decode(v) for k, v in value.items()}
        if isinstance(value, list):
            return [decode(v) for v in value]
        if isinstance(value, str) and value[:1] in "[{":
            try:
                return decode(json.loads(value))
            except ValueError:
                return value
        return value

    decoded = [decode(v) for v in values]
    return json.dumps(decoded, ensure_ascii=False) + json.dumps(values)


def _history_rows():
    return {
        "revisions": [
            (r.user_id, r.object_str, r.content) for r in Revision.objects.order_by("pk")
        ],
        "page_log": [
            (e.user_id, e.label, e.data, e.action) for e in PageLogEntry.objects.order_by("pk")
        ],
        "model_log": [
            (e.user_id, e.label, e.data, e.action) for e in ModelLogEntry.objects.order_by("pk")
        ],
        "workflows": list(WorkflowState.objects.values_list("requested_by_id", flat=True)),
        "tasks": list(TaskState.objects.values_list("finished_by_id", "comment")),
        "comments": list(Comment.objects.values_list("user_id", "text", "resolved_by_id")),
        "replies": list(CommentReply.objects.values_list("user_id", "text")),
    }


def _names_member(text: str) -> bool:
    lowered = text.lower()
    return any(
        needle.lower() in lowered
        for needle in (NAME, EMAIL, "Zo\\u00eb O", "zo\\u00eb o", "O&#x27;Brien", "O'Brien")
    )


def test_before_deletion_history_names_the_member(story_history, zoe):
    """The scenario really does leave traces to remove (so the test below means something)."""
    rows = _history_rows()
    text = _serialised(rows)
    assert _names_member(text)
    assert zoe.pk in [r[0] for r in rows["revisions"]]
    assert zoe.pk in [e[0] for e in rows["page_log"]]
    assert zoe.pk in rows["workflows"]
    assert any(zoe.pk in _user_ids(r[2]) for r in rows["revisions"])
    assert Revision.objects.filter(object_id=str(story_history["story"].pk)).count() >= 3


def test_after_deletion_no_history_row_names_the_member(story_history, zoe):
    pk = zoe.pk
    services.account_delete(user=zoe)
    rows = _history_rows()
    assert not _names_member(_serialised(rows))
    for user_id, _label, content in rows["revisions"]:
        assert user_id != pk
        assert pk not in _user_ids(content)
    for user_id, _label, data, _action in rows["page_log"] + rows["model_log"]:
        assert user_id != pk
        assert pk not in _user_ids(data)
    assert pk not in rows["workflows"]
    assert pk not in [finished_by for finished_by, _ in rows["tasks"]]
    # Her own comment went with her account (and its reply); the editor's stays, redacted.
    assert [text for _user, text, _ in rows["comments"]] == [f"Check the dates with {REDACTED}."]
    assert rows["replies"] == []
    # The history is still there, and still says what happened.
    story = story_history["story"]
    actions = set(PageLogEntry.objects.filter(page=story).values_list("action", flat=True))
    assert {"wagtail.create", "wagtail.publish", "wagtail.workflow.approve"} <= actions
    assert TaskState.objects.filter(comment=f"{REDACTED}: please add dates.").exists()
    assert Revision.objects.filter(object_id=str(story.pk)).count() >= 3


def test_reverting_to_an_old_revision_works_and_names_nobody(story_history, zoe, client):
    pk = zoe.pk
    services.account_delete(user=zoe)
    story, editor = story_history["story"], story_history["editor"]
    credited = Revision.objects.get(pk=story_history["credited"].pk)
    # In the admin: the revert screen and the comparison open and name nobody.
    client.force_login(editor)
    response = client.get(
        reverse("wagtailadmin_pages:revisions_revert", args=[story.pk, credited.pk])
    )
    assert response.status_code == 200
    assert not _names_member(response.content.decode())
    compare = client.get(
        reverse("wagtailadmin_pages:revisions_compare", args=[story.pk, credited.pk, "latest"])
    )
    assert compare.status_code == 200
    assert not _names_member(compare.content.decode())
    # Reverting (the revision as a page, published again) works.
    reverted = credited.as_object()
    reverted.save_revision(user=editor, log_action=True, previous_revision=credited).publish(
        user=editor
    )
    connection.check_constraints()  # no row points at the deleted account
    story = StoryPage.objects.get(pk=story.pk)
    assert story.live and story.summary == "Residents vote on a tenth of it."
    assert story.submitted_by is None and story.owner is None
    assert story.pull_quote_attribution == ""
    assert not StoryPerson.objects.filter(page=story).exists()
    assert not StoryPerson.objects.filter(member_id=pk).exists()
    html = client.get(story.url).content.decode()
    assert "Our council opened its budget" in html
    assert not _names_member(html)


def test_scrubbing_leaves_other_members_alone(story_history, zoe):
    other = UserFactory(email="amina@example.org", name="Amina Diallo")
    story = story_history["story"]
    story.pull_quote_attribution = "Amina Diallo"
    story.people.add(StoryPerson(member=other, role="Ally", consent=True))
    story.save_revision(user=other)
    services.account_delete(user=zoe)
    latest = Revision.objects.filter(object_id=str(story.pk)).order_by("-pk").first()
    assert latest.user_id == other.pk
    assert latest.content["pull_quote_attribution"] == "Amina Diallo"
    assert [p["member"] for p in latest.content["people"]] == [other.pk]
    assert latest.content["owner"] is None  # Zoë owned the page


def test_traces_find_every_address_and_name(zoe):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=zoe, email="zoe@old-ngo.example", verified=True)
    traces = MemberTraces.of(zoe)
    assert EMAIL in traces.texts and "zoe@old-ngo.example" in traces.texts
    assert NAME in traces.texts
    # Two letters are too short to look for in free text.
    short = UserFactory(name="Al")
    short.profile.display_name = "Al"
    short.profile.save()
    assert "Al" not in MemberTraces.of(short).texts
    # Whole words only: another word containing the name is left alone.
    log(zoe.profile, "community.reveal_email", data={"text": f"{NAME}s and {NAME}"})
    scrub_member_history(MemberTraces(pk=-1, texts=(NAME,)))
    entry = ModelLogEntry.objects.get(action="community.reveal_email")
    assert entry.data["text"] == f"{NAME}s and {REDACTED}"
