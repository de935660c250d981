"""Privacy by aggregation, as a table: no surface shows a count of 1 to 4 people.

One snapshot where Europe has 3 civil-society members, Brazil 2 members, 3 cross-sector
connections of 40 and 2 alumni; each surface is read the way a staff member or a visitor
reads it, and must show "fewer than 5" (in its language) where the count would be.
"""

import csv
import io
import json
from datetime import timedelta

from django.utils import timezone

import pytest
from openpyxl import load_workbook

from network.models import Snapshot

pytestmark = pytest.mark.django_db

FIGURES = {
    "schema": 1,
    "members": {
        "total": 61,
        "hidden": 7,
        "by_family": {"government": 40, "civil_society": 3, "other": 11},
        "by_region_family": {
            "europe": {"government": 30, "civil_society": 3, "other": 11},
            "americas": {"government": 10, "civil_society": 0, "other": 0},
        },
        "by_country": {"FR": 44, "BR": 2, "US": 8},
    },
    "active": {"30": 20, "90": 30, "by_region": {"europe": {"30": 4, "90": 20}}},
    "connections": {
        "total": 40,
        "cross": 3,
        "by_family_pair": {},
        "by_region": {"europe": {"total": 40, "cross": 3}},
    },
    "coalitions": {"groups": 2, "groups_by_region": {}, "conversations": 0},
    "alumni": {
        "total": 2,
        "active_90": 2,
        "at_events_90": 0,
        "posting_90": 1,
        "mentoring_90": 0,
        "by_programme": {},
    },
    "cohorts": {},
    "events": {"registered": 12, "attended": 9, "no_shows": 3, "held": 2, "by_region": {}},
    "awards": {
        "total": 6,
        "by_category": {"1": {"label": "Open data", "by_region": {"europe": 4, "americas": 2}}},
        "by_region": {"europe": 4, "americas": 2},
    },
    "stories": {"proposed": 1, "published": 3},
}
WITHHELD = {"en": "fewer than 5", "fr": "moins de 5", "es": "menos de 5"}


@pytest.fixture
def snapshot(db):
    now = timezone.now()
    return Snapshot.objects.create(
        day=now.date() - timedelta(days=1), figures=FIGURES, taken_at=now
    )


@pytest.fixture
def staff_client(client, programme_staff):
    client.force_login(programme_staff)
    return client


def _section(html, key):
    start = html.index(f'data-chart="{key}"')
    return html[start : html.index("</section>", start)]


def _table_cells(section):
    import re

    return re.findall(r"<td>(.*?)</td>", section)


def test_dashboard_tables_withhold_small_cells(staff_client, snapshot):
    html = staff_client.get("/admin/network/").content.decode()
    regions = _table_cells(_section(html, "regions"))
    # Europe: 30 government, 3 civil society, 11 other. The 3 is withheld, and so is the
    # 11: Europe's total is known, and would give the 3 back.
    assert regions == ["10", "0", "0", "30", "fewer than 5", "fewer than 5"]
    countries = _table_cells(_section(html, "countries"))
    # Brazil's 2 is withheld, and the United States' 8 with it (the Americas' total).
    assert countries == ["44", "fewer than 5", "fewer than 5"]
    connections = _table_cells(_section(html, "connections"))
    # 3 of 40: the count and the share that would give it back are both withheld.
    assert connections[-3:] == ["40", "fewer than 5", "withheld (fewer than 5)"]
    alumni = _table_cells(_section(html, "alumni"))
    assert alumni == ["fewer than 5", "fewer than 5", "0", "fewer than 5", "0"]
    awards = _table_cells(_section(html, "award_regions"))
    assert awards == ["fewer than 5", "fewer than 5"]


def test_the_svg_does_not_draw_a_withheld_bar(staff_client, snapshot):
    html = staff_client.get("/admin/network/").content.decode()
    svg = _section(html, "countries").split("</svg>")[0]
    # One bar drawn (44); Brazil's and the United States' left out and marked "<5".
    assert svg.count("<rect x=") == 1
    assert svg.count("&lt;5") == 2


@pytest.mark.parametrize("language", ["en", "fr"])
def test_csv_exports_withhold_small_cells_in_the_staff_members_language(
    staff_client, snapshot, programme_staff, language
):
    programme_staff.preferred_language = language
    programme_staff.save()
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(programme_staff)
    profile.preferred_language = language
    profile.save()
    response = staff_client.get("/admin/network/export/countries.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert [row[1] for row in rows[1:]] == ["44", WITHHELD[language], WITHHELD[language]]
    assert not any(cell == "2" for row in rows for cell in row)


def test_xlsx_exports_withhold_small_cells(staff_client, snapshot):
    response = staff_client.get("/admin/network/export/regions.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0] == ("Region", "Government", "Civil society", "Other sectors")
    assert rows[1:] == [
        ("The Americas", 10, 0, 0),
        ("Europe", 30, "fewer than 5", "fewer than 5"),
    ]
    about = {row[0]: row[1] for row in book.worksheets[1].iter_rows(values_only=True)}
    assert "fewer than 5" in about["Small counts"]


def test_the_public_block_withholds_small_cells(snapshot):
    from home.blocks import NetworkInNumbersBlock

    block = NetworkInNumbersBlock()
    html = block.render(block.to_python({"heading": "In numbers", "show_regions": True}))
    assert "61" in html  # members, hidden profiles included: a total
    # Cross-sector connections (3) and alumni (2) withheld; the sentence that explains it.
    assert html.count("fewer than 5") == 3
    assert "CC BY 4.0" in html
    assert "<td>44</td>" in html and "<td>10</td>" in html  # members by region


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_open_data_json_withholds_small_cells(client, snapshot, language):
    response = client.get(f"/{language}/network/open-data.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["licence"] == "CC BY 4.0"
    rows = {(r["measure"], r["region"], r["sector_family"]): r for r in document["data"]}
    europe_cs = rows[("members_by_region_and_sector_family", "europe", "civil_society")]
    assert europe_cs["value"] is None and europe_cs["withheld"] is True
    # 11, but Europe's total (shown on the block) would give the 3 back.
    assert rows[("members_by_region_and_sector_family", "europe", "other")]["withheld"] is True
    assert rows[("cross_sector_connections", "", "")]["value"] is None
    assert rows[("cross_sector_share_percent", "", "")]["value"] is None
    assert rows[("alumni", "", "")]["withheld"] is True
    assert rows[("members", "", "")]["value"] == 61
    assert rows[("members_by_region_and_sector_family", "europe", "government")]["value"] == 30
    for row in document["data"]:
        assert (
            row["value"] is None
            or not 1 <= row["value"] <= 4
            or row["measure"]
            in (
                "events_held",
                "stories_published",
            )
        )


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_open_data_csv_withholds_small_cells(client, snapshot, language):
    response = client.get(f"/{language}/network/open-data.csv")
    text = response.content.decode("utf-8-sig")
    assert "CC BY 4.0" in text.splitlines()[1]
    rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
    europe_cs = next(
        r
        for r in rows
        if r["measure"] == "members_by_region_and_sector_family"
        and r["region"] == "europe"
        and r["sector_family"] == "civil_society"
    )
    assert europe_cs["value"] == "" and europe_cs["withheld"] == "true"
    people = [r for r in rows if r["measure"] not in ("events_held", "stories_published")]
    assert all(r["value"] == "" or not 1 <= float(r["value"]) <= 4 for r in people)
