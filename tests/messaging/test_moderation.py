"""Reports → the moderation queue → each action, end to end through the screens.

A member reports what they can see; moderators (the Community moderators group) read only
the copy taken at that moment, act through a confirmation page, and every action is
logged and told to the member concerned, and to the reporter, in their own language.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

import pytest

from community.factories import UserFactory, make_member
from community.models import Block
from home.errors import NotAllowed
from home.models import Notification, OutboxEmail
from home.permissions import ensure_groups
from messaging.errors import MessagingError
from messaging.models import Attachment, MessagingSettings, ModerationAction, Report
from messaging.services import (
    conversation_start,
    member_suspend,
    message_delete,
    message_edit,
    message_send,
    report_conversation,
    report_dismiss,
    report_message,
)

from .conftest import connect

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(db):
    user = make_member(display_name="Mona Moderator")
    user.groups.add(ensure_groups()["Community moderators"])
    return user


@pytest.fixture
def editor(db):
    user = UserFactory()
    user.groups.add(ensure_groups()["Editors"])
    return user


@pytest.fixture
def talk(connected):
    """Amina (Spanish) writes to Bruno (French); Bruno answers rudely, with a file."""
    amina, bruno = connected
    amina.preferred_language = "es"
    amina.save(update_fields=["preferred_language"])
    bruno.preferred_language = "fr"
    bruno.save(update_fields=["preferred_language"])
    conversation = conversation_start(sender=amina, recipients=[bruno], body="Hola Bruno")
    rude = message_send(sender=bruno, conversation=conversation, body="You are worthless")
    attachment = Attachment.objects.create(
        message=rude,
        file=ContentFile(b"%PDF-1.4 insult", name="insult.pdf"),
        original_name="insult.pdf",
        content_type="application/pdf",
        size=15,
    )
    return amina, bruno, conversation, rude, attachment


def emails(user, kind):
    return list(OutboxEmail.objects.filter(to=user.email, reason=kind).order_by("pk"))


def report_through_form(client, amina, rude, **data):
    client.force_login(amina)
    return client.post(
        f"/en/messages/m/{rude.pk}/report/",
        {"reason": "harassment", "comment": "This is the third time", **data},
    )


# ---------------------------------------------------------------------------
# The member's side
# ---------------------------------------------------------------------------
def test_report_form_shows_the_message_and_works_without_javascript(client, site, talk):
    amina, bruno, conversation, rude, _attachment = talk
    client.force_login(amina)
    page = client.get(f"/en/messages/m/{rude.pk}/report/").content.decode()
    assert "You are worthless" in page
    assert "Bruno Costa" in page
    assert 'type="radio"' in page and "Harassment or intimidation" in page
    assert "Up to 1,000 characters." in page

    response = report_through_form(client, amina, rude)
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/messages/reports/{report.pk}/"
    assert report.reported == bruno and report.message == rude
    assert report.comment == "This is the third time"
    assert [item["body"] for item in report.evidence] == ["You are worthless"]
    assert report.evidence[0]["attachments"] == ["insult.pdf"]

    done = client.get(response["Location"]).content.decode()
    assert "Thank you for your report" in done
    assert 'action="/en/community/network/block/"' in done
    assert f'name="user" value="{bruno.pk}"' in done
    assert "Block Bruno Costa" in done
    # The offer is a real block form: posting it blocks.
    client.post("/en/community/network/block/", {"user": bruno.pk})
    assert Block.objects.filter(blocker=amina, blocked=bruno).exists()
    assert "Block Bruno Costa" not in client.get(response["Location"]).content.decode()


def test_moderators_are_told_without_the_message(client, site, talk, moderator):
    amina, bruno, conversation, rude, _attachment = talk
    other_staff = UserFactory()
    other_staff.groups.add(ensure_groups()["Editors"])
    report_through_form(client, amina, rude)
    report = Report.objects.get()
    told = Notification.objects.filter(kind="messaging.report_received")
    told_ids = set(told.values_list("recipient", flat=True))
    assert moderator.pk in told_ids
    assert not told_ids & {other_staff.pk, amina.pk, bruno.pk}
    (email,) = emails(moderator, "messaging.report_received")
    assert "Harassment or intimidation" in email.body_text
    assert f"/admin/reported-messages/{report.pk}/" in email.body_text
    assert "worthless" not in email.body_text


def test_the_copy_does_not_change_when_the_sender_edits_or_deletes(talk):
    amina, bruno, conversation, rude, _attachment = talk
    now = timezone.now()
    report = report_message(reporter=amina, message=rude, reason="harassment", now=now)
    message_edit(user=bruno, message=rude, body="I was joking", now=now + timedelta(minutes=1))
    message_delete(user=bruno, message=rude, now=now + timedelta(minutes=2))
    report.refresh_from_db()
    assert report.evidence[0]["body"] == "You are worthless"


def test_reporting_twice_is_refused_clearly_and_keeps_what_was_typed(client, site, talk):
    amina, bruno, conversation, rude, _attachment = talk
    report_through_form(client, amina, rude)
    response = report_through_form(client, amina, rude, comment="Again, please look")
    page = response.content.decode()
    assert response.status_code == 400
    assert "You have already reported this." in page
    assert "Again, please look" in page
    assert Report.objects.count() == 1


def test_a_report_without_a_reason_keeps_the_comment(client, site, talk):
    amina, bruno, conversation, rude, _attachment = talk
    response = report_through_form(client, amina, rude, reason="", comment="Kept text")
    assert response.status_code == 400
    assert "Kept text" in response.content.decode()
    assert not Report.objects.exists()


def test_one_cannot_report_ones_own_message(client, site, talk):
    amina, bruno, conversation, rude, _attachment = talk
    client.force_login(bruno)
    page = client.get(f"/en/messages/m/{rude.pk}/report/").content.decode()
    assert "You cannot report your own message." in page
    assert 'name="reason"' not in page
    with pytest.raises(MessagingError) as error:
        report_message(reporter=bruno, message=rude, reason="spam")
    assert error.value.code == "own_message"


def test_what_a_member_may_not_see_answers_404(client, site, talk):
    amina, bruno, conversation, rude, _attachment = talk
    outsider = make_member(display_name="Carla Outsider")
    client.force_login(outsider)
    assert client.get(f"/en/messages/m/{rude.pk}/report/").status_code == 404
    assert client.post(f"/en/messages/m/{rude.pk}/report/", {"reason": "spam"}).status_code == 404
    assert client.get(f"/en/messages/{conversation.pk}/report/").status_code == 404
    report = report_message(reporter=amina, message=rude, reason="spam")
    assert client.get(f"/en/messages/reports/{report.pk}/").status_code == 404
    client.force_login(bruno)  # the reported member cannot see the report either
    assert client.get(f"/en/messages/reports/{report.pk}/").status_code == 404
    with pytest.raises(MessagingError) as error:
        report_message(reporter=outsider, message=rude, reason="spam")
    assert error.value.code == "not_participant"
    message_delete(user=bruno, message=rude)
    client.force_login(amina)
    assert client.get(f"/en/messages/m/{rude.pk}/report/").status_code == 404


def test_reporting_a_conversation_copies_the_others_latest_messages(client, site, connected):
    amina, bruno = connected
    conversation = conversation_start(sender=amina, recipients=[bruno], body="Mine, not copied")
    start = timezone.now()
    for n in range(22):
        message_send(
            sender=bruno,
            conversation=conversation,
            body=f"Bruno {n}",
            now=start + timedelta(minutes=n),
        )
    client.force_login(amina)
    response = client.post(f"/en/messages/{conversation.pk}/report/", {"reason": "spam"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.message is None and report.reported == bruno
    assert [item["body"] for item in report.evidence] == [f"Bruno {n}" for n in range(2, 22)]


# ---------------------------------------------------------------------------
# The moderators' side, through the admin
# ---------------------------------------------------------------------------
def test_queue_report_page_and_removal_end_to_end(client, site, talk, moderator):
    amina, bruno, conversation, rude, attachment = talk
    storage, name = attachment.file.storage, attachment.file.name
    assert storage.exists(name)
    report_through_form(client, amina, rude)
    report = Report.objects.get()

    client.force_login(moderator)
    admin_home = client.get("/admin/").content.decode()
    assert "Reported messages" in admin_home
    queue = client.get("/admin/reported-messages/").content.decode()
    assert "Harassment or intimidation" in queue and "Bruno Costa" in queue
    detail = client.get(f"/admin/reported-messages/{report.pk}/").content.decode()
    assert "You are worthless" in detail
    assert "This is the third time" in detail
    assert "Bruno Costa" in detail and "insult.pdf" in detail
    assert "Hola Bruno" not in detail  # only what was reported
    assert f"/admin/reported-messages/{report.pk}/remove/" in detail

    confirm = client.get(f"/admin/reported-messages/{report.pk}/remove/").content.decode()
    assert "What will happen" in confirm
    assert "Removed by a moderator" in confirm
    # Without ticking the confirmation nothing happens, and the note is kept.
    response = client.post(
        f"/admin/reported-messages/{report.pk}/remove/", {"note": "Insults are not allowed"}
    )
    assert response.status_code == 400
    assert "Insults are not allowed" in response.content.decode()
    rude.refresh_from_db()
    assert rude.removed_at is None

    response = client.post(
        f"/admin/reported-messages/{report.pk}/remove/",
        {"note": "Insults are not allowed", "confirm": "on"},
    )
    assert response.status_code == 302
    rude.refresh_from_db()
    assert rude.removed_at is not None and rude.body == "" and rude.html == ""
    assert not Attachment.objects.exists()
    assert not storage.exists(name)
    report.refresh_from_db()
    assert report.status == Report.Status.ACTIONED and report.resolved_by == moderator
    action = ModerationAction.objects.get()
    assert (action.action, action.member, action.moderator, action.report) == (
        "remove",
        bruno,
        moderator,
        report,
    )
    (removed,) = emails(bruno, "messaging.message_removed")
    assert removed.language == "fr"
    assert "Insults are not allowed" in removed.body_text
    assert f"/fr/messages/{conversation.pk}/" in removed.body_text
    (resolved,) = emails(amina, "messaging.report_resolved")
    assert resolved.language == "es"
    assert "worthless" not in resolved.body_text and "Insults" not in resolved.body_text
    # The copy stays for moderators; the log lists the action.
    assert (
        "You are worthless" in client.get(f"/admin/reported-messages/{report.pk}/").content.decode()
    )
    log = client.get("/admin/moderation-log/").content.decode()
    assert "Removed the message" in log and "Bruno Costa" in log and "Mona Moderator" in log


def test_warn_then_suspend_then_lift(client, site, talk, moderator):
    amina, bruno, conversation, rude, _attachment = talk
    report = report_message(reporter=amina, message=rude, reason="threat")
    client.force_login(moderator)
    url = f"/admin/reported-messages/{report.pk}/warn/"
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    response = client.post(url, {"confirm": "on", "note": "Please be respectful"})
    assert response.status_code == 302
    (warned,) = emails(bruno, "messaging.member_warned")
    assert warned.language == "fr" and "Please be respectful" in warned.body_text

    before = timezone.now()
    response = client.post(
        f"/admin/reported-messages/{report.pk}/suspend/",
        {"confirm": "on", "note": "A week away", "days": "7"},
    )
    assert response.status_code == 302
    settings = MessagingSettings.objects.get(user=bruno)
    assert settings.suspended_at is not None
    assert before + timedelta(days=7) <= settings.suspended_until
    assert settings.suspended_until <= timezone.now() + timedelta(days=7)
    (suspended,) = emails(bruno, "messaging.member_suspended")
    assert "A week away" in suspended.body_text
    # The reporter is told once, however many actions follow.
    assert len(emails(amina, "messaging.report_resolved")) == 1
    assert list(
        ModerationAction.objects.order_by("created_at").values_list("action", flat=True)
    ) == ["warn", "suspend"]

    # The suspended member cannot send, and is told why.
    with pytest.raises(MessagingError) as error:
        message_send(sender=bruno, conversation=conversation, body="Still here")
    assert error.value.code == "suspended"
    assert "A moderator has suspended your messages." in error.value.message
    assert "suspended" in client.get(f"/admin/reported-messages/{report.pk}/").content.decode()

    log = client.get("/admin/moderation-log/").content.decode()
    assert "Suspended now" in log and f"/admin/moderation-log/suspensions/{bruno.pk}/lift/" in log
    lift = f"/admin/moderation-log/suspensions/{bruno.pk}/lift/"
    assert "can send messages again" in client.get(lift).content.decode()
    assert client.post(lift, {"note": "Welcome back"}).status_code == 302
    settings.refresh_from_db()
    assert settings.suspended_at is None
    (lifted,) = emails(bruno, "messaging.suspension_lifted")
    assert lifted.language == "fr"
    message_send(sender=bruno, conversation=conversation, body="Sorry")
    assert ModerationAction.objects.filter(action="lift", member=bruno).exists()


def test_suspension_until_lifted(talk, moderator):
    amina, bruno, conversation, rude, _attachment = talk
    member_suspend(moderator=moderator, member=bruno, days=None, note="Until we talk")
    settings = MessagingSettings.objects.get(user=bruno)
    assert settings.suspended_until is None
    assert settings.is_suspended(timezone.now() + timedelta(days=3650))
    (email,) = emails(bruno, "messaging.member_suspended")
    assert "jusqu’à nouvel ordre" in email.body_text  # Bruno reads French


def test_dismissal_tells_the_reporter_only(client, site, talk, moderator):
    amina, bruno, conversation, rude, _attachment = talk
    report = report_message(reporter=amina, message=rude, reason="other")
    client.force_login(moderator)
    url = f"/admin/reported-messages/{report.pk}/dismiss/"
    assert "The member is not told." in client.get(url).content.decode()
    assert client.post(url, {"confirm": "on", "note": "Banter"}).status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.DISMISSED
    assert len(emails(amina, "messaging.report_resolved")) == 1
    assert (
        not OutboxEmail.objects.filter(to=bruno.email)
        .exclude(reason__startswith="messaging.conversation")
        .exists()
    )
    assert ModerationAction.objects.get().action == "dismiss"
    # A closed report offers no more actions.
    response = client.get(url, follow=True)
    assert "This report has already been dealt with." in response.content.decode()
    assert response.redirect_chain[-1][0] == f"/admin/reported-messages/{report.pk}/"
    with pytest.raises(MessagingError) as error:
        report_dismiss(moderator=moderator, report=report)
    assert error.value.code == "report_closed"


def test_queue_puts_open_reports_first_and_filters(client, site, talk, moderator):
    amina, bruno, conversation, rude, _attachment = talk
    now = timezone.now()
    older = report_message(reporter=amina, message=rude, reason="spam", now=now - timedelta(days=2))
    report_dismiss(moderator=moderator, report=older)
    newer_closed = report_message(reporter=amina, message=rude, reason="threat", now=now)
    report_dismiss(moderator=moderator, report=newer_closed)
    open_ = report_conversation(
        reporter=amina, conversation=conversation, reason="harassment", now=now - timedelta(days=5)
    )
    client.force_login(moderator)
    page = client.get("/admin/reported-messages/").content.decode()
    links = [page.index(f"/admin/reported-messages/{r.pk}/") for r in (open_, newer_closed, older)]
    assert links == sorted(links)
    only_open = client.get("/admin/reported-messages/?status=open").content.decode()
    assert f"/admin/reported-messages/{open_.pk}/" in only_open
    assert f"/admin/reported-messages/{older.pk}/" not in only_open
    spam = client.get("/admin/reported-messages/?reason=spam").content.decode()
    assert f"/admin/reported-messages/{older.pk}/" in spam
    assert f"/admin/reported-messages/{open_.pk}/" not in spam


def test_group_conversation_report_asks_which_member(client, site, connected, moderator):
    amina, bruno = connected
    carla = make_member(display_name="Carla Reyes")
    connect(amina, carla)
    connect(bruno, carla)
    group = conversation_start(sender=amina, recipients=[bruno, carla], body="Welcome both")
    message_send(sender=carla, conversation=group, body="Spam spam spam")
    report = report_conversation(reporter=amina, conversation=group, reason="spam")
    assert report.reported is None
    client.force_login(moderator)
    url = f"/admin/reported-messages/{report.pk}/warn/"
    page = client.get(url).content.decode()
    assert "Carla Reyes" in page
    response = client.post(url, {"confirm": "on", "note": "No spam", "member": amina.pk})
    assert response.status_code == 400  # amina sent nothing in the copy
    response = client.post(url, {"confirm": "on", "note": "No spam", "member": carla.pk})
    assert response.status_code == 302
    assert ModerationAction.objects.get().member == carla


@pytest.mark.parametrize("size", [2, 12])
def test_queue_and_report_pages_cost_a_bounded_number_of_queries(
    client, site, connected, moderator, size, django_assert_max_num_queries
):
    amina, bruno = connected
    start = timezone.now() - timedelta(hours=1)
    conversation = conversation_start(
        sender=amina, recipients=[bruno], body="Hi", now=start - timedelta(minutes=1)
    )
    for n in range(size):
        message = message_send(
            sender=bruno, conversation=conversation, body=f"m{n}", now=start + timedelta(minutes=n)
        )
        report_message(reporter=amina, message=message, reason="spam")
    client.force_login(moderator)
    client.get("/admin/")  # warm the session and the admin's own caches
    with django_assert_max_num_queries(15):
        page = client.get("/admin/reported-messages/")
    assert page.content.decode().count("Spam or unwanted promotion") >= size
    report = Report.objects.first()
    with django_assert_max_num_queries(15):
        detail = client.get(f"/admin/reported-messages/{report.pk}/").content.decode()
    assert f"m{size - 1}" in detail
    with django_assert_max_num_queries(15):
        client.get("/admin/moderation-log/")
    client.force_login(amina)
    with django_assert_max_num_queries(22):
        page = client.get(f"/en/messages/m/{message.pk}/report/").content.decode()
    assert f"m{size - 1}" in page
    with django_assert_max_num_queries(22):
        client.get(f"/en/messages/reports/{report.pk}/")


# ---------------------------------------------------------------------------
# Who may moderate
# ---------------------------------------------------------------------------
def test_without_the_permission_there_is_no_menu_and_no_screen(client, site, talk, editor):
    amina, bruno, conversation, rude, _attachment = talk
    report = report_message(reporter=amina, message=rude, reason="harassment")
    urls = [
        "/admin/reported-messages/",
        f"/admin/reported-messages/{report.pk}/",
        f"/admin/reported-messages/{report.pk}/remove/",
        "/admin/moderation-log/",
    ]
    client.force_login(editor)
    assert "Reported messages" not in client.get("/admin/").content.decode()
    for url in urls:
        response = client.get(url, follow=True)
        page = response.content.decode()
        # Wagtail answers a refusal by going back to the dashboard, with its message.
        assert response.redirect_chain == [("/admin/", 302)]
        assert "Sorry, you do not have permission to access this area." in page
        assert "worthless" not in page
    assert client.post(urls[2], {"confirm": "on"}).status_code == 302
    client.force_login(amina)  # a member: no admin at all
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "worthless" not in response.content.decode()
    rude.refresh_from_db()
    assert rude.removed_at is None
    with pytest.raises(NotAllowed):
        report_dismiss(moderator=editor, report=report)
    with pytest.raises(NotAllowed):
        member_suspend(moderator=amina, member=bruno, days=7, note="No")


def test_a_moderator_cannot_open_a_conversation_they_are_not_in(client, site, talk, moderator):
    amina, bruno, conversation, rude, _attachment = talk
    report_message(reporter=amina, message=rude, reason="harassment")
    client.force_login(moderator)
    response = client.get(f"/en/messages/{conversation.pk}/")
    assert response.status_code == 404
    assert "Hola Bruno" not in response.content.decode()
    assert client.get(f"/en/messages/m/{rude.pk}/report/").status_code == 404


def test_a_moderator_cannot_act_about_themselves(connected, moderator):
    amina, bruno = connected
    connect(amina, moderator)
    conversation = conversation_start(sender=moderator, recipients=[amina], body="Hi")
    report = report_conversation(reporter=amina, conversation=conversation, reason="spam")
    assert report.reported == moderator
    assert not Notification.objects.filter(
        recipient=moderator, kind="messaging.report_received"
    ).exists()
    for call in (
        lambda: report_dismiss(moderator=moderator, report=report),
        lambda: member_suspend(moderator=moderator, member=moderator, days=7, note="Me"),
    ):
        with pytest.raises(MessagingError) as error:
            call()
        assert error.value.code == "about_you"


def test_in_a_group_the_copy_leaves_out_messages_of_someone_blocked(connected):
    amina, bruno = connected
    carla = make_member(display_name="Carla Reyes")
    connect(amina, carla)
    connect(bruno, carla)
    group = conversation_start(sender=amina, recipients=[bruno, carla], body="Welcome")
    message_send(sender=bruno, conversation=group, body="Before the block")
    Block.objects.create(blocker=amina, blocked=bruno)
    later = timezone.now() + timedelta(minutes=1)
    message_send(sender=bruno, conversation=group, body="After the block", now=later)
    message_send(sender=carla, conversation=group, body="Carla here", now=later)
    report = report_conversation(reporter=amina, conversation=group, reason="other")
    assert [item["body"] for item in report.evidence] == ["Before the block", "Carla here"]


def test_a_conversation_with_nothing_from_the_others_cannot_be_reported(client, site, connected):
    amina, bruno = connected
    conversation = conversation_start(sender=amina, recipients=[bruno], body="Only mine")
    client.force_login(amina)
    response = client.post(
        f"/en/messages/{conversation.pk}/report/", {"reason": "spam", "comment": "Typed"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "There is no message from anyone else here to report." in page
    assert "Typed" in page
    assert not Report.objects.exists()


def test_a_message_the_sender_deleted_is_not_offered_for_removal(client, site, talk, moderator):
    amina, bruno, conversation, rude, _attachment = talk
    report = report_message(reporter=amina, message=rude, reason="harassment")
    message_delete(user=bruno, message=rude)
    client.force_login(moderator)
    detail = client.get(f"/admin/reported-messages/{report.pk}/").content.decode()
    assert "You are worthless" in detail  # the copy stays
    assert f"/admin/reported-messages/{report.pk}/remove/" not in detail
    assert f"/admin/reported-messages/{report.pk}/warn/" in detail
    response = client.post(
        f"/admin/reported-messages/{report.pk}/remove/", {"confirm": "on"}, follow=True
    )
    assert "This message was deleted." in response.content.decode()
    assert not ModerationAction.objects.exists()


def test_the_report_pages_answer_in_french(client, site, talk):
    amina, bruno, conversation, rude, _attachment = talk
    client.force_login(amina)
    page = client.get(f"/fr/messages/m/{rude.pk}/report/")
    assert page.status_code == 200
    assert '<html lang="fr"' in page.content.decode()
    response = client.post(f"/fr/messages/m/{rude.pk}/report/", {"reason": "spam"})
    assert response["Location"].startswith("/fr/messages/reports/")
