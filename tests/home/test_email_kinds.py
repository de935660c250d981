"""Every kind of email the platform sends, sent for real through the journeys that cause it.

For each kind: the email is in the recipient's language, every link in it starts with
SITE_URL (and carries the recipient's language where the address has one), and every
link answers when followed: a page (200) or, for pages behind sign-in, a redirect to it.
A kind declared without a scenario here fails the test, so a new email cannot skip it.
"""

import re
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.test import Client
from django.utils import timezone

import pytest

from community.factories import PASSWORD, StaffFactory, UserFactory
from home.models import Delivery, NotificationPreference, OutboxEmail
from home.notify import kinds

pytestmark = pytest.mark.django_db

URL = re.compile(r"https?://[^\s<>\"')]+")
LANGUAGE_NEUTRAL = ("/admin/", "/documents/", "/media/")
#: Addresses people typed in (an online event's joining link): theirs, not the platform's.
PEOPLES_LINKS = {"meet.example.org"}

# Kinds our configuration never sends (allauth features that are switched off), each with
# the setting that switches it off; the test asserts the setting, so turning the feature on
# without a scenario fails.
NOT_SENT = {
    "account.unknown_account": ("ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS", False),
    "account.login_code": ("ACCOUNT_LOGIN_BY_CODE_ENABLED", False),
    "account.password_reset_code": ("ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED", False),
    # allauth 65 ships this template but no code sends it; declared so that it would
    # still go out properly (in the member's language, essential) if a release did.
    "account.email_confirm": (None, None),
}


# ---------------------------------------------------------------------------
# Scenarios: each makes the platform send one kind, and says to whom.
# ---------------------------------------------------------------------------

SCENARIOS = {}


def scenario(*keys):
    def register(fn):
        for key in keys:
            SCENARIOS[key] = fn
        return fn

    return register


def french(**kwargs):
    return UserFactory(preferred_language="fr", **kwargs)


def spanish(**kwargs):
    return UserFactory(preferred_language="es", **kwargs)


@scenario("community.connection_request", "community.connection_accepted")
def _connections(world, key):
    from community import services

    asker, asked = spanish(), french()
    _, request = services.connection_request(sender=asker, recipient=asked, note="Hola")
    if key == "community.connection_request":
        return asked
    services.connection_accept(request_id=request.pk, user=asked)
    return asker


@scenario("home.digest")
def _digest(world, key):
    from community import services
    from home.digests import digests_send

    member = spanish()
    NotificationPreference.objects.create(
        user=member, kind="community.connection_request", delivery=Delivery.WEEKLY
    )
    services.connection_request(sender=UserFactory(), recipient=member)
    digests_send(period="weekly")
    return member


def _cohort(world, *, opens=-1, closes=30, starts=60):
    from cohorts.factories import CohortPageFactory, ProgrammePageFactory

    now = timezone.now()
    programme = ProgrammePageFactory(parent=world["home"])
    return CohortPageFactory(
        parent=programme,
        applications_open=now + timedelta(days=opens),
        applications_close=now + timedelta(days=closes),
        start_date=(now + timedelta(days=starts)).date(),
        end_date=(now + timedelta(days=starts + 30)).date(),
    )


def _apply(cohort, member):
    from cohorts import services

    application = services.application_start(cohort=cohort, member=member)
    answers = {q["id"]: "Because." for q in cohort.question_list() if q["kind"] != "file"}
    application = services.application_save(
        application=application,
        member=member,
        data={"country": "KE", "sector": "national_government", "scope": "national"},
        answers=answers,
    )
    return services.application_submit(application=application, member=member)


def _manager():
    from cohorts.permissions import ensure_groups

    user = french(is_staff=True)
    user.groups.add(ensure_groups()["Programme staff"])
    return user


@scenario("cohorts.application_submitted")
def _applied(world, key):
    member = french()
    _apply(_cohort(world), member)
    return member


