"""Mentoring and peer exchange as a workflow: ask, answer, talk, say how it went."""

import re
from datetime import timedelta

from django.utils import timezone, translation

import pytest

from community.factories import make_member
from community.models import Block, Visibility
from home.models import Notification, OutboxEmail
from messaging.errors import ExchangeError
from messaging.models import (
    Conversation,
    ExchangeFeedback,
    ExchangeRequest,
    Message,
    MessagingSettings,
    Participant,
)
from messaging.models.conversations import Audience
from messaging.services import (
    exchange_accept,
    exchange_decline,
    exchange_feedback,
    exchange_propose,
    exchange_request,
    exchange_withdraw,
    exchanges_ask_feedback,
    message_send,
)
from messaging.services import exchanges as exchange_services

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)


@pytest.fixture
def mentor(db):
    return make_member(
        display_name="Mercy Otieno",
        sector="civil_society",
        country="KE",
        open_to=["mentoring", "peer_exchange"],
        languages=["en", "sw", "fr"],
    )


@pytest.fixture
def asker(db):
    return make_member(
        display_name="Diego Ramírez",
        sector="local_government",
        country="CO",
        languages=["es", "fr"],
        user={"preferred_language": "es"},
    )


def ask(asker, mentor, **overrides):
    fields = {
        "kind": "mentoring",
        "topic": "Open contracting in cities",
        "hopes": "How to publish municipal contracts as open data.",
        "format": ExchangeRequest.Format.ONE_CALL,
        "language": "fr",
        "now": NOW,
    }
    fields.update(overrides)
    return exchange_request(sender=asker, recipient=mentor, **fields)


def refusal(call) -> str:
    with pytest.raises(ExchangeError) as error:
        call()
    return error.value.code


def emails_to(user):
    return list(OutboxEmail.objects.filter(to=user.email).order_by("pk"))


# ---------------------------------------------------------------------------
# Asking
# ---------------------------------------------------------------------------
def test_a_request_tells_the_recipient_without_quoting_it(asker, mentor):
    request = ask(asker, mentor)
    assert request.status == ExchangeRequest.Status.PENDING
    [email] = emails_to(mentor)
    assert "Diego Ramírez" in email.subject and "mentoring" in email.subject
    assert f"/messages/exchanges/{request.pk}/" in email.body_text
    assert "municipal contracts" not in email.body_text
    assert Notification.objects.filter(recipient=mentor, kind="messaging.exchange_request").exists()


def test_only_a_kind_the_member_is_open_to(asker, mentor):
    mentor.profile.open_to = ["peer_exchange"]
    mentor.profile.save()
    assert refusal(lambda: ask(asker, mentor)) == "not_open"
    assert ask(asker, mentor, kind="peer_exchange").kind == "peer_exchange"
    assert refusal(lambda: ask(asker, mentor, kind="speaking")) == "not_open"


def test_a_paused_member_takes_no_new_requests(asker, mentor):
    MessagingSettings.objects.create(user=mentor, exchanges_paused=True)
    assert refusal(lambda: ask(asker, mentor)) == "paused"
    assert not ExchangeRequest.objects.exists()


def test_a_member_at_their_limit_takes_no_new_requests(asker, mentor):
    MessagingSettings.objects.create(user=mentor, exchanges_at_once=1)
    other = make_member(display_name="Other Asker")
    exchange_accept(user=mentor, request=ask(other, mentor), now=NOW)
    assert refusal(lambda: ask(asker, mentor)) == "full"
    # Once the exchange's period is over, there is room again.
    later = NOW + timedelta(days=15)
    assert ask(asker, mentor, now=later).status == ExchangeRequest.Status.PENDING


