"""notify(): the one way a person is told something; notification centre, digests, unsubscribe."""

import re
from datetime import timedelta

from django.test import override_settings
from django.utils import timezone

import pytest

from community import services as community
from community.factories import UserFactory
from home import digests, unsubscribe
from home.models import Delivery, EmailSuppression, Notification, NotificationPreference
from home.notify import Address, kind, kinds, language_for, notify

pytestmark = pytest.mark.django_db

KIND = "community.connection_request"


def _request(sender, recipient):
    return community.connection_request(sender=sender, recipient=recipient, note="Hello")


def _prefer(user, delivery, key=KIND):
    NotificationPreference.objects.update_or_create(
        user=user, kind=key, defaults={"delivery": delivery}
    )


def _mails_to(user_or_email):
    """The messages written to the outbox for someone, as they will be sent."""
    from home.models import OutboxEmail
    from home.outbox import build_message

    email = getattr(user_or_email, "email", user_or_email)
    rows = OutboxEmail.objects.filter(to__iexact=email).order_by("pk")
    return [build_message(row) for row in rows]


def _unsubscribe_path(message) -> str:
    header = message.extra_headers["List-Unsubscribe"]
    url = header.strip("<>")
    return re.sub(r"^https?://[^/]+", "", url)


# ---------------------------------------------------------------------------
# Language and the four preferences
# ---------------------------------------------------------------------------


def test_language_is_the_preferred_one_else_the_site_default():
    assert language_for(UserFactory(preferred_language="es")) == "es"
    assert language_for(UserFactory(preferred_language="xx")) == "en"
    assert language_for(Address("someone@example.org")) == "en"
    assert language_for(Address("someone@example.org", language="fr")) == "fr"
    assert language_for(Address("b@example.org", user=UserFactory(preferred_language="es"))) == "es"


def test_at_once_writes_notification_and_email_in_their_language():
    sender, recipient = UserFactory(), UserFactory(preferred_language="fr")
    _request(sender, recipient)
    [message] = _mails_to(recipient)
    assert "souhaite" in message.subject
    note = Notification.objects.get(recipient=recipient)
    assert note.title == message.subject and note.language == "fr"
    assert note.digest == "" and note.read_at is None
    assert note.link.endswith("/fr/community/network/")


@pytest.mark.parametrize("period", [Delivery.DAILY, Delivery.WEEKLY])
def test_digest_preference_waits_for_the_digest(period):
    sender, recipient = UserFactory(), UserFactory(preferred_language="es")
    _prefer(recipient, period)
    _request(sender, recipient)
    assert _mails_to(recipient) == []
    note = Notification.objects.get(recipient=recipient)
    assert note.digest == period and note.digested_at is None

    other = Delivery.WEEKLY if period == Delivery.DAILY else Delivery.DAILY
    assert digests.digests_send(period=other) == 0  # the other digest does not take it
    assert digests.digests_send(period=period) == 1
    [digest] = _mails_to(recipient)
    assert note.title in digest.body
    assert "resumen" in digest.subject.lower()  # Spanish subject
    note.refresh_from_db()
    assert note.digested_at is not None


def test_site_only_preference_sends_no_email_but_keeps_the_notification():
    sender, recipient = UserFactory(), UserFactory()
    _prefer(recipient, Delivery.SITE)
    _request(sender, recipient)
    assert _mails_to(recipient) == []
    assert Notification.objects.filter(recipient=recipient, digest="").count() == 1
    assert digests.digests_send(period="daily") == 0


def test_essential_kinds_ignore_preferences_and_carry_no_unsubscribe():

    member = UserFactory()
    _prefer(member, Delivery.SITE, key="account.password_reset_key")
    notify(
        Address(member.email, user=member),
        "account.password_reset_key",
        context={"password_reset_url": "http://127.0.0.1:8000/en/x/", "user": member},
    )
    [message] = _mails_to(member)
    assert "List-Unsubscribe" not in message.extra_headers
    assert kind("account.password_reset_key").essential


