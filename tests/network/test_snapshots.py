"""Snapshot figures for a constructed network are exactly right; one row a day; backfill."""

from datetime import time, timedelta

from django.core.management import call_command
from django.utils import timezone

import pytest

from cohorts.factories import CohortPageFactory, ProgrammePageFactory
from cohorts.models import Application, ApplicationStatus
from cohorts.models import Participant as CohortParticipant
from community.models import User
from community.models.profile import Visibility
from events.factories import EventIndexPageFactory, EventPageFactory
from events.models import Registration, RegistrationStatus
from messaging.models import Conversation
from messaging.models import Participant as ConversationParticipant
from network import figures as network_figures
from network import services
from network.errors import SnapshotError
from network.models import Snapshot
from spaces.factories import SpaceFactory, add_member
from tests.network.conftest import connect, members

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(home, now):
    """Six government members in Kenya, six civil-society members in France, one from the
    private sector in Brazil, one hidden civil-society member in France."""
    gov = members(6, sector="national_government", country="KE")
    cs = members(6, sector="civil_society", country="FR")
    other = members(1, sector="private_sector", country="BR")
    hidden = members(1, sector="civil_society", country="FR", visibility=Visibility.HIDDEN)
    # Five connections between government and civil society, three others, one of them
    # with the hidden member (counted in the total only).
    for a, b in zip(gov[:5], cs[:5], strict=True):
        connect(a, b)
    connect(gov[0], gov[1])
    connect(cs[0], other[0])
    connect(hidden[0], gov[5])
    # A coalition spanning both families, and a group of government members only.
    mixed = SpaceFactory()
    add_member(mixed, gov[0])
    add_member(mixed, cs[0])
    same = SpaceFactory()
    add_member(same, gov[1])
    add_member(same, gov[2])
    # A group conversation spanning both families, and a direct one that does not count.
    group = Conversation.objects.create(kind="group", created_at=now, last_message_at=now)
    for user in (gov[3], cs[3]):
        ConversationParticipant.objects.create(
            conversation=group, user=user, joined_at=now, activity_at=now
        )
    # The cohort funnel.
    programme = ProgrammePageFactory(parent=home, slug="leadership")
    cohort = CohortPageFactory(
        parent=programme,
        slug="cohort-one",
        targets=[("target", {"group": "family:government", "target": 3})],
    )
    S = ApplicationStatus
    for user, status in [
        (gov[0], S.ACCEPTED),
        (gov[1], S.SHORTLISTED),
        (cs[1], S.DECLINED),
        (cs[2], S.SUBMITTED),
        (cs[4], S.DRAFT),
    ]:
        Application.objects.create(
            cohort=cohort,
            applicant=user,
            status=status,
            sector_family="government" if user in gov else "civil_society",
            submitted_at=None if status == S.DRAFT else now - timedelta(days=3),
        )
    CohortParticipant.objects.create(
        cohort=cohort,
        user=cs[5],
        status=CohortParticipant.Status.COMPLETED,
        completed_at=now - timedelta(days=2),
    )
    # Events: a past event with one attendee, one no-show and one cancellation.
    index = EventIndexPageFactory(parent=home)
    past = EventPageFactory(
        parent=index,
        start_date=(now - timedelta(days=5)).date(),
        end_date=(now - timedelta(days=5)).date(),
        start_time=time(9),
        end_time=time(10),
    )
    Registration.objects.create(
        event=past, user=cs[5], status=RegistrationStatus.CONFIRMED, attended_at=now
    )
    Registration.objects.create(event=past, user=gov[4], status=RegistrationStatus.CONFIRMED)
    Registration.objects.create(
        event=past, user=gov[5], status=RegistrationStatus.CANCELLED, cancelled_at=now
    )
    return {"gov": gov, "cs": cs, "other": other, "hidden": hidden, "cohort": cohort}


def test_the_figures_of_a_constructed_network_are_exactly_right(network, now):
    base = User.objects.filter(is_active=True).exclude(profile=None).count() - 14
    figures = network_figures.compute(now.date(), now=now + timedelta(seconds=1))

    members = figures["members"]
    assert members["total"] == 14 + base
    assert members["hidden"] == 1
    assert members["by_family"]["government"] == 6
    assert members["by_family"]["civil_society"] == 6  # the hidden member is left out
    assert members["by_family"]["other"] == 1 + base  # the site's own accounts have no sector
    assert members["by_region_family"]["africa_middle_east"]["government"] == 6
    assert members["by_region_family"]["europe"] == {
        "government": 0,
        "civil_society": 6,
        "other": 0,
    }
    assert members["by_country"]["FR"] == 6
    assert members["by_country"]["KE"] == 6

    connections = figures["connections"]
    assert connections["total"] == 8
    assert connections["cross"] == 5
    assert connections["by_family_pair"] == {
        "civil_society+government": 5,
        "government+government": 1,
        "civil_society+other": 1,
    }
    assert connections["by_region"]["europe"] == {"total": 6, "cross": 5}

    # Everyone who connected, registered, or signed in is active; the others are not.
    assert figures["active"]["30"] >= 12

    assert figures["coalitions"] == {
        "groups": 1,
        "groups_by_region": {"unknown": 1},
        "conversations": 1,
    }

    cohort = figures["cohorts"][str(network["cohort"].pk)]
    assert (cohort["applied"], cohort["shortlisted"], cohort["accepted"], cohort["completed"]) == (
        4,
        2,
        1,
        1,
    )
    assert cohort["targets"] == [{"group": "family:government", "target": 3, "reached": 2}]
    assert figures["alumni"]["total"] == 1
    assert figures["alumni"]["at_events_90"] == 1

    events = figures["events"]
    assert (events["registered"], events["attended"], events["no_shows"], events["held"]) == (
        2,
        1,
        1,
        1,
    )