@scenario("cohorts.deadline_draft")
def _draft_reminded(world, key):
    from cohorts import services
    from home import reminders

    cohort = _cohort(world, closes=2)
    member = spanish()
    services.application_start(cohort=cohort, member=member)
    reminders.send_due(now=cohort.applications_close - timedelta(hours=12))
    return member


@scenario("cohorts.decision", "cohorts.place_released")
def _decision(world, key):
    from cohorts import services

    cohort = _cohort(world)
    member, manager = spanish(), _manager()
    application = _apply(cohort, member)
    for status in ("under_review", "shortlisted", "accepted"):
        services.application_transition(application=application, to_status=status, by=manager)
    services.decisions_release(cohort=cohort, by=manager, override=True)
    if key == "cohorts.decision":
        return member
    application.refresh_from_db()
    services.application_withdraw(application=application, member=member)
    return manager


@scenario("cohorts.certificate_issued", "cohorts.certificate_revoked")
def _certificate(world, key):
    from cohorts import services
    from cohorts.models import Participant

    cohort = _cohort(world, opens=-90, closes=-60, starts=-40)
    member, manager = french(), _manager()
    participant = Participant.objects.create(cohort=cohort, user=member)
    services.participant_set_completion(participant=participant, completed=True, by=manager)
    if key == "cohorts.certificate_revoked":
        services.certificate_revoke(
            certificate=participant.certificate, by=manager, reason="Issued in error"
        )
    return member


def _event(world, **kwargs):
    from events.factories import EventIndexPageFactory, EventPageFactory

    index = world.get("event_index")
    if index is None:
        index = world["event_index"] = EventIndexPageFactory(parent=world["home"], slug="events")
        index.save_revision().publish()
    event = EventPageFactory(parent=index, **kwargs)
    event.save_revision().publish()
    event.refresh_from_db()
    return event


@scenario("cohorts.review_deadline")
def _reviewer_reminded(world, key):
    from cohorts import services
    from cohorts.models import CohortPage
    from cohorts.permissions import ensure_groups
    from home import reminders

    cohort = _cohort(world)
    application = _apply(cohort, french())
    reviewer = spanish()
    reviewer.groups.add(ensure_groups()["Cohort reviewers"])
    services.assignment_add(application=application, reviewer=reviewer, by=_manager())
    deadline = timezone.now() + timedelta(days=2)
    CohortPage.objects.filter(pk=cohort.pk).update(review_deadline=deadline)
    reminders.send_due(now=deadline - timedelta(hours=12))
    return reviewer


@scenario("events.switched")
def _switched(world, key):
    from events import services

    event = _event(world, attendance_mode="hybrid", capacity=5, online_capacity=5)
    member = spanish()
    registration = services.registration_create(
        event=event, user=member, place="online"
    ).registration
    services.registration_switch(registration=registration, place="in_person", by=member)
    return member


@scenario("events.confirmation", "events.cancelled", "events.message")
def _registered(world, key):
    from events import services

    event = _event(world, capacity=5)
    member = spanish()
    registration = services.registration_create(event=event, user=member).registration
    if key == "events.cancelled":
        services.registration_cancel(registration=registration, by=member)
    if key == "events.message":
        services.message_send(
            event=event, audience="confirmed", subject="Venue", body="Room 2.", by=StaffFactory()
        )
    return member


@scenario("events.changed", "events.cancelled_event")
def _event_changes(world, key):
    from datetime import timedelta

    from django.test import TestCase

    from events import services
    from events.models import EventPage, EventStatus

    event = _event(world, capacity=5)
    member = french()
    services.registration_create(event=event, user=member)
    page = EventPage.objects.get(pk=event.pk)
    if key == "events.changed":
        page.start_date += timedelta(days=1)
        page.end_date += timedelta(days=1)
    else:
        page.status = EventStatus.CANCELLED
    with TestCase.captureOnCommitCallbacks(execute=True):
        page.save_revision().publish()
    return member