def test_digest_run_twice_sends_one_digest():
    recipient = UserFactory()
    _prefer(recipient, Delivery.DAILY)
    for _ in range(3):
        _request(UserFactory(), recipient)
    # Noon tomorrow (UTC), whatever the time the suite runs: "5 minutes later" must stay on
    # the same day (at 23:58 it used to cross midnight and send the next day's digest).
    now = (timezone.now() + timedelta(days=1)).replace(hour=12, minute=0)
    assert digests.digests_send(period="daily", now=now) == 1
    assert digests.digests_send(period="daily", now=now) == 0
    # A notification arriving later the same day waits for tomorrow's digest: not lost.
    _request(UserFactory(), recipient)
    assert digests.digests_send(period="daily", now=now + timedelta(minutes=5)) == 0
    assert len(_mails_to(recipient)) == 1
    assert Notification.objects.filter(recipient=recipient, digested_at__isnull=True).count() == 1
    assert digests.digests_send(period="daily", now=now + timedelta(days=1)) == 1
    assert len(_mails_to(recipient)) == 2


def test_digest_skips_members_with_nothing_new_and_inactive_members():
    quiet, gone = UserFactory(), UserFactory()
    _prefer(gone, Delivery.WEEKLY)
    _request(UserFactory(), gone)
    gone.is_active = False
    gone.save()
    assert digests.digests_send(period="weekly") == 0
    assert _mails_to(quiet) == [] and _mails_to(gone) == []


def test_dedupe_key_writes_one_notification_and_one_email():
    member = UserFactory()
    for _ in range(2):
        notify(
            member,
            "community.connection_accepted",
            context={"recipient_name": "Ana"},
            link=("community:network",),
            dedupe_key="same-thing",
        )
    assert Notification.objects.filter(recipient=member).count() == 1
    assert len(_mails_to(member)) == 1


def test_unknown_kind_is_a_programming_error():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="Unknown notification kind"):
        notify(UserFactory(), "community.no_such_kind", context={})


def test_every_kind_renders_from_its_templates():
    """Each declared kind has a subject and a body template (a typo fails here, not in prod)."""
    from django.template.loader import get_template

    for k in kinds():
        get_template(f"{k.template_base}_subject.txt")
        get_template(f"{k.template_base}{k.text_suffix}")


# ---------------------------------------------------------------------------
# Headers: sender, Message-ID, Auto-Submitted, one-click unsubscribe
# ---------------------------------------------------------------------------


@override_settings(
    SITE_URL="https://collective.example.org",
    DEFAULT_FROM_EMAIL="OpenGov Collective <noreply@collective.example.org>",
)
def test_headers_use_the_site_domain():
    sender, recipient = UserFactory(), UserFactory()
    _request(sender, recipient)
    [message] = _mails_to(recipient)
    raw = message.message()
    assert raw["Message-ID"].endswith("@collective.example.org>")
    assert raw["Auto-Submitted"] == "auto-generated"
    assert raw["From"].endswith("<noreply@collective.example.org>")
    assert raw["List-Unsubscribe"].startswith("<https://collective.example.org/en/notifications/")
    assert raw["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "https://collective.example.org/en/notifications/unsubscribe/" in message.body
    assert "\n-- \n" in message.body  # the standard signature separator before the footer


def test_default_sender_is_on_the_site_domain():
    from django.conf import settings

    assert settings.DEFAULT_FROM_EMAIL.endswith("@127.0.0.1>")
    assert "opengov.localhost" not in settings.DEFAULT_FROM_EMAIL


def test_plain_text_is_not_html_escaped():
    recipient = UserFactory()
    notify(
        recipient,
        "community.connection_accepted",
        context={"recipient_name": "Ana & Bo <O'Neil>"},
    )
    [message] = _mails_to(recipient)
    assert "Ana & Bo <O'Neil>" in message.body
    assert "&amp;" not in message.body and "&#x27;" not in message.body


# ---------------------------------------------------------------------------
# Unsubscribe without a session
# ---------------------------------------------------------------------------


def test_unsubscribe_link_works_without_signing_in_and_can_be_undone(client):
    sender, recipient = UserFactory(), UserFactory(preferred_language="fr")
    _request(sender, recipient)
    path = _unsubscribe_path(_mails_to(recipient)[0])

    page = client.get(path)
    assert page.status_code == 200
    assert not NotificationPreference.objects.filter(user=recipient).exists()  # GET changes nothing

    done = client.post(path)
    assert done.status_code == 200
    assert NotificationPreference.objects.get(user=recipient, kind=KIND).delivery == "site"
    _request(UserFactory(), recipient)
    assert len(_mails_to(recipient)) == 1  # no second email
    assert Notification.objects.filter(recipient=recipient).count() == 2  # still on the site

    undo = re.search(r'name="undo" value="([^"]+)"', done.content.decode()).group(1)
    client.post(path + "undo/", {"undo": undo})
    assert NotificationPreference.objects.get(user=recipient, kind=KIND).delivery == "immediate"


def test_one_click_post_from_a_mail_program(client):
    sender, recipient = UserFactory(), UserFactory()
    _request(sender, recipient)
    path = _unsubscribe_path(_mails_to(recipient)[0])
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert NotificationPreference.objects.get(user=recipient, kind=KIND).delivery == "site"


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t[:-3] + ("abc" if not t.endswith("abc") else "xyz"),  # altered signature
        lambda t: t[: len(t) // 2],  # truncated
        lambda t: "nonsense",
        lambda t: unsubscribe.make_token(kind="account.password_reset_key", user_id=1),  # essential
    ],
)
def test_tampered_or_useless_token_is_refused(client, mangle):
    sender, recipient = UserFactory(), UserFactory()
    _request(sender, recipient)
    token = _unsubscribe_path(_mails_to(recipient)[0]).rstrip("/").rsplit("/", 1)[1]
    for method in (client.get, client.post):
        response = method(f"/en/notifications/unsubscribe/{mangle(token)}/")
        assert response.status_code == 400
        assert "This link does not work" in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_token_for_another_member_cannot_be_forged(client):
    victim = UserFactory()
    token = unsubscribe.make_token(kind=KIND, user_id=victim.pk)
    # One character of the signature changed (never to itself: it ends in "A" 1 time in 64).
    forged = token[:-1] + ("B" if token.endswith("A") else "A")
    assert client.post(f"/en/notifications/unsubscribe/{forged}/").status_code == 400
    assert not NotificationPreference.objects.filter(user=victim).exists()