def test_hidden_and_blocked_members_cannot_be_asked(asker, mentor):
    mentor.profile.visibility = Visibility.HIDDEN
    mentor.profile.save()
    error = pytest.raises(ExchangeError, ask, asker, mentor)
    assert error.value.code == "not_found" and error.value.status == 404
    mentor.profile.visibility = Visibility.MEMBERS
    mentor.profile.save()
    Block.objects.create(blocker=mentor, blocked=asker)
    assert refusal(lambda: ask(asker, mentor)) == "not_found"
    Block.objects.all().delete()
    Block.objects.create(blocker=asker, blocked=mentor)
    assert refusal(lambda: ask(asker, mentor)) == "not_found"
    assert refusal(lambda: ask(mentor, mentor)) == "self"
    assert not ExchangeRequest.objects.exists()


def test_one_open_request_per_pair_and_kind_and_a_daily_limit(asker, mentor):
    ask(asker, mentor)
    assert refusal(lambda: ask(asker, mentor)) == "already_open"
    ask(asker, mentor, kind="peer_exchange")
    for n in range(exchange_services.REQUESTS_PER_DAY - 2):
        ask(asker, make_member(open_to=["mentoring"], display_name=f"Mentor {n}"))
    error = pytest.raises(ExchangeError, ask, asker, make_member(open_to=["mentoring"]))
    assert error.value.code == "per_day"
    assert "5 requests in the last 24 hours" in error.value.message
    tomorrow = NOW + timedelta(hours=25)
    assert ask(asker, make_member(open_to=["mentoring"]), now=tomorrow)


def test_the_language_is_one_both_speak_or_a_platform_language(asker, mentor):
    assert exchange_services.request_languages(asker, mentor) == ["fr", "en", "es"]
    assert refusal(lambda: ask(asker, mentor, language="sw")) == "bad_language"


# ---------------------------------------------------------------------------
# Answering
# ---------------------------------------------------------------------------
def test_accepting_opens_a_conversation_with_the_request_as_first_message(asker, mentor):
    # The mentor lets nobody start conversations: saying yes is enough.
    MessagingSettings.objects.create(user=mentor, who_may_message=Audience.NOBODY)
    request = exchange_accept(user=mentor, request=ask(asker, mentor), now=NOW)
    assert request.status == ExchangeRequest.Status.ACCEPTED
    assert request.ends_at == NOW + timedelta(days=14)
    conversation = request.conversation
    assert conversation.kind == Conversation.Kind.DIRECT
    [first] = Message.objects.filter(conversation=conversation)
    assert first.sender == asker and first.language == "fr"
    assert "<strong>Open contracting in cities</strong>" in first.html
    assert "municipal contracts" in first.body
    assert set(
        Participant.objects.filter(conversation=conversation).values_list("user", flat=True)
    ) == {asker.pk, mentor.pk}
    # Both can write in it.
    message_send(sender=mentor, conversation=conversation, body="Con gusto.", now=NOW)
    [email] = [e for e in emails_to(asker) if e.reason == "messaging.exchange_answered"]
    assert email.language == "es"


def test_accepting_reuses_the_open_conversation(asker, mentor):
    from messaging.services import conversation_start
    from tests.messaging.conftest import connect

    connect(asker, mentor)
    existing = conversation_start(sender=mentor, recipients=[asker], body="Hi", now=NOW)
    request = exchange_accept(user=mentor, request=ask(asker, mentor), now=NOW)
    assert request.conversation == existing
    assert Message.objects.filter(conversation=existing).count() == 2


def test_the_recipient_cannot_accept_beyond_their_limit(asker, mentor):
    first = ask(asker, mentor)
    second = ask(make_member(), mentor)
    MessagingSettings.objects.create(user=mentor, exchanges_at_once=1)
    exchange_accept(user=mentor, request=first, now=NOW)
    error = pytest.raises(ExchangeError, exchange_accept, user=mentor, request=second, now=NOW)
    assert error.value.code == "at_limit" and "1 exchange under way" in error.value.message


def test_a_block_after_the_request_stops_the_acceptance(asker, mentor):
    request = ask(asker, mentor)
    Block.objects.create(blocker=asker, blocked=mentor)
    assert refusal(lambda: exchange_accept(user=mentor, request=request, now=NOW)) == (
        "unavailable"
    )
    assert not Conversation.objects.exists()


