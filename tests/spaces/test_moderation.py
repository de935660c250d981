"""Reported posts in groups: the one moderation queue, hosts within their group and
moderators everywhere, every action in the log, and what readers see afterwards."""

from datetime import timedelta

from django.utils import timezone

import pytest

from community.factories import make_member
from home.errors import NotAllowed
from home.models import Notification, OutboxEmail
from home.permissions import ensure_groups
from messaging import services as queue
from messaging.errors import MessagingError
from messaging.models import MessagingSettings, ModerationAction, Report
from spaces import permissions
from spaces.errors import SpaceError
from spaces.factories import add_member
from spaces.models import Membership, Post, Thread
from spaces.services.moderation import host_report_act, post_report

from .conftest import space_with_host

pytestmark = pytest.mark.django_db


def write(space, author, body, *, thread=None, title="Budget transparency", now=None):
    now = now or timezone.now()
    if thread is None:
        thread = Thread.objects.create(
            space=space, author=author, title=title, created_at=now, last_post_at=now
        )
    post = Post.objects.create(
        thread=thread,
        author=author,
        body=body,
        html=f"<p>{body}</p>",
        language="en",
        created_at=now,
    )
    Thread.objects.filter(pk=thread.pk).update(post_count=thread.posts.count(), last_post_at=now)
    return post


@pytest.fixture
def moderator(db):
    user = make_member(display_name="Mona Moderator")
    user.groups.add(ensure_groups()["Community moderators"])
    return user


@pytest.fixture
def rude(open_space, amina, bruno):
    """Bruno writes something rude in a thread Amina started; both are members."""
    add_member(open_space, amina)
    add_member(open_space, bruno)
    opening = write(open_space, amina, "How do we publish the budget?")
    return write(open_space, bruno, "You are all useless", thread=opening.thread)


def emails(user, kind):
    return list(OutboxEmail.objects.filter(to=user.email, reason=kind).order_by("pk"))


def report_url(post):
    return f"/en/groups/posts/{post.pk}/report/"


def reports_url(space):
    return f"/en/groups/{space.slug}/reports/"


def action_url(space, report, action):
    return f"/en/groups/{space.slug}/reports/{report.pk}/{action}/"


# ---------------------------------------------------------------------------
# Reporting
# ---------------------------------------------------------------------------
def test_the_report_form_shows_the_post_and_the_reasons(client, rude, amina):
    client.force_login(amina)
    page = client.get(report_url(rude)).content.decode()
    assert "You are all useless" in page and "Bruno Costa" in page
    assert 'type="radio"' in page and "Harassment or intimidation" in page
    assert "Up to 1,000 characters." in page