def test_undo_needs_the_matching_signed_state(client):
    recipient = UserFactory()
    token = unsubscribe.make_token(kind=KIND, user_id=recipient.pk)
    client.post(f"/en/notifications/unsubscribe/{token}/")
    forged = unsubscribe.sign_previous({"t": "another-token", "p": {KIND: "immediate"}})
    response = client.post(f"/en/notifications/unsubscribe/{token}/undo/", {"undo": forged})
    assert response.status_code == 400
    assert NotificationPreference.objects.get(user=recipient, kind=KIND).delivery == "site"


def test_address_without_account_is_suppressed_and_can_come_back(client):
    address = Address("nominee@example.org", language="es")
    notify(address, "awards.results_published", context={"programme": "X", "award": "winner"})
    [message] = _mails_to("nominee@example.org")
    path = _unsubscribe_path(message)
    done = client.post(path)
    assert EmailSuppression.objects.filter(email="nominee@example.org").exists()
    notify(address, "awards.results_published", context={"programme": "Y", "award": "winner"})
    assert len(_mails_to("nominee@example.org")) == 1
    undo = re.search(r'name="undo" value="([^"]+)"', done.content.decode()).group(1)
    client.post(path + "undo/", {"undo": undo})
    assert not EmailSuppression.objects.exists()


def test_digest_unsubscribe_turns_its_kinds_to_site_only(client):
    recipient = UserFactory()
    _prefer(recipient, Delivery.WEEKLY)
    _prefer(recipient, Delivery.WEEKLY, key="events.reminder")
    _prefer(recipient, Delivery.DAILY, key="community.connection_accepted")
    _request(UserFactory(), recipient)
    digests.digests_send(period="weekly")
    [message] = _mails_to(recipient)
    client.post(_unsubscribe_path(message))
    chosen = dict(
        NotificationPreference.objects.filter(user=recipient).values_list("kind", "delivery")
    )
    assert chosen[KIND] == "site" and chosen["events.reminder"] == "site"
    assert chosen["community.connection_accepted"] == "daily"  # another digest: untouched


# ---------------------------------------------------------------------------
# The notification centre
# ---------------------------------------------------------------------------


def test_centre_lists_newest_first_and_header_counts_unread(client, site):
    member = UserFactory()
    for name in ("First", "Second"):
        notify(member, "community.connection_accepted", context={"recipient_name": name})
    client.force_login(member)
    page = client.get("/en/notifications/").content.decode()
    assert page.index("Second") < page.index("First")
    home = client.get("/en/").content.decode()
    assert re.search(r'href="/en/notifications/">Notifications <span class="count">2', home)