def test_only_the_recipient_answers_and_only_once(asker, mentor):
    request = ask(asker, mentor)
    stranger = make_member()
    assert refusal(lambda: exchange_accept(user=stranger, request=request)) == "not_yours"
    assert refusal(lambda: exchange_accept(user=asker, request=request)) == "answered"
    assert refusal(lambda: exchange_decline(user=asker, request=request, reply="later")) == (
        "not_yours"
    )
    exchange_decline(user=mentor, request=request, reply="later", now=NOW)
    assert refusal(lambda: exchange_accept(user=mentor, request=request)) == "answered"


def test_propose_then_the_requester_accepts_the_proposal(asker, mentor):
    request = exchange_propose(
        user=mentor,
        request=ask(asker, mentor),
        format=ExchangeRequest.Format.FEW_EXCHANGES,
        note="Let us write a few times first.",
        now=NOW,
    )
    assert request.status == ExchangeRequest.Status.PROPOSED
    assert emails_to(asker)[-1].reason == "messaging.exchange_answered"
    # The recipient cannot accept their own proposal; the requester can.
    assert refusal(lambda: exchange_accept(user=mentor, request=request)) == "answered"
    request = exchange_accept(user=asker, request=request, now=NOW)
    assert request.status == ExchangeRequest.Status.ACCEPTED
    assert request.format == ExchangeRequest.Format.FEW_EXCHANGES
    assert request.ends_at == NOW + timedelta(days=60)
    assert Message.objects.filter(conversation=request.conversation, sender=asker).count() == 1
    assert emails_to(mentor)[-1].reason == "messaging.exchange_answered"


def test_a_proposal_accepted_later_still_respects_the_mentors_limit(asker, mentor):
    from messaging.services import settings_update

    settings_update(user=mentor, exchanges_at_once=1)
    proposed = exchange_propose(
        user=mentor,
        request=ask(asker, mentor),
        format=ExchangeRequest.Format.ONE_CALL,
        note="A call first?",
        now=NOW,
    )
    other = make_member(display_name="Kofi Mensah")
    exchange_accept(user=mentor, request=ask(other, mentor), now=NOW)
    assert refusal(lambda: exchange_accept(user=asker, request=proposed, now=NOW)) == "full"
    proposed.refresh_from_db()
    assert proposed.status == ExchangeRequest.Status.PROPOSED


def test_propose_then_the_requester_withdraws(asker, mentor):
    request = exchange_propose(
        user=mentor, request=ask(asker, mentor), format="mentorship", note="", now=NOW
    )
    request = exchange_withdraw(user=asker, request=request, now=NOW)
    assert request.status == ExchangeRequest.Status.WITHDRAWN
    assert not Conversation.objects.exists()
    # A withdrawn request no longer counts: a new one may be sent.
    assert ask(asker, mentor).status == ExchangeRequest.Status.PENDING


def test_decline_reply_reaches_the_requester_in_their_language(asker, mentor):
    request = exchange_decline(user=mentor, request=ask(asker, mentor), reply="no_time", now=NOW)
    assert request.status == ExchangeRequest.Status.DECLINED
    [email] = [e for e in emails_to(asker) if e.reason == "messaging.exchange_answered"]
    assert email.language == "es"
    with translation.override("es"):
        spanish = str(ExchangeRequest.DECLINE_REPLIES["no_time"])
    assert spanish in email.body_text
    assert refusal(lambda: exchange_decline(user=mentor, request=request, reply="x")) == (
        "bad_reply"
    )