@scenario("events.materials")
def _materials(world, key):
    from django.test import TestCase

    from events.models import EventPage, Registration

    day = (timezone.now() - timedelta(days=2)).date()
    event = _event(world, capacity=5, start_date=day, end_date=day)
    member = french()
    Registration.objects.create(event=event, user=member, name="A", email=member.email)
    page = EventPage.objects.get(pk=event.pk)
    page.materials = [
        {
            "type": "recording",
            "id": "recording",
            "value": {"title": "Plenary", "url": "https://youtu.be/dQw4w9WgXcQ", "public": True},
        }
    ]
    with TestCase.captureOnCommitCallbacks(execute=True):
        page.save_revision().publish()
    return member


@scenario("events.waitlisted", "events.promoted")
def _waiting(world, key):
    from events import services

    event = _event(world, capacity=1)
    first, waiting = UserFactory(), french()
    held = services.registration_create(event=event, user=first).registration
    services.registration_create(event=event, user=waiting)
    if key == "events.promoted":
        services.registration_cancel(registration=held, by=first)
    return waiting


@scenario("events.reminder")
def _reminder(world, key):
    from events import services

    start = (timezone.now() + timedelta(days=2)).replace(hour=10, minute=0, second=0)
    start = start.replace(microsecond=0)
    event = _event(
        world,
        capacity=5,
        start_date=start.date(),
        start_time=start.time(),
        end_date=start.date(),
        end_time=start.replace(hour=12).time(),
        timezone="UTC",
    )
    member = french()
    services.registration_create(event=event, user=member, now=start - timedelta(days=3))
    services.send_due_reminders(now=start - timedelta(hours=20))
    return member


@scenario("surveys.invitation")
def _survey_invitation(world, key):
    from events.models import Registration
    from surveys import services
    from surveys.factories import SurveyFactory
    from surveys.models import Audience

    start = (timezone.now() - timedelta(days=1)).replace(hour=10, minute=0, second=0)
    start = start.replace(microsecond=0)
    event = _event(
        world,
        capacity=5,
        start_date=start.date(),
        start_time=start.time(),
        end_date=start.date(),
        end_time=start.replace(hour=12).time(),
        timezone="UTC",
    )
    SurveyFactory(audience=Audience.AFTER_EVENT, opens_at=start - timedelta(days=7))
    member = french()
    Registration.objects.create(
        event=event, user=member, email=member.email, attended_at=start + timedelta(minutes=5)
    )
    services.send_after_events()
    return member


def _awards(world):
    from awards.factories import AwardCategoryFactory, AwardIndexPageFactory
    from awards.factories import AwardProgrammePageFactory as Factory
    from awards.models import AwardProgrammePage

    index = AwardIndexPageFactory(parent=world["home"])
    page = Factory(parent=index, notify_nominees=True)
    AwardCategoryFactory(page=page, name="Champions of civic space")
    return AwardProgrammePage.objects.get(pk=page.pk)


@scenario(
    "awards.nomination_submitted",
    "awards.nominee_notified",
    "awards.results_published",
    "awards.feedback",
)
def _nominated(world, key):
    from awards import services
    from tests.awards.conftest import nominate, set_phase

    programme = _awards(world)
    nominator, nominee = french(), spanish()
    nomination = nominate(programme, nominator, nominee_user=nominee)
    if key == "awards.nomination_submitted":
        return nominator
    if key == "awards.nominee_notified":
        return nominee
    staff = StaffFactory()
    set_phase(programme, "after")
    services.result_set(nomination=nomination, by=staff, award="winner", citation={})
    if key == "awards.feedback":
        services.feedback_set(nomination=nomination, text="A clear, lasting reform.", by=staff)
    services.results_publish(programme=programme, by=staff)
    return nominee if key == "awards.feedback" else nominator


