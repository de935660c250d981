"""Who may start a conversation with whom, on every surface, as one table.

Rows: the relation between the sender and the recipient and the recipient's setting
(connected, in a shared circle but not connected, strangers; each ``Audience``; a hidden
member; blocked either way; a suspended sender; an inactive recipient). Columns: the rule
(``permissions.why_not``), the "Message" button on the recipient's profile page and on
their directory card, ``services.conversation_start``, ``services.participants_add`` (the
sender adds the recipient to a group they started), and whether the recipient is told.

"Shared circle" is a test circle registered with ``home.circles`` (what cohorts and
groups register), so the table does not depend on how a cohort is built.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

import pytest

from community.factories import make_member
from community.models import Block, Profile, Visibility
from home import circles
from home.models import Notification
from messaging import permissions, services
from messaging.errors import MessagingError
from messaging.models import Conversation, MessagingSettings, Participant
from messaging.models.conversations import Audience
from tests.messaging import surface_fixtures
from tests.messaging.conftest import connect
from tests.messaging.surface_fixtures import message_links

pytestmark = pytest.mark.django_db

directory = surface_fixtures.directory
start_route = surface_fixtures.start_route

C, S, N = Audience.CONNECTIONS, Audience.SHARED, Audience.NOBODY
#: Page and card verdicts: the button is there; the page or card is there without it;
#: the page answers 404 / the card is not listed.
BUTTON, NO_BUTTON, ABSENT = "button", "no button", "absent"


@dataclass(frozen=True)
class Row:
    name: str
    relation: str  # "connected", "circle" (shares a circle, not connected), "stranger"
    audience: str
    why_not: str | None
    page: str
    card: str
    start: str
    visibility: int = Visibility.MEMBERS
    blocked_by: str = ""  # "recipient" or "sender"
    suspended: bool = False
    inactive: bool = False

    @property
    def allowed(self) -> bool:
        return self.why_not is None


#: Start form verdicts (``messaging:start?to=``, GET and POST): the form, or the refusal
#: said on the page (POST: 409, nothing written), or 404 (the member cannot be found).
FORM, REFUSED, NOT_FOUND = "form", "refused", "404"

HIDDEN, CONNECTIONS_ONLY = {"visibility": Visibility.HIDDEN}, {"visibility": Visibility.CONNECTIONS}

# fmt: off
TABLE = [Row(name, relation, audience, why_not, page, card, start, **extra) for (
    name,                                  relation,    audience, extra,                       why_not,            page,      card,      start) in [
    ("connected, connections",             "connected", C, {},                                 None,               BUTTON,    BUTTON,    FORM),
    ("connected, connections and circles", "connected", S, {},                                 None,               BUTTON,    BUTTON,    FORM),
    ("connected, nobody",                  "connected", N, {},                                 "closed",           NO_BUTTON, NO_BUTTON, REFUSED),
    ("circle, connections",                "circle",    C, {},                                 "connections_only", NO_BUTTON, NO_BUTTON, REFUSED),
    ("circle, connections and circles",    "circle",    S, {},                                 None,               BUTTON,    BUTTON,    FORM),
    ("circle, nobody",                     "circle",    N, {},                                 "closed",           NO_BUTTON, NO_BUTTON, REFUSED),
    ("stranger, connections",              "stranger",  C, {},                                 "connections_only", NO_BUTTON, NO_BUTTON, REFUSED),
    ("stranger, connections and circles",  "stranger",  S, {},                                 "no_shared_circle", NO_BUTTON, NO_BUTTON, REFUSED),
    ("stranger, nobody",                   "stranger",  N, {},                                 "closed",           NO_BUTTON, NO_BUTTON, REFUSED),
    # A hidden member talks to their connections, and is never found through messaging.
    ("hidden, connected",                  "connected", S, HIDDEN,                             None,               ABSENT,    ABSENT,    FORM),
    ("hidden, circle",                     "circle",    S, HIDDEN,                             "not_found",        ABSENT,    ABSENT,    NOT_FOUND),
    ("hidden, stranger",                   "stranger",  S, HIDDEN,                             "not_found",        ABSENT,    ABSENT,    NOT_FOUND),
    ("connections-only profile, circle",   "circle",    S, CONNECTIONS_ONLY,                   "not_found",        ABSENT,    ABSENT,    NOT_FOUND),
    ("blocked by the recipient",           "connected", S, {"blocked_by": "recipient"},        "not_found",        ABSENT,    ABSENT,    NOT_FOUND),
    ("the sender blocked them",            "connected", S, {"blocked_by": "sender"},           "not_found",        ABSENT,    ABSENT,    NOT_FOUND),
    ("suspended sender",                   "connected", S, {"suspended": True},                "suspended",        NO_BUTTON, NO_BUTTON, REFUSED),
    ("inactive recipient",                 "connected", S, {"inactive": True},                 "not_found",        ABSENT,    ABSENT,    NOT_FOUND),
]]
# fmt: on

_CIRCLE: set[int] = set()


@pytest.fixture
def test_circle():
    """A circle (as cohorts and groups register) holding the ids in ``_CIRCLE``."""

    def members_sharing(user):
        if user.pk not in _CIRCLE:
            return Profile.objects.none().values("user")
        return Profile.objects.filter(user_id__in=list(_CIRCLE)).values("user")

    circles.register("permission-table", members_sharing)
    yield _CIRCLE
    circles._CIRCLES.pop("permission-table", None)
    _CIRCLE.clear()


@pytest.fixture
def people(directory, test_circle):
    sender = make_member(display_name="Sam Sender")
    recipient = make_member(display_name="Rita Recipient")
    helper = make_member(display_name="Hugo Helper")
    connect(sender, helper)
    connect(recipient, helper)
    return sender, recipient, helper


def _arrange(row: Row, sender, recipient, helper) -> Conversation:
    """The row's situation; returns a group the sender started with the helper before it
    (so that adding the recipient can be tried even where starting is refused)."""
    mate = make_member(display_name="Gail Groupmate")
    connect(sender, mate)
    connect(recipient, mate)
    group = services.conversation_start(
        sender=sender, recipients=[helper, mate], body="Our group", title="Table group"
    )
    if row.relation == "connected":
        connect(sender, recipient)
    elif row.relation == "circle":
        _CIRCLE.update({sender.pk, recipient.pk})
    if row.audience != S:
        services.settings_update(user=recipient, who_may_message=row.audience)
    if row.visibility != Visibility.MEMBERS:
        Profile.objects.filter(user=recipient).update(visibility=row.visibility)
    if row.blocked_by == "recipient":
        Block.objects.create(blocker=recipient, blocked=sender)
    elif row.blocked_by == "sender":
        Block.objects.create(blocker=sender, blocked=recipient)
    if row.suspended:
        MessagingSettings.objects.update_or_create(
            user=sender, defaults={"suspended_at": timezone.now()}
        )
    if row.inactive:
        type(recipient).objects.filter(pk=recipient.pk).update(is_active=False)
        recipient.refresh_from_db()
    return group


def _page(client, recipient, start_url) -> str:
    response = client.get(reverse("community:profile", args=[recipient.profile.pk]))
    if response.status_code == 404:
        return ABSENT
    assert response.status_code == 200
    links = message_links(response, start_url)
    assert links in ([], [str(recipient.profile.pk)])
    return BUTTON if links else NO_BUTTON


def _card(client, directory, recipient, start_url) -> str:
    response = client.get(directory.url)
    html = response.content.decode()
    if "Rita Recipient" not in html:
        return ABSENT
    return BUTTON if str(recipient.profile.pk) in message_links(response, start_url) else NO_BUTTON


@pytest.mark.parametrize("row", TABLE, ids=[row.name for row in TABLE])
def test_permission_table(row, client, people, directory, start_route):
    sender, recipient, helper = people
    group = _arrange(row, sender, recipient, helper)
    Notification.objects.all().delete()

    # The rule.
    assert permissions.why_not(sender, recipient) == row.why_not

    # The "Message" button on the profile page and on the directory card.
    client.force_login(sender)
    assert _page(client, recipient, start_route) == row.page
    assert _card(client, directory, recipient, start_route) == row.card

    # Adding the recipient to a group the sender started.
    if row.allowed:
        services.participants_add(by=sender, conversation=group, users=[recipient])
        assert Participant.objects.filter(conversation=group, user=recipient).exists()
    else:
        with pytest.raises(MessagingError):
            services.participants_add(by=sender, conversation=group, users=[recipient])
        assert not Participant.objects.filter(conversation=group, user=recipient).exists()

    # Starting a conversation (the start form and a direct POST both call it).
    direct = Conversation.objects.filter(kind=Conversation.Kind.DIRECT)
    if row.allowed:
        conversation = services.conversation_start(
            sender=sender, recipients=[recipient], body="Hello Rita"
        )
        assert conversation.messages.get().body == "Hello Rita"
    else:
        with pytest.raises(MessagingError) as refused:
            services.conversation_start(sender=sender, recipients=[recipient], body="Hello Rita")
        assert refused.value.code == row.why_not
        assert not direct.exists()

    # Whether the recipient is told.
    told = Notification.objects.filter(
        recipient=recipient, kind="messaging.conversation_started"
    ).exists()
    assert told is row.allowed


@pytest.mark.parametrize("row", TABLE, ids=[row.name for row in TABLE])
def test_permission_table_start_form(row, client, people):
    """The start form (``?to=<profile pk>``): shown, refused on the page, or 404; and a
    POST made directly, whatever the page showed, writes only where the rule allows."""
    from messaging.views import conversations as views

    if not hasattr(views, "start"):
        pytest.skip("the start form comes with the inbox work")
    sender, recipient, helper = people
    _arrange(row, sender, recipient, helper)
    Notification.objects.all().delete()
    client.force_login(sender)
    url = f"{reverse('messaging:start')}?to={recipient.profile.pk}"
    shown = client.get(url)
    posted = client.post(url, {"body": "Hello Rita"})
    direct = Conversation.objects.filter(
        kind=Conversation.Kind.DIRECT, participants__user=recipient
    )
    told = Notification.objects.filter(recipient=recipient).exists()
    if row.start == FORM:
        assert shown.status_code == 200 and 'name="body"' in shown.content.decode()
        assert posted.status_code == 302
        assert direct.get().messages.get().body == "Hello Rita"
        assert told
        return
    if row.start == REFUSED:
        html = shown.content.decode()
        assert shown.status_code == 200
        assert str(MessagingError(row.why_not).message) in html
        assert 'name="body"' not in html
        assert posted.status_code == 409
    else:
        assert (shown.status_code, posted.status_code) == (404, 404)
        assert "Rita Recipient" not in shown.content.decode()
    assert not direct.exists()
    assert not told