# ---------------------------------------------------------------------------
# How it went
# ---------------------------------------------------------------------------
def test_feedback_is_asked_once_after_the_period_and_not_before(asker, mentor):
    request = exchange_accept(user=mentor, request=ask(asker, mentor), now=NOW)
    assert exchanges_ask_feedback(now=NOW + timedelta(days=13)) == 0
    assert not Notification.objects.filter(kind="messaging.exchange_feedback").exists()
    assert exchanges_ask_feedback(now=NOW + timedelta(days=14, minutes=1)) == 1
    asked = Notification.objects.filter(kind="messaging.exchange_feedback")
    assert set(asked.values_list("recipient", flat=True)) == {asker.pk, mentor.pk}
    link = f"/messages/exchanges/{request.pk}/feedback/"
    assert all(link in n.link for n in asked)
    assert exchanges_ask_feedback(now=NOW + timedelta(days=20)) == 0
    assert asked.count() == 2
    request.refresh_from_db()
    assert request.feedback_asked_at == NOW + timedelta(days=14, minutes=1)


def test_the_beat_task_calls_the_service(asker, mentor):
    from django.conf import settings

    from messaging import tasks

    exchange_accept(user=mentor, request=ask(asker, mentor), now=NOW - timedelta(days=30))
    assert tasks.exchanges_ask_feedback() == 1
    schedule = settings.CELERY_BEAT_SCHEDULE["exchanges-ask-feedback"]
    assert schedule["task"] == "messaging.tasks.exchanges_ask_feedback"


def test_feedback_once_per_person_and_only_for_an_accepted_request(asker, mentor):
    request = ask(asker, mentor)
    assert refusal(lambda: exchange_feedback(user=asker, request=request, rating=4)) == (
        "not_accepted"
    )
    exchange_accept(user=mentor, request=request, now=NOW)
    exchange_feedback(user=asker, request=request, rating=4, comment="Very helpful", now=NOW)
    exchange_feedback(user=mentor, request=request, rating=3, now=NOW)
    assert refusal(lambda: exchange_feedback(user=asker, request=request, rating=1)) == (
        "feedback_given"
    )
    assert sorted(ExchangeFeedback.objects.values_list("rating", flat=True)) == [3, 4]
    stranger = make_member()
    assert refusal(lambda: exchange_feedback(user=stranger, request=request, rating=1)) == (
        "not_yours"
    )


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------
def profile_url(user) -> str:
    return f"/en/community/members/{user.profile.pk}/"


def new_url(user) -> str:
    return f"/en/messages/exchanges/new/{user.profile.pk}/"


def test_the_profile_page_offers_what_the_member_is_open_to(client, site, asker, mentor):
    client.force_login(asker)
    page = client.get(profile_url(mentor)).content.decode()
    assert "Ask for mentoring" in page and "Propose a peer exchange" in page
    assert f'href="{new_url(mentor)}?kind=mentoring"' in page
    # Once asked, the page says the request is waiting.
    ask(asker, mentor)
    page = client.get(profile_url(mentor)).content.decode()
    assert "Ask for mentoring" not in page and "Propose a peer exchange" in page
    assert "Your request is waiting for an answer" in page
    MessagingSettings.objects.create(user=mentor, exchanges_paused=True)
    page = client.get(profile_url(mentor)).content.decode()
    assert "Not taking new requests just now" in page
    assert "Propose a peer exchange" not in page


def test_no_offer_where_the_member_is_not_open_or_for_visitors(client, site, asker, mentor):
    closed = make_member(display_name="Closed Member")
    client.force_login(asker)
    page = client.get(profile_url(closed)).content.decode()
    assert "data-exchange-offer" not in page and "Not taking new requests" not in page
    assert client.get(new_url(closed)).status_code == 200
    assert "not open to this kind of request" in client.get(new_url(closed)).content.decode()
    client.logout()
    mentor.profile.visibility = Visibility.PUBLIC
    mentor.profile.save()
    assert "data-exchange-offer" not in client.get(profile_url(mentor)).content.decode()
    assert client.get(new_url(mentor)).status_code == 302  # sign in first


