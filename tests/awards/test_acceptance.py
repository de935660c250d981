"""Issue 17: a member nominee accepts (or declines) a nomination, and is reminded before
judging closes until they answer: once per reminder time, in their language, never once
they have answered."""

from datetime import timedelta

from django.utils import timezone

import pytest

from awards import services
from awards.errors import AwardNotAllowed
from awards.models import AwardProgrammePage, Nomination
from community.factories import UserFactory
from home import reminders
from home.models import OutboxEmail
from tests.awards.conftest import nominate

pytestmark = pytest.mark.django_db

D = timedelta(days=1)
H = timedelta(hours=1)
KIND = "awards.deadline_acceptance"


@pytest.fixture
def telling(programme):
    AwardProgrammePage.objects.filter(pk=programme.pk).update(notify_nominees=True)
    return AwardProgrammePage.objects.get(pk=programme.pk)


def judging_in(programme, days):
    close = (timezone.now() + days * D).replace(microsecond=0)
    AwardProgrammePage.objects.filter(pk=programme.pk).update(judging_close=close)
    return close


def sent(user):
    return OutboxEmail.objects.filter(to=user.email, reason=KIND)


def test_the_nominee_accepts_on_the_nomination_page(client, telling):
    nominee = UserFactory(name="Grace Mwangi")
    nomination = nominate(telling, UserFactory(), nominee_user=nominee)
    client.force_login(nominee)
    url = f"/en/award/nominations/{nomination.pk}/decline/"
    page = client.get(url).content.decode()
    assert "Accept the nomination" in page and "Decline the nomination" in page

    response = client.post(url, {"answer": "accept"}, follow=True)
    assert "you have accepted the nomination" in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.accepted_at is not None
    assert nomination.status == Nomination.Status.SUBMITTED
    after = client.get(url).content.decode()
    assert "Accept the nomination" not in after and "You accepted the nomination on" in after
    # Accepting again keeps the first time; declining later is still possible.
    first = nomination.accepted_at
    services.nomination_accept(nomination=nomination, by=nominee)
    nomination.refresh_from_db()
    assert nomination.accepted_at == first
    client.post(url, {"answer": "decline"})
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.DECLINED


def test_only_the_nominee_may_accept_and_not_once_declined(client, telling):
    nominee, stranger = UserFactory(), UserFactory()
    nomination = nominate(telling, UserFactory(), nominee_user=nominee)
    client.force_login(stranger)
    url = f"/en/award/nominations/{nomination.pk}/decline/"
    assert client.post(url, {"answer": "accept"}).status_code == 404
    with pytest.raises(AwardNotAllowed):
        services.nomination_accept(nomination=nomination, by=stranger)
    services.nomination_decline(nomination=nomination, by=nominee)
    with pytest.raises(AwardNotAllowed) as refused:
        services.nomination_accept(nomination=nomination, by=nominee)
    assert refused.value.code == "cannot_accept"
    nomination.refresh_from_db()
    assert nomination.accepted_at is None


def test_nominees_who_have_not_answered_are_reminded_once_per_time(telling):
    close = judging_in(telling, 20)
    waiting = UserFactory(name="Wanjiru Waiting")
    accepted, declined = UserFactory(), UserFactory()
    nominate(telling, UserFactory(), nominee_user=waiting)
    services.nomination_accept(
        nomination=nominate(telling, UserFactory(), nominee_user=accepted), by=accepted
    )
    services.nomination_decline(
        nomination=nominate(telling, UserFactory(), nominee_user=declined), by=declined
    )
    nominate(telling, UserFactory(), nominee_name="Not a member")  # nobody to ask

    assert reminders.send_due(now=close - 8 * D) == 0
    assert reminders.send_due(now=close - 7 * D) == 1
    assert reminders.send_due(now=close - 7 * D + H) == 0  # the job again
    assert reminders.send_due(now=close - 12 * H) == 1
    assert reminders.send_due(now=close + H) == 0  # judging closed

    assert sent(waiting).count() == 2
    assert not sent(accepted).exists() and not sent(declined).exists()
    email = sent(waiting).first()
    assert email.subject == f"Do you accept your nomination for {telling.title}?"
    assert "Hello Wanjiru Waiting," in email.body_text
    assert "/en/award/nominations/" in email.body_text and "/decline/" in email.body_text


def test_answering_stops_the_reminders_and_they_speak_the_nominees_language(telling):
    close = judging_in(telling, 20)
    nominee = UserFactory(preferred_language="fr")
    nomination = nominate(telling, UserFactory(), nominee_user=nominee)
    assert reminders.send_due(now=close - 7 * D) == 1
    email = sent(nominee).get()
    assert email.subject.startswith("Acceptez-vous")
    assert "/fr/award/nominations/" in email.body_text
    services.nomination_accept(nomination=nomination, by=nominee)
    assert reminders.send_due(now=close - 12 * H) == 0
    assert sent(nominee).count() == 1


def test_editions_that_do_not_tell_nominees_do_not_ask_them(programme):
    AwardProgrammePage.objects.filter(pk=programme.pk).update(notify_nominees=False)
    close = judging_in(programme, 3)
    nominee = UserFactory()
    nominate(programme, UserFactory(), nominee_user=nominee)
    assert reminders.send_due(now=close - 12 * H) == 0


def test_a_nonsense_answer_changes_nothing_and_says_why(client, telling):
    nominee = UserFactory()
    nomination = nominate(telling, UserFactory(), nominee_user=nominee)
    client.force_login(nominee)
    url = f"/en/award/nominations/{nomination.pk}/decline/"
    response = client.post(url, {"answer": "maybe"}, follow=True)
    assert "Choose to accept or to decline the nomination." in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.status == Nomination.Status.SUBMITTED and nomination.accepted_at is None