def test_the_cross_sector_share_on_the_dashboard_is_part_over_whole(network, now):
    from network.charts import Filters, connections

    services.take_snapshot(day=now.date(), now=now + timedelta(seconds=1))
    chart = connections(Filters(start=now.date(), end=now.date()))
    assert chart.headings[1:] == [
        "Connections",
        "Between government and civil society",
        "Share between government and civil society",
    ]
    # 5 of 8 connections join government and civil society.
    assert chart.rows()[0][1] == ["8", "5", "62 %"]
    assert chart.export_rows()[0][1:] == [8, 5, 62.5]


def test_twice_on_one_day_stores_one_snapshot_updated_in_place(network, now):
    first = services.take_snapshot(day=now.date(), now=now)
    network["gov"][0].delete()
    second = services.take_snapshot(day=now.date(), now=now + timedelta(minutes=5))
    assert Snapshot.objects.filter(day=now.date()).count() == 1
    assert second.pk == first.pk
    assert second.figures["members"]["by_family"]["government"] == 5


def test_the_daily_task_takes_yesterday_and_today(network, now):
    from network.tasks import take_daily_snapshot

    take_daily_snapshot()
    take_daily_snapshot()
    today = timezone.now().date()
    assert set(Snapshot.objects.values_list("day", flat=True)) == {
        today,
        today - timedelta(days=1),
    }


def test_a_day_to_come_is_refused(now):
    with pytest.raises(SnapshotError):
        services.take_snapshot(day=now.date() + timedelta(days=2), now=now)


def test_backfill_rebuilds_history_from_the_dates_the_data_keeps(home, now):
    gov = members(5, sector="local_government", country="MX", joined=now - timedelta(days=20))
    cs = members(5, sector="media", country="MX", joined=now - timedelta(days=5))
    for a, b in zip(gov, cs, strict=True):
        connect(a, b, at=now - timedelta(days=4))

    call_command("backfill_network", days=30, verbosity=0)
    assert Snapshot.objects.count() == 30
    by_day = dict(Snapshot.objects.values_list("day", "figures"))
    today = timezone.now().date()

    def family(day, name):
        return by_day[day]["members"]["by_region_family"].get("americas", {}).get(name, 0)

    assert family(today - timedelta(days=25), "government") == 0
    assert family(today - timedelta(days=10), "government") == 5
    assert family(today - timedelta(days=10), "civil_society") == 0
    assert family(today, "civil_society") == 5
    assert by_day[today - timedelta(days=6)]["connections"]["cross"] == 0
    assert by_day[today]["connections"]["cross"] == 5
    assert Snapshot.objects.filter(backfilled=True).count() == 29

    # Again: still one row a day, and a snapshot taken on the day is kept.
    Snapshot.objects.filter(day=today - timedelta(days=3)).update(backfilled=False, figures={})
    call_command("backfill_network", days=30, verbosity=0)
    assert Snapshot.objects.count() == 30
    assert Snapshot.objects.get(day=today - timedelta(days=3)).figures == {}


def test_backfill_refuses_a_nonsense_number_of_days():
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("backfill_network", days=0, verbosity=0)


def test_the_programme_filter_narrows_the_funnel_and_says_where_it_does_not_apply(
    network, now, client, programme_staff, home
):
    services.take_snapshot(day=now.date(), now=now + timedelta(seconds=1))
    other = ProgrammePageFactory(parent=home, slug="another")
    programme = network["cohort"].get_parent()
    client.force_login(programme_staff)
    html = client.get(f"/admin/network/?programme={programme.pk}").content.decode()
    funnel = html[html.index('data-chart="funnel"') :]
    funnel = funnel[: funnel.index("</section>")]
    assert network["cohort"].title in funnel
    members = html[html.index('data-chart="members"') :]
    assert "Not broken down by programme." in members[: members.index("</section>")]
    html = client.get(f"/admin/network/?programme={other.pk}").content.decode()
    funnel = html[html.index('data-chart="funnel"') :]
    assert network["cohort"].title not in funnel[: funnel.index("</section>")]


def test_the_demo_shows_a_year_of_growth_and_a_second_run_changes_nothing(network, now):
    from network.demo.seed import seed

    seed(lambda message: None)
    days = sorted(Snapshot.objects.values_list("day", flat=True))
    assert len(days) >= 120
    assert days[-1] - days[0] >= timedelta(days=360)
    first = Snapshot.objects.get(day=days[0]).figures
    middle = Snapshot.objects.get(day=days[len(days) // 2]).figures
    last = Snapshot.objects.get(day=days[-1]).figures
    assert first["members"]["total"] < middle["members"]["total"] < last["members"]["total"]
    assert first["connections"]["total"] <= middle["connections"]["total"]
    assert middle["connections"]["total"] <= last["connections"]["total"] == 8

    joined = list(User.objects.order_by("pk").values_list("date_joined", flat=True))
    figures = dict(Snapshot.objects.values_list("day", "figures"))
    seed(lambda message: None)
    assert list(User.objects.order_by("pk").values_list("date_joined", flat=True)) == joined
    assert dict(Snapshot.objects.values_list("day", "figures")) == figures