def test_reporting_goes_to_the_queue_with_a_copy_and_thanks_the_reporter(
    client, rude, amina, bruno, open_space
):
    client.force_login(amina)
    response = client.post(report_url(rude), {"reason": "harassment", "comment": "Third time"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Thank you for your report" in page
    assert f'name="user" value="{bruno.pk}"' in page and "Block Bruno Costa" in page
    report = Report.objects.get()
    assert (report.subject, report.target_id, report.scope) == (
        "post",
        rude.pk,
        f"space:{open_space.pk}",
    )
    assert report.reported == bruno and report.reporter == amina
    assert report.comment == "Third time"
    assert report.evidence[0]["body"] == "You are all useless"
    assert report.evidence[0]["sender"] == "Bruno Costa"
    assert report.place_label.endswith("Budget transparency")


def test_the_copy_does_not_change_when_the_author_edits(rude, amina):
    report = post_report(reporter=amina, post=rude, reason="harassment")
    Post.objects.filter(pk=rude.pk).update(body="I was joking", edited_at=timezone.now())
    report.refresh_from_db()
    assert report.evidence[0]["body"] == "You are all useless"


def test_moderators_and_the_groups_hosts_are_told(rude, amina, bruno, host, moderator):
    other_host = make_member(display_name="Olga Other")
    space_with_host(other_host)
    report = post_report(reporter=amina, post=rude, reason="spam")
    received = set(
        Notification.objects.filter(kind="messaging.report_received").values_list(
            "recipient", flat=True
        )
    )
    assert moderator.pk in received and not received & {amina.pk, bruno.pk, host.pk}
    hosts_told = set(
        Notification.objects.filter(kind="spaces.post_reported").values_list("recipient", flat=True)
    )
    assert hosts_told == {host.pk}
    (to_moderator,) = emails(moderator, "messaging.report_received")
    assert "A member reported something on OpenGov Collective: A post in a group." in (
        to_moderator.body_text
    )
    assert f"/admin/reported-messages/{report.pk}/" in to_moderator.body_text
    assert "useless" not in to_moderator.body_text
    (email,) = emails(host, "spaces.post_reported")
    assert "Spam or unwanted promotion" in email.body_text
    assert "/en/groups/open-coalition/reports/" in email.body_text
    assert "useless" not in email.body_text
    assert report.status == Report.Status.OPEN


def test_one_cannot_report_ones_own_post(client, rude, bruno):
    client.force_login(bruno)
    page = client.get(report_url(rude)).content.decode()
    assert "You cannot report your own post." in page
    assert 'name="reason"' not in page
    with pytest.raises(SpaceError) as error:
        post_report(reporter=bruno, post=rude, reason="spam")
    assert error.value.code == "own_post"
    response = client.post(report_url(rude), {"reason": "spam"})
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_reporting_twice_is_refused_and_keeps_what_was_typed(client, rude, amina):
    client.force_login(amina)
    client.post(report_url(rude), {"reason": "spam"})
    response = client.post(report_url(rude), {"reason": "spam", "comment": "Again please"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "You have already reported this." in page and "Again please" in page
    assert Report.objects.count() == 1
    with pytest.raises(SpaceError) as error:
        post_report(reporter=amina, post=rude, reason="spam")
    assert error.value.code == "already_reported"


def test_bad_input_keeps_the_comment_and_never_fails(client, rude, amina):
    client.force_login(amina)
    response = client.post(report_url(rude), {"reason": "nonsense", "comment": "Kept text"})
    assert response.status_code == 400 and "Kept text" in response.content.decode()
    too_long = client.post(report_url(rude), {"reason": "spam", "comment": "x" * 1001})
    assert too_long.status_code == 400 and "x" * 1001 in too_long.content.decode()
    assert client.get("/en/groups/posts/999999/report/").status_code == 404
    assert not Report.objects.exists()


def test_who_cannot_read_the_post_cannot_report_it(client, rude, open_space, secret_space, host):
    outsider = make_member(display_name="Carla Outsider")
    client.force_login(outsider)
    assert client.get(report_url(rude)).status_code == 404
    assert client.post(report_url(rude), {"reason": "spam"}).status_code == 404
    with pytest.raises(SpaceError) as error:
        post_report(reporter=outsider, post=rude, reason="spam")
    assert error.value.code == "not_found" and error.value.status == 404
    hidden = write(secret_space, host, "Secret words")
    assert client.get(report_url(hidden)).status_code == 404
    client.logout()
    assert client.get(report_url(rude)).status_code == 302  # sign in first
    assert not Report.objects.exists()


def test_a_hidden_thread_or_a_removed_post_cannot_be_reported(rude, amina, host):
    Thread.objects.filter(pk=rude.thread_id).update(hidden_at=timezone.now(), hidden_by=host)
    rude.refresh_from_db()
    with pytest.raises(SpaceError) as error:
        post_report(reporter=amina, post=rude, reason="spam")
    assert error.value.code == "not_found"
    Thread.objects.filter(pk=rude.thread_id).update(hidden_at=None)
    Post.objects.filter(pk=rude.pk).update(removed_at=timezone.now())
    with pytest.raises(SpaceError) as error:
        post_report(reporter=amina, post=rude, reason="spam")
    assert error.value.code == "gone"


# ---------------------------------------------------------------------------
# Hosts, within their group
# ---------------------------------------------------------------------------
def test_hosts_read_the_open_reports_of_their_group(client, rude, amina, host, open_space):
    post_report(reporter=amina, post=rude, reason="harassment", comment="Third time")
    client.force_login(host)
    page = client.get(reports_url(open_space)).content.decode()
    assert "Reported posts" in page
    assert "You are all useless" in page and "Bruno Costa" in page and "Third time" in page
    assert "Harassment or intimidation" in page
    for action in ("dismiss", "remove", "exclude"):
        assert action_url(open_space, Report.objects.get(), action) in page


def test_members_and_other_hosts_may_not_open_the_reports(client, rude, amina, bruno):
    report = post_report(reporter=amina, post=rude, reason="spam")
    space = rude.thread.space
    client.force_login(bruno)
    assert client.get(reports_url(space)).status_code == 403
    assert client.get(action_url(space, report, "remove")).status_code == 403
    other_host = make_member(display_name="Olga Other")
    elsewhere = space_with_host(other_host, slug="elsewhere")
    client.force_login(other_host)
    assert client.get(reports_url(space)).status_code == 403
    # Their own group's pages do not reach another group's reports.
    assert "useless" not in client.get(reports_url(elsewhere)).content.decode()
    assert client.get(action_url(elsewhere, report, "remove")).status_code == 404
    assert (
        client.post(action_url(elsewhere, report, "remove"), {"confirm": "on"}).status_code == 404
    )
    with pytest.raises(SpaceError) as error:
        host_report_act(host=other_host, space=elsewhere, report=report, action="remove")
    assert error.value.code == "not_found"
    with pytest.raises(NotAllowed):
        queue.content_remove(moderator=other_host, report=report)
    rude.refresh_from_db()
    assert rude.removed_at is None and not ModerationAction.objects.exists()


def test_a_host_removes_the_post_after_a_confirmation_page(
    client, rude, amina, bruno, host, open_space
):
    report = post_report(reporter=amina, post=rude, reason="harassment")
    client.force_login(host)
    page = client.get(action_url(open_space, report, "remove")).content.decode()
    assert "Remove the post" in page and "You are all useless" in page
    assert "“Removed by a moderator”" in page
    unconfirmed = client.post(action_url(open_space, report, "remove"), {"note": "Be kind"})
    assert unconfirmed.status_code == 400 and "Be kind" in unconfirmed.content.decode()
    assert Post.objects.get(pk=rude.pk).removed_at is None

    response = client.post(
        action_url(open_space, report, "remove"), {"note": "Be kind", "confirm": "on"}
    )
    assert response.status_code == 302 and response["Location"] == reports_url(open_space)
    rude.refresh_from_db()
    assert rude.removed_at is not None and rude.body == "" and rude.html == ""
    report.refresh_from_db()
    assert report.status == Report.Status.ACTIONED and report.resolved_by == host
    assert report.evidence[0]["body"] == "You are all useless"  # the copy stays
    (logged,) = ModerationAction.objects.all()
    assert (logged.action, logged.moderator, logged.member, logged.note) == (
        "remove",
        host,
        bruno,
        "Be kind",
    )
    assert logged.label == "Removed the post"
    (email,) = emails(bruno, "spaces.post_removed")
    assert "Be kind" in email.body_text and open_space.name in email.body_text
    assert f"/en/groups/open-coalition/discussions/{rude.thread_id}/" in email.body_text
    assert emails(amina, "messaging.report_resolved")
    # Nothing is left to act on.
    page = client.get(reports_url(open_space)).content.decode()
    assert "You are all useless" not in page and "No post in this group is waiting" in page


def test_a_host_dismisses_a_report(client, rude, amina, bruno, host, open_space):
    report = post_report(reporter=amina, post=rude, reason="spam")
    client.force_login(host)
    client.post(action_url(open_space, report, "dismiss"), {"note": "Fair", "confirm": "on"})
    report.refresh_from_db()
    rude.refresh_from_db()
    assert report.status == Report.Status.DISMISSED and rude.removed_at is None
    (logged,) = ModerationAction.objects.all()
    assert logged.action == "dismiss" and logged.moderator == host
    assert not emails(bruno, "spaces.post_removed")
    again = client.get(action_url(open_space, report, "dismiss"), follow=True)
    assert "This report has already been dealt with." in again.content.decode()


def test_a_host_removes_the_author_from_the_group(client, rude, amina, bruno, host, open_space):
    report = post_report(reporter=amina, post=rude, reason="threat")
    client.force_login(host)
    page = client.get(action_url(open_space, report, "exclude")).content.decode()
    assert "Bruno Costa is no longer a member of this group" in page
    client.post(action_url(open_space, report, "exclude"), {"confirm": "on"})
    assert not Membership.objects.filter(space=open_space, user=bruno).exists()
    assert not permissions.can_read(bruno, open_space)
    rude.refresh_from_db()
    assert rude.removed_at is None  # their posts stay
    (logged,) = ModerationAction.objects.all()
    assert (logged.action, logged.member, logged.label) == (
        "exclude",
        bruno,
        "Removed the member from the group",
    )
    report.refresh_from_db()
    assert report.status == Report.Status.ACTIONED


def test_a_host_cannot_act_on_a_report_about_themselves(rude, amina, host, open_space):
    own = write(open_space, host, "The host's rude post", thread=rude.thread)
    report = post_report(reporter=amina, post=own, reason="spam")
    with pytest.raises(MessagingError) as error:
        host_report_act(host=host, space=open_space, report=report, action="remove")
    assert error.value.code == "about_you"
    with pytest.raises(MessagingError):
        host_report_act(host=host, space=open_space, report=report, action="dismiss")
    own.refresh_from_db()
    assert own.removed_at is None and not ModerationAction.objects.exists()


def test_an_unknown_action_or_report_answers_404(client, rude, amina, host, open_space):
    report = post_report(reporter=amina, post=rude, reason="spam")
    client.force_login(host)
    assert client.get(action_url(open_space, report, "explode")).status_code == 404
    assert client.get(f"/en/groups/{open_space.slug}/reports/999999/remove/").status_code == 404


# ---------------------------------------------------------------------------
# Moderators, everywhere, from the admin desk
# ---------------------------------------------------------------------------
def test_moderators_see_post_reports_on_the_desk_and_remove_them(
    client, rude, amina, bruno, moderator
):
    report = post_report(reporter=amina, post=rude, reason="harassment")
    client.force_login(moderator)
    listing = client.get("/admin/reported-messages/").content.decode()
    assert "A post in a group" in listing and "Budget transparency" in listing
    filtered = client.get("/admin/reported-messages/?about=post").content.decode()
    assert f"/admin/reported-messages/{report.pk}/" in filtered
    detail = client.get(f"/admin/reported-messages/{report.pk}/").content.decode()
    assert "The post, as it was when reported" in detail and "You are all useless" in detail
    assert "Remove the post" in detail
    confirm = client.get(f"/admin/reported-messages/{report.pk}/remove/").content.decode()
    assert "Removed by a moderator" in confirm
    client.post(
        f"/admin/reported-messages/{report.pk}/remove/", {"note": "Not here", "confirm": "on"}
    )
    rude.refresh_from_db()
    assert rude.removed_at is not None and rude.body == ""
    (logged,) = ModerationAction.objects.all()
    assert logged.moderator == moderator and logged.action == "remove"
    (email,) = emails(bruno, "spaces.post_removed")
    assert "Not here" in email.body_text
    log = client.get("/admin/moderation-log/").content.decode()
    assert "Removed the post" in log


def test_a_moderators_suspension_stops_posting_in_groups(client, rude, amina, bruno, moderator):
    report = post_report(reporter=amina, post=rude, reason="threat")
    space = rude.thread.space
    assert permissions.can_post(bruno, space)
    client.force_login(moderator)
    response = client.post(
        f"/admin/reported-messages/{report.pk}/suspend/",
        {"days": "7", "note": "Threats are not allowed", "confirm": "on"},
    )
    assert response.status_code == 302
    assert MessagingSettings.objects.get(user=bruno).is_suspended(timezone.now())
    space.__dict__.pop("_memberships", None)
    assert not permissions.can_post(bruno, space)
    assert permissions.can_read(bruno, space)
    assert ModerationAction.objects.get().action == "suspend"
    assert emails(bruno, "messaging.member_suspended")
    assert not permissions.can_post(bruno, space, rude.thread)
    later = timezone.now() + timedelta(days=8)
    assert not MessagingSettings.objects.get(user=bruno).is_suspended(later)


def test_moderators_act_on_every_groups_reports_even_without_hosting(rude, amina, moderator):
    report = post_report(reporter=amina, post=rude, reason="spam")
    queue.report_dismiss(moderator=moderator, report=report)
    report.refresh_from_db()
    assert report.status == Report.Status.DISMISSED


# ---------------------------------------------------------------------------
# What readers see
# ---------------------------------------------------------------------------
def test_readers_see_removed_by_a_moderator_in_the_thread(client, rude, amina, host, open_space):
    from spaces.views import threads

    if (threads.__doc__ or "").startswith("Stub"):
        pytest.skip("the thread page is built by the discussions part")
    report = post_report(reporter=amina, post=rude, reason="spam")
    host_report_act(host=host, space=open_space, report=report, action="remove")
    client.force_login(amina)
    page = client.get(f"/en/groups/{open_space.slug}/discussions/{rude.thread_id}/")
    text = page.content.decode()
    assert "Removed by a moderator" in text and "You are all useless" not in text


def test_a_removed_post_no_longer_repeats_in_the_replies_quoting_it(rude, amina, host, open_space):
    quoting = write(open_space, amina, "Please do not say that", thread=rude.thread)
    Post.objects.filter(pk=quoting.pk).update(quote=rude, quote_text=rude.body)
    report = post_report(reporter=amina, post=rude, reason="spam")
    host_report_act(host=host, space=open_space, report=report, action="remove")
    quoting.refresh_from_db()
    assert quoting.quote_text == "" and quoting.body == "Please do not say that"


# ---------------------------------------------------------------------------
# The hosts' page costs a bounded number of queries
# ---------------------------------------------------------------------------
@pytest.mark.parametrize("count", [2, 12])
def test_the_reports_page_costs_the_same_whatever_the_number(
    client, open_space, host, amina, django_assert_max_num_queries, count
):
    add_member(open_space, amina)
    thread = write(open_space, host, "Opening").thread
    for n in range(count):
        author = make_member(display_name=f"Author {n}")
        add_member(open_space, author)
        post = write(open_space, author, f"Rude words {n}", thread=thread)
        post_report(reporter=amina, post=post, reason="spam")
    client.force_login(host)
    with django_assert_max_num_queries(24):
        page = client.get(reports_url(open_space))
    assert page.content.decode().count("Rude words") == count


# ---------------------------------------------------------------------------
# One queue that knows no app
# ---------------------------------------------------------------------------
def test_messaging_never_imports_spaces():
    from pathlib import Path

    import messaging

    root = Path(messaging.__file__).parent
    for path in root.rglob("*.py"):
        text = path.read_text()
        assert "from spaces" not in text and "import spaces" not in text, path


def test_message_reports_keep_their_behaviour_and_name_their_subject(site):
    from messaging.services import conversation_start, message_send, report_message
    from tests.messaging.conftest import connect

    amina = make_member(display_name="Amina Diallo")
    bruno = make_member(display_name="Bruno Costa")
    connect(amina, bruno)
    conversation = conversation_start(sender=amina, recipients=[bruno], body="Hola")
    rude = message_send(sender=bruno, conversation=conversation, body="Rude words")
    report = report_message(reporter=amina, message=rude, reason="spam")
    assert (report.subject, report.target_id, report.scope) == ("message", rude.pk, "")
    assert report.target is None and report.get_subject_display() == "A message"


def test_the_moderation_log_shows_what_hosts_did(client, rude, amina, host, moderator):
    report = post_report(reporter=amina, post=rude, reason="spam")
    host_report_act(host=host, space=rude.thread.space, report=report, action="remove")
    client.force_login(moderator)
    log = client.get("/admin/moderation-log/").content.decode()
    assert "Removed the post" in log and "Hana Host" in log
    detail = client.get(f"/admin/reported-messages/{report.pk}/").content.decode()
    assert "Removed by a moderator" in detail and "Remove the post" not in detail


def test_what_was_written_is_shown_escaped_everywhere(client, open_space, amina, bruno, host):
    add_member(open_space, amina)
    add_member(open_space, bruno)
    post = write(open_space, bruno, "<script>alert(1)</script>")
    Post.objects.filter(pk=post.pk).update(html="")
    client.force_login(amina)
    form = client.get(report_url(post)).content.decode()
    assert "<script>alert(1)</script>" not in form and "&lt;script&gt;" in form
    post_report(reporter=amina, post=post, reason="spam")
    client.force_login(host)
    listing = client.get(reports_url(open_space)).content.decode()
    assert "<script>alert(1)</script>" not in listing and "&lt;script&gt;" in listing


def test_moderators_warn_the_author_of_a_reported_post(client, rude, amina, bruno, moderator):
    report = post_report(reporter=amina, post=rude, reason="harassment")
    client.force_login(moderator)
    missing_note = client.post(f"/admin/reported-messages/{report.pk}/warn/", {"confirm": "on"})
    assert missing_note.status_code == 400
    client.post(
        f"/admin/reported-messages/{report.pk}/warn/",
        {"note": "Please keep it civil", "confirm": "on"},
    )
    (logged,) = ModerationAction.objects.all()
    assert (logged.action, logged.member, logged.moderator) == ("warn", bruno, moderator)
    (email,) = emails(bruno, "messaging.member_warned")
    assert "Please keep it civil" in email.body_text
    rude.refresh_from_db()
    assert rude.removed_at is None