def test_the_form_offers_the_shared_languages_and_keeps_what_was_typed(client, site, asker, mentor):
    client.force_login(asker)
    page = client.get(new_url(mentor) + "?kind=peer_exchange").content.decode()
    assert re.search(r'value="peer_exchange"[^>]*checked', page)
    assert '<option value="fr">French</option>' in page
    assert '<option value="sw">' not in page  # Diego does not speak Swahili
    response = client.post(
        new_url(mentor),
        {
            "kind": "mentoring",
            "topic": "Budgets",
            "hopes": "",
            "format": "one_call",
            "language": "fr",
        },
    )
    page = response.content.decode()
    assert "Please correct the following" in page and 'value="Budgets"' in page
    assert not ExchangeRequest.objects.exists()
    # A refusal from the service comes back on the form, with the text kept.
    MessagingSettings.objects.create(user=mentor, exchanges_paused=True)
    response = client.post(
        new_url(mentor),
        {
            "kind": "mentoring",
            "topic": "Budgets",
            "hopes": "Participatory budgeting",
            "format": "one_call",
            "language": "fr",
        },
    )
    page = response.content.decode()
    assert "not taking new requests just now" in page
    assert "Participatory budgeting</textarea>" in page


def test_ask_answer_and_talk_through_the_pages(client, site, asker, mentor):
    client.force_login(asker)
    response = client.post(
        new_url(mentor),
        {
            "kind": "mentoring",
            "topic": "Open contracting",
            "hopes": "Publishing contracts",
            "format": "few",
            "language": "fr",
        },
        follow=True,
    )
    request = ExchangeRequest.objects.get()
    assert response.redirect_chain[-1][0] == f"/en/messages/exchanges/{request.pk}/"
    page = response.content.decode()
    assert "Request sent to Mercy Otieno." in page and "Waiting for an answer" in page
    client.force_login(mentor)
    listing = client.get("/en/messages/exchanges/").content.decode()
    assert "Diego Ramírez: Open contracting" in listing
    detail = client.get(f"/en/messages/exchanges/{request.pk}/").content.decode()
    assert "Publishing contracts" in detail and "Propose something else" in detail
    response = client.post(
        f"/en/messages/exchanges/{request.pk}/", {"action": "accept"}, follow=True
    )
    page = response.content.decode()
    request.refresh_from_db()
    assert request.status == ExchangeRequest.Status.ACCEPTED
    assert f"/en/messages/{request.conversation_id}/" in page
    assert "Say how it went" in page


def test_declining_on_the_page_shows_the_reply_to_the_requester(client, site, asker, mentor):
    request = ask(asker, mentor)
    client.force_login(mentor)
    response = client.post(
        f"/en/messages/exchanges/{request.pk}/", {"action": "decline"}, follow=True
    )
    assert "Your reply" in response.content.decode()  # the error names the field
    assert ExchangeRequest.objects.get().status == ExchangeRequest.Status.PENDING
    client.post(
        f"/en/messages/exchanges/{request.pk}/", {"action": "decline", "decline-reply": "later"}
    )
    client.force_login(asker)
    page = client.get(f"/es/messages/exchanges/{request.pk}/").content.decode()
    with translation.override("es"):
        reply = str(ExchangeRequest.DECLINE_REPLIES["later"])
    assert reply in page.replace("&#x27;", "'")


def test_only_the_two_people_see_a_request(client, site, asker, mentor):
    request = ask(asker, mentor)
    client.force_login(make_member())
    assert client.get(f"/en/messages/exchanges/{request.pk}/").status_code == 404
    assert (
        client.post(f"/en/messages/exchanges/{request.pk}/", {"action": "accept"}).status_code
        == 404
    )
    assert client.get(f"/en/messages/exchanges/{request.pk}/feedback/").status_code == 404
    assert ExchangeRequest.objects.get().status == ExchangeRequest.Status.PENDING


def test_the_feedback_page(client, site, asker, mentor):
    request = exchange_accept(user=mentor, request=ask(asker, mentor), now=NOW)
    client.force_login(asker)
    url = f"/en/messages/exchanges/{request.pk}/feedback/"
    page = client.get(url).content.decode()
    assert "How did it go with Mercy Otieno?" in page and "Very useful" in page
    page = client.post(url, {"rating": "9"}).content.decode()
    assert "Please correct the following" in page
    client.post(url, {"rating": "4", "comment": "Great call"})
    assert ExchangeFeedback.objects.get().comment == "Great call"
    page = client.get(url).content.decode()
    assert "You have said how it went. Thank you." in page