def test_mark_one_and_all_as_read(client, site):
    member = UserFactory()
    for name in ("A", "B", "C"):
        notify(member, "community.connection_accepted", context={"recipient_name": name})
    client.force_login(member)
    first = Notification.objects.filter(recipient=member).first()
    client.post(f"/en/notifications/{first.pk}/read/")
    assert Notification.objects.filter(recipient=member, read_at__isnull=True).count() == 2
    client.post("/en/notifications/read/")
    assert not Notification.objects.filter(recipient=member, read_at__isnull=True).exists()
    assert 'class="count"' not in client.get("/en/").content.decode().split("Notifications")[1][:40]


def test_open_follows_the_link_and_marks_read(client):
    member = UserFactory()
    note = notify(member, "community.connection_accepted", context={}, link=("community:network",))
    client.force_login(member)
    response = client.get(f"/en/notifications/{note.pk}/open/")
    assert response.status_code == 302 and response["Location"] == "/en/community/network/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_nobody_else_reads_or_marks_my_notifications(client):
    member, other = UserFactory(), UserFactory()
    note = notify(member, "community.connection_accepted", context={"recipient_name": "Secret"})
    client.force_login(other)
    assert "Secret" not in client.get("/en/notifications/").content.decode()
    assert client.post(f"/en/notifications/{note.pk}/read/").status_code == 404
    assert client.get(f"/en/notifications/{note.pk}/open/").status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_centre_needs_sign_in_and_pages_nonsense_gracefully(client):
    assert client.get("/en/notifications/").status_code == 302
    member = UserFactory()
    for i in range(25):
        notify(member, "community.connection_accepted", context={"recipient_name": f"N{i}"})
    client.force_login(member)
    second = client.get("/en/notifications/?page=2").content.decode()
    assert "N0" in second and "N24" not in second
    for nonsense in ("abc", "-1", "9999", "1e9"):
        assert client.get(f"/en/notifications/?page={nonsense}").status_code == 200


def test_query_count_of_the_centre_does_not_grow(client, site, django_assert_max_num_queries):
    member = UserFactory()
    client.force_login(member)

    def fill(n):
        for i in range(n):
            notify(member, "community.connection_accepted", context={"recipient_name": f"N{i}"})

    fill(3)
    client.get("/en/notifications/")  # warm the per-process caches (site root paths)
    with django_assert_max_num_queries(16) as small:
        client.get("/en/notifications/")
    fill(40)
    with django_assert_max_num_queries(16) as large:
        client.get("/en/notifications/")
    assert len(large.captured_queries) == len(small.captured_queries)


def test_preferences_page_saves_each_choice(client):
    member = UserFactory()
    client.force_login(member)
    page = client.get("/fr/notifications/settings/")
    assert page.status_code == 200
    field = KIND.replace(".", "__")
    assert f'name="{field}"' in page.content.decode()
    assert "account__password_reset_key" not in page.content.decode()  # essential: no choice
    response = client.post("/fr/notifications/settings/", {field: "weekly"})
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=member, kind=KIND).delivery == "weekly"
    bad = client.post("/fr/notifications/settings/", {field: "hourly"})
    assert bad.status_code == 200
    assert NotificationPreference.objects.get(user=member, kind=KIND).delivery == "weekly"


def test_staff_kinds_are_offered_to_staff_only(client):
    from community.factories import StaffFactory

    member, staff = UserFactory(), StaffFactory()
    client.force_login(member)
    assert (
        "home__workflow_submitted" not in client.get("/en/notifications/settings/").content.decode()
    )
    client.force_login(staff)
    assert "home__workflow_submitted" in client.get("/en/notifications/settings/").content.decode()


# ---------------------------------------------------------------------------
# Data rights
# ---------------------------------------------------------------------------


def test_data_download_has_notifications_and_preferences(client):
    member = UserFactory()
    _prefer(member, Delivery.WEEKLY)
    notify(member, "community.connection_accepted", context={"recipient_name": "Ana"})
    client.force_login(member)
    data = client.get("/en/community/account/data/").json()
    section = data["notifications"]
    assert any(p["kind"] == KIND and p["delivery"] == "weekly" for p in section["preferences"])
    assert len(section["received"]) == 1


def test_account_deletion_takes_notifications_preferences_and_mail_copies():
    from home.models import OutboxEmail

    member = UserFactory()
    _prefer(member, Delivery.WEEKLY, key="community.connection_accepted")
    notify(member, "community.connection_request", context={"sender_name": "Ana"})
    email = member.email
    community.account_delete(user=member)
    assert not Notification.objects.exists()
    assert not NotificationPreference.objects.exists()
    assert not OutboxEmail.objects.filter(to__iexact=email).exists()