@scenario("awards.deadline_draft", "awards.deadline_scoring", "awards.deadline_acceptance")
def _award_reminded(world, key):
    from awards.factories import AwardCriterionFactory
    from awards.models import AwardProgrammePage
    from home import reminders
    from tests.awards.conftest import nominate
    from tests.awards.test_reminders import appoint, draft

    programme = _awards(world)
    if key == "awards.deadline_draft":
        member = french()
        draft(programme, member)
        reminders.send_due(now=programme.nominations_close - timedelta(hours=12))
        return member
    if key == "awards.deadline_acceptance":
        nominee = french()
        nominate(programme, UserFactory(), nominee_user=nominee)
        reminders.send_due(now=programme.judging_close - timedelta(hours=12))
        return nominee
    AwardCriterionFactory(page=programme, name="Impact")
    nomination = nominate(programme, UserFactory())
    juror = spanish()
    appoint(programme, juror, nomination.category)
    now = timezone.now()
    AwardProgrammePage.objects.filter(pk=programme.pk).update(
        nominations_close=now - timedelta(days=1), judging_close=now + timedelta(days=2)
    )
    reminders.send_due(now=now + timedelta(days=1, hours=12))
    return juror


def _story_index(world):
    from content.factories import StoryIndexPageFactory

    index = world.get("stories")
    if index is None:
        index = world["stories"] = StoryIndexPageFactory(parent=world["home"])
    return index


def _propose(world, author):
    from content import services

    return services.story_propose(
        author=author,
        index=_story_index(world),
        title="How our council opened its budget",
        summary="Residents vote.",
        body="It started with a question.",
    )


def _moderator():
    user = french()
    user.groups.add(Group.objects.get_or_create(name="Moderators")[0])
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@scenario(
    "content.story_received",
    "content.story_approved",
    "content.story_rejected",
    "content.story_published",
    "home.workflow_submitted",
    "home.workflow_started",
)
def _story(world, key):
    moderator, superuser = _moderator(), StaffFactory(preferred_language="es")
    author = spanish()
    story = _propose(world, author)
    if key == "home.workflow_submitted":
        return moderator
    if key == "home.workflow_started":
        return superuser  # superusers hear of every workflow
    state = story.current_workflow_task_state
    if key == "content.story_rejected":
        state.reject(user=moderator, comment="Please add dates.")
    elif key != "content.story_received":
        state.approve(user=moderator)  # the last step publishes the story
    return author


@scenario("home.workflow_approved", "home.workflow_rejected")
def _editor_page(world, key):
    """An editor submits a page for moderation; a moderator approves or rejects it."""
    editor, moderator = french(), _moderator()
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    story = _propose(world, UserFactory())
    story.current_workflow_state.cancel(user=moderator)
    workflow = story.get_workflow()
    story.save_revision(user=editor)
    workflow.start(story, editor)
    story.refresh_from_db()
    state = story.current_workflow_task_state
    if key == "home.workflow_approved":
        state.approve(user=moderator)
    else:
        state.reject(user=moderator, comment="Not yet.")
    return editor