@pytest.mark.parametrize("count", [2, 12])
def test_the_list_costs_a_bounded_number_of_queries(
    client, site, asker, mentor, count, django_assert_max_num_queries
):
    for n in range(count):
        other = make_member(display_name=f"Asker {n}", open_to=["mentoring"])
        ask(other, mentor, language="en")
        ask(mentor, other, language="en", now=NOW + timedelta(days=n))
    client.force_login(mentor)
    with django_assert_max_num_queries(18):
        page = client.get("/en/messages/exchanges/").content.decode()
    assert page.count("Asker ") == 2 * count


# ---------------------------------------------------------------------------
# Blocks and data rights
# ---------------------------------------------------------------------------
def test_a_block_withdraws_the_requests_waiting_between_the_two(asker, mentor):
    from community.services import block_member

    waiting = ask(asker, mentor)
    proposed = exchange_propose(
        user=mentor, request=ask(asker, mentor, kind="peer_exchange"), format="few", note=""
    )
    block_member(blocker=mentor, blocked=asker)
    for request in (waiting, proposed):
        request.refresh_from_db()
        assert request.status == ExchangeRequest.Status.WITHDRAWN
    assert not emails_to(asker)[-1].subject.startswith("Mercy Otieno answered")


def test_the_data_download_holds_the_members_requests(asker, mentor):
    from community.selectors import member_data

    request = exchange_accept(user=mentor, request=ask(asker, mentor), now=NOW)
    exchange_feedback(user=asker, request=request, rating=3, comment="Useful call", now=NOW)
    [row] = member_data(asker)["messages"]["exchange_requests"]
    assert row["direction"] == "sent" and row["other"] == "Mercy Otieno"
    assert row["topic"] == "Open contracting in cities"
    assert row["my_feedback"] == {"rating": 3, "comment": "Useful call"}
    [theirs] = member_data(mentor)["messages"]["exchange_requests"]
    assert theirs["direction"] == "received" and theirs["my_feedback"] is None


def test_the_database_refuses_a_second_open_request_for_the_pair_and_kind(
    asker, mentor, monkeypatch
):
    """Two requests sent at the same moment both pass the check; the constraint keeps one."""
    from messaging import permissions

    ask(asker, mentor)
    monkeypatch.setattr(permissions, "exchange_refusal", lambda *args, **kwargs: None)
    assert refusal(lambda: ask(asker, mentor)) == "already_open"
    assert ExchangeRequest.objects.count() == 1


def test_the_form_is_not_found_for_a_hidden_or_blocking_member(client, site, asker, mentor):
    client.force_login(asker)
    Block.objects.create(blocker=mentor, blocked=asker)
    assert client.get(new_url(mentor)).status_code == 404
    response = client.post(
        new_url(mentor),
        {"kind": "mentoring", "topic": "x", "hopes": "y", "format": "one_call", "language": "en"},
    )
    assert response.status_code == 404
    Block.objects.all().delete()
    mentor.profile.visibility = Visibility.HIDDEN
    mentor.profile.save()
    assert client.get(new_url(mentor)).status_code == 404
    assert not ExchangeRequest.objects.exists()
    # The network page leads to one's requests.
    assert 'href="/en/messages/exchanges/"' in client.get("/en/community/network/").content.decode()


def test_a_suspended_member_neither_asks_nor_gets_a_conversation_opened(asker, mentor):
    request = ask(asker, mentor)
    MessagingSettings.objects.create(user=asker, suspended_at=NOW)
    assert refusal(lambda: ask(asker, mentor, kind="peer_exchange")) == "suspended"
    assert refusal(lambda: exchange_accept(user=mentor, request=request, now=NOW)) == (
        "unavailable"
    )
    request.refresh_from_db()
    assert request.status == ExchangeRequest.Status.PENDING
    assert not Conversation.objects.exists()
