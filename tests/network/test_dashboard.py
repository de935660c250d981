"""The staff dashboard: who may see it, every chart with its table, bounded queries, filters."""

import re
from datetime import timedelta

from django.utils import timezone

import pytest

from network import charts, services
from network.models import Snapshot
from tests.network.conftest import connect, members

pytestmark = pytest.mark.django_db

URL = "/admin/network/"


def _snapshots(days: int, *, members_total=100, now=None):
    """``days`` snapshots ending today with made-up figures (the dashboard only reads them)."""
    now = now or timezone.now()
    today = now.date()
    from network.figures import compute

    base = compute(today, now=now)
    rows = []
    for offset in range(days):
        figures = {
            **base,
            "members": {
                **base["members"],
                "total": members_total + offset,
                "by_family": {"government": 40, "civil_society": 3, "other": 0},
                "by_region_family": {
                    "europe": {"government": 30, "civil_society": 3, "other": 0},
                    "americas": {"government": 10, "civil_society": 0, "other": 0},
                },
                "by_country": {"FR": 30, "BR": 2, "US": 8},
            },
        }
        rows.append(Snapshot(day=today - timedelta(days=offset), figures=figures, taken_at=now))
    Snapshot.objects.bulk_create(rows, ignore_conflicts=True)


@pytest.fixture
def staff_client(client, programme_staff):
    client.force_login(programme_staff)
    return client


def test_who_may_see_the_dashboard(client, member, editor, programme_staff, superuser):
    response = client.get(URL)
    assert response.status_code == 302 and "/login/" in response["Location"]
    # A member cannot use the admin at all; an editor is sent back to the admin's home
    # (Wagtail's answer to a refused admin page).
    refused = {"member": "/login/", "editor": "/admin/"}
    for name, user in [
        ("member", member),
        ("editor", editor),
        ("programme staff", programme_staff),
        ("superuser", superuser),
    ]:
        client.force_login(user)
        for url in (URL, f"{URL}export/members.csv", f"{URL}export/members.xlsx"):
            response = client.get(url)
            if name in refused:
                assert response.status_code == 302, (name, url)
                assert refused[name] in response["Location"], (name, url)
            else:
                assert response.status_code == 200, (name, url)
        client.logout()


def test_the_menu_item_is_for_programme_staff_only(client, editor, programme_staff):
    client.force_login(editor)
    assert '"/admin/network/"' not in client.get("/admin/").content.decode()
    client.force_login(programme_staff)
    assert '"/admin/network/"' in client.get("/admin/").content.decode()


def test_every_chart_has_its_svg_and_its_data_table(staff_client):
    _snapshots(30)
    html = staff_client.get(URL).content.decode()
    sections = re.findall(r'<section class="network-section".*?</section>', html, re.S)
    # The surveys' chart appears once a survey round has answers
    # (tests/surveys/test_dashboard_chart.py).
    keys = [s.key for s in charts.sources() if s.key != "trust"]
    assert len(sections) == len(keys)
    for key, section in zip(keys, sections, strict=True):
        assert f'data-chart="{key}"' in section
        if "network-empty" in section:
            continue
        assert 'role="img"' in section and "<title" in section and "<desc" in section, key
        assert "<table" in section and "<caption" in section, key
        assert 'scope="col"' in section and 'scope="row"' in section, key
        assert f"/admin/network/export/{key}.csv?" in section
        assert f"/admin/network/export/{key}.xlsx?" in section


def test_the_dashboard_reads_a_bounded_number_of_queries_at_two_sizes(
    staff_client, django_assert_max_num_queries
):
    budget = 12  # about ten today: the session, the user, permissions, two snapshot reads
    _snapshots(10)
    staff_client.get(URL)
    with django_assert_max_num_queries(budget):
        assert staff_client.get(URL).status_code == 200
    # Many more members, connections and years of snapshots: the same bound.
    Snapshot.objects.all().delete()
    people = members(30, sector="parliament", country="CL")
    for a, b in zip(people, people[1:], strict=False):
        connect(a, b)
    services.take_snapshot(day=timezone.now().date(), now=timezone.now())
    _snapshots(3 * 365, members_total=5000)
    for period in ("1y", "all", "90d"):
        staff_client.get(f"{URL}?period={period}")
        with django_assert_max_num_queries(budget):
            assert staff_client.get(f"{URL}?period={period}").status_code == 200


@pytest.mark.parametrize(
    "query",
    [
        "period=forever",
        "region=atlantis",
        "programme=abc",
        "programme=999999",
        "period=dates&start=2026-13-45",
        "period=dates&start=2026-05-01&end=2026-01-01",
        "start=yesterday",
    ],
)
def test_bad_filters_answer_a_clear_message(staff_client, query):
    response = staff_client.get(f"{URL}?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    assert "These filters cannot be used" in html
    assert 'role="alert"' in html
    export = staff_client.get(f"{URL}export/members.csv?{query}")
    assert export.status_code == 400


def test_an_unknown_chart_or_format_is_not_found(staff_client):
    assert staff_client.get(f"{URL}export/nothing.csv").status_code == 404
    assert staff_client.get(f"{URL}export/members.pdf").status_code == 404


def test_the_filters_narrow_the_charts(staff_client):
    _snapshots(5)
    html = staff_client.get(f"{URL}?period=90d&region=europe").content.decode()
    assert "Not broken down by region" in html
    section = re.search(r'data-chart="regions".*?</section>', html, re.S).group(0)
    assert "Europe" in section and "The Americas" not in section
    day = (timezone.now().date() - timedelta(days=2)).isoformat()
    response = staff_client.get(f"{URL}?period=dates&start={day}&end={day}")
    assert response.status_code == 200
    rows = re.search(r'data-chart="members".*?</section>', response.content.decode(), re.S)
    assert rows.group(0).count('scope="row"') == 1


def test_the_dashboard_explains_what_it_shows_without_snapshots(staff_client):
    html = staff_client.get(URL).content.decode()
    assert "No figures for this period" in html


def test_another_app_adds_a_chart_with_its_table_and_exports(staff_client):
    """The interface the surveys app uses: register a ChartSource from apps.ready()."""

    def build(filters):
        return charts.Chart(
            key="stand-in",
            title="Trust between sectors, as answered",
            kind="bar",
            column_heading="Answer",
            columns=["High", "Low"],
            series=[charts.Series("People", [12, 3])],
        )

    charts.register(charts.ChartSource("stand-in", "Trust", 200, build, by_region=False))
    try:
        html = staff_client.get(f"{URL}?region=europe").content.decode()
        section = html[html.index('data-chart="stand-in"') :]
        section = section[: section.index("</section>")]
        assert 'role="img"' in section and "<table" in section
        assert "Not broken down by region" in section
        assert _cells(section) == ["12", "fewer than 5"]
        response = staff_client.get(f"{URL}export/stand-in.csv")
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        assert text.splitlines() == ["Answer,People", "High,12", "Low,fewer than 5"]
    finally:
        charts._SOURCES.pop("stand-in")


def _cells(section):
    return re.findall(r"<td>(.*?)</td>", section)