@scenario("account.email_confirmation_signup")
def _signup(world, key):
    client = Client()
    client.post(
        "/es/accounts/signup/",
        {
            "name": "Nueva",
            "email": "nueva@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    return "nueva@example.org"


@scenario("account.account_already_exists")
def _signup_again(world, key):
    member = french()
    Client().post(
        "/en/accounts/signup/",
        {"name": "Again", "email": member.email, "password1": PASSWORD, "password2": PASSWORD},
    )
    return member


@scenario("account.password_reset_key", "account.password_reset")
def _reset(world, key):
    member = spanish()
    client = Client()
    client.post("/en/accounts/password/reset/", {"email": member.email})
    if key == "account.password_reset":
        body = OutboxEmail.objects.get(to=member.email).body_text
        path = URL.search(body).group(0).removeprefix(settings.SITE_URL)
        page = client.get(path, follow=True)
        client.post(
            page.redirect_chain[-1][0] if page.redirect_chain else path,
            {"password1": "new-" + PASSWORD, "password2": "new-" + PASSWORD},
        )
        OutboxEmail.objects.filter(reason="account.password_reset_key").delete()
    return member


def _signed_in(member):
    client = Client()
    client.force_login(member)
    return client


@scenario("account.password_changed")
def _change_password(world, key):
    member = french()
    _signed_in(member).post(
        "/fr/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "new-" + PASSWORD, "password2": "new-" + PASSWORD},
    )
    return member


@scenario("account.password_set")
def _set_password(world, key):
    member = spanish()
    member.set_unusable_password()
    member.save()
    _signed_in(member).post(
        "/es/accounts/password/set/",
        {"password1": "new-" + PASSWORD, "password2": "new-" + PASSWORD},
    )
    return member


@scenario("account.email_confirmation", "account.email_changed")
def _new_address(world, key):
    """Add an address (confirmation to it), confirm it, make it primary (changed)."""
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC

    member = french()
    client = _signed_in(member)
    client.post("/fr/accounts/email/", {"action_add": "", "email": "autre@example.org"})
    if key == "account.email_confirmation":
        return "autre@example.org"
    address = EmailAddress.objects.get(email="autre@example.org")
    client.post(f"/fr/accounts/confirm-email/{EmailConfirmationHMAC(address).key}/")
    client.post("/fr/accounts/email/", {"action_primary": "", "email": "autre@example.org"})
    return member.email  # the old address is told


@scenario("account.email_deleted")
def _remove_address(world, key):
    from allauth.account.models import EmailAddress

    member = spanish()
    EmailAddress.objects.create(user=member, email="second@example.org", verified=True)
    _signed_in(member).post(
        "/es/accounts/email/", {"action_remove": "", "email": "second@example.org"}
    )
    return member


@scenario(
    "account.mfa_totp_activated",
    "account.mfa_totp_deactivated",
    "account.mfa_recovery_codes_generated",
    "account.mfa_webauthn_added",
    "account.mfa_webauthn_removed",
)
def _mfa(world, key):
    """allauth's MFA flows tell the member through the adapter's notification mail."""
    from django.test import RequestFactory

    from allauth.account.adapter import get_adapter
    from allauth.core import context

    member = spanish()
    request = RequestFactory().get("/es/accounts/2fa/")
    request.user = member
    with context.request_context(request):
        get_adapter(request).send_notification_mail(f"mfa/email/{key.split('mfa_', 1)[1]}", member)
    return member


def _messaging_pair():
    from community.models import Connection

    writer, reader = spanish(), french()
    low, high = Connection.ordered(writer.pk, reader.pk)
    Connection.objects.create(user_low_id=low, user_high_id=high)
    return writer, reader


@scenario("messaging.conversation_started", "messaging.new_message")
def _conversation(world, key):
    from messaging import services

    writer, reader = _messaging_pair()
    NotificationPreference.objects.create(
        user=reader, kind="messaging.new_message", delivery=Delivery.IMMEDIATE
    )
    conversation = services.conversation_start(sender=writer, recipients=[reader], body="Hola")
    if key == "messaging.new_message":
        services.message_send(sender=writer, conversation=conversation, body="¿Qué tal?")
    return reader


@scenario(
    "messaging.exchange_request", "messaging.exchange_answered", "messaging.exchange_feedback"
)
def _exchange(world, key):
    """A Spanish member asks a French mentor; the mentor accepts; the period ends."""
    from datetime import timedelta

    from django.utils import timezone

    from messaging import services

    asker, mentor = _messaging_pair()
    mentor.profile.open_to = ["mentoring"]
    mentor.profile.save()
    request = services.exchange_request(
        sender=asker,
        recipient=mentor,
        kind="mentoring",
        topic="Contratación abierta",
        hopes="Aprender de su experiencia",
        format="one_call",
        language="es",
    )
    if key == "messaging.exchange_request":
        return mentor
    request = services.exchange_accept(user=mentor, request=request)
    if key == "messaging.exchange_feedback":
        services.exchanges_ask_feedback(now=timezone.now() + timedelta(days=60))
    return asker


@scenario(
    "messaging.report_received",
    "messaging.report_resolved",
    "messaging.message_removed",
    "messaging.member_warned",
    "messaging.member_suspended",
    "messaging.suspension_lifted",
)
def _moderation(world, key):
    """A member reports a message; a Community moderator (Spanish) acts on it."""
    from home.permissions import ensure_groups
    from messaging import services

    reporter, sender = _messaging_pair()
    moderator = spanish()
    moderator.groups.add(ensure_groups()["Community moderators"])
    conversation = services.conversation_start(sender=reporter, recipients=[sender], body="Hola")
    message = services.message_send(sender=sender, conversation=conversation, body="Rude")
    report = services.report_message(reporter=reporter, message=message, reason="harassment")
    if key == "messaging.report_received":
        return moderator
    if key == "messaging.report_resolved":
        services.report_dismiss(moderator=moderator, report=report)
        return reporter
    if key == "messaging.message_removed":
        services.message_remove(moderator=moderator, report=report, note="Not here")
    elif key == "messaging.member_warned":
        services.member_warn(moderator=moderator, report=report, note="Be kind")
    else:
        services.member_suspend(moderator=moderator, report=report, days=7, note="A week")
        if key == "messaging.suspension_lifted":
            services.suspension_lift(moderator=moderator, member=sender)
    return sender


def _space_with(host, *members, access="open"):
    from spaces.factories import SpaceFactory, add_member

    space = SpaceFactory(access=access)
    add_member(space, host, role="host")
    for member in members:
        add_member(space, member)
    return space


@scenario("spaces.join_request", "spaces.request_answered", "spaces.invited")
def _space_membership(world, key):
    from spaces import services

    host, member = spanish(), french()
    if key == "spaces.invited":
        space = _space_with(host, access="invitation")
        services.space_invite(host=host, space=space, member=member)
        return member
    space = _space_with(host, access="request")
    row = services.space_request(space=space, member=member, note="Bonjour")
    if key == "spaces.join_request":
        return host
    services.request_answer(host=host, membership=row, approve=True)
    return member


@scenario("spaces.announcement", "spaces.thread_reply", "spaces.quoted")
def _space_discussion(world, key):
    from spaces.services.discussions import post_reply, thread_start

    host, member = spanish(), french()
    space = _space_with(host, member)
    if key == "spaces.announcement":
        from spaces.services.discussions import announcement_send

        thread = thread_start(
            author=host, space=space, title="Agenda", body="Nos vemos el jueves.", announcement=True
        )
        announcement_send(thread_id=thread.pk)  # the task queued after commit does this
        return member
    NotificationPreference.objects.create(user=member, kind=key, delivery=Delivery.IMMEDIATE)
    thread = thread_start(author=member, space=space, title="Question", body="Qui l’a fait ?")
    opening = thread.posts.order_by("pk").first()
    post_reply(
        author=host,
        thread=thread,
        body="Nosotros.",
        quote=opening if key == "spaces.quoted" else None,
    )
    return member


@scenario("spaces.post_reported", "spaces.post_removed")
def _space_moderation(world, key):
    """A member reports a post; a host (Spanish) is told, and removes it."""
    from spaces.services.discussions import thread_start
    from spaces.services.moderation import host_report_act, post_report

    host, author, reporter = spanish(), french(), spanish()
    space = _space_with(host, author, reporter)
    thread = thread_start(author=author, space=space, title="Budget", body="Spam spam")
    report = post_report(reporter=reporter, post=thread.posts.first(), reason="spam")
    if key == "spaces.post_reported":
        return host
    host_report_act(host=host, space=space, report=report, action="remove", note="Hors sujet")
    return author


# ---------------------------------------------------------------------------
# The test
# ---------------------------------------------------------------------------


@pytest.fixture
def world(site, settings, tmp_path):
    settings.AWARDS_PRIVATE_ROOT = tmp_path / "private"
    settings.MESSAGES_PRIVATE_ROOT = str(tmp_path / "messages")
    return {"home": site.root_page.specific}


def _expected_language(recipient) -> str:
    from community.models import User

    if isinstance(recipient, User):
        return recipient.preferred_language
    owner = User.objects.filter(emailaddress__email__iexact=recipient).first()
    return owner.preferred_language if owner else settings.LANGUAGE_CODE


def _address(recipient) -> str:
    return getattr(recipient, "email", recipient)


def _follow(path: str):
    response = Client().get(path, follow=True)
    assert response.status_code == 200, (path, response.status_code)
    for url, _status in response.redirect_chain:
        assert url.startswith("/") or url.startswith(settings.SITE_URL), (path, url)
    return response


ALL_KINDS = sorted(k.key for k in kinds())


def test_every_kind_has_a_scenario_or_a_reason():
    missing = [key for key in ALL_KINDS if key not in SCENARIOS and key not in NOT_SENT]
    assert missing == []
    for name, value in NOT_SENT.values():
        if name is not None:
            assert getattr(settings, name, value) == value


def test_no_unknown_account_email_for_a_reset(client):
    client.post("/en/accounts/password/reset/", {"email": "nobody-here@example.org"})
    assert not OutboxEmail.objects.exists() and mail.outbox == []


@pytest.mark.parametrize("key", [k for k in ALL_KINDS if k not in NOT_SENT])
def test_each_kind_is_sent_in_the_language_with_working_links(world, key):
    recipient = SCENARIOS[key](world, key)
    rows = list(OutboxEmail.objects.filter(reason=key, to__iexact=_address(recipient)))
    assert rows, f"{key}: nothing was sent to {_address(recipient)}"
    language = _expected_language(recipient)
    for row in rows:
        assert row.language == language, (key, row.language)
        links = URL.findall(row.body_text + " " + " ".join(row.headers.values()))
        for link in links:
            link = link.rstrip(".,;>")
            if link.split("/")[2] in PEOPLES_LINKS:
                continue
            assert link.startswith(settings.SITE_URL + "/"), (key, link)
            path = link.removeprefix(settings.SITE_URL)
            if not path.startswith(LANGUAGE_NEUTRAL):
                assert path.startswith(f"/{language}/"), (key, link)
            if "/confirm-email/" in path or "/password/reset/key/" in path:
                continue  # one-time keys: following them is a test of its own below
            _follow(path)


def test_one_time_links_work_once_followed(world):
    confirm = _signup(world, "account.email_confirmation_signup")
    body = OutboxEmail.objects.get(to=confirm).body_text
    page = _follow(URL.search(body).group(0).removeprefix(settings.SITE_URL))
    assert "nueva@example.org" in page.content.decode()

    member = _reset(world, "account.password_reset_key")
    body = OutboxEmail.objects.get(to=member.email).body_text
    page = _follow(URL.search(body).group(0).removeprefix(settings.SITE_URL))
    assert 'name="password1"' in page.content.decode()


def test_nothing_links_to_another_origin_even_behind_a_proxy_host(world):
    """The request's host never leaks into links: a request on another host still yields
    SITE_URL links."""
    Client(HTTP_HOST="evil.example").post(
        "/fr/accounts/signup/",
        {"name": "Hote", "email": "hote@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    body = OutboxEmail.objects.get(to="hote@example.org").body_text
    assert "evil.example" not in body
    assert all(u.startswith(settings.SITE_URL) for u in URL.findall(body))
