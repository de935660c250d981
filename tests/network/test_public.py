"""The public picture: the open-data file in three languages and the block."""

import json
from datetime import timedelta

from django.utils import timezone

import pytest

from network import services
from network.models import Snapshot
from tests.network.conftest import connect, members

pytestmark = pytest.mark.django_db


@pytest.fixture
def snapshot(db):
    from community.models.profile import Visibility

    gov = members(6, sector="judiciary", country="SN")
    cs = members(5, sector="academia", country="SN")
    members(1, sector="academia", country="SN", visibility=Visibility.HIDDEN)
    for a, b in zip(gov, cs, strict=False):
        connect(a, b)
    now = timezone.now()
    Snapshot.objects.create(
        day=now.date() - timedelta(days=3), figures={"members": {}}, taken_at=now
    )  # an older one, never read
    return services.take_snapshot(day=now.date(), now=now)


def test_open_data_json_describes_itself_and_counts_hidden_members_in_the_total_only(
    client, snapshot, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        response = client.get("/en/network/open-data.json")
    assert response["Content-Type"].startswith("application/json")
    assert "public" in response["Cache-Control"]
    document = json.loads(response.content)
    assert document["licence"] == "CC BY 4.0"
    assert document["licence_url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert document["date"] == timezone.now().date().isoformat()
    assert [f["name"] for f in document["fields"]] == [
        "measure",
        "measure_label",
        "region",
        "region_label",
        "sector_family",
        "sector_family_label",
        "value",
        "withheld",
    ]
    assert all(f["description"] for f in document["fields"])
    rows = {(r["measure"], r["region"], r["sector_family"]): r["value"] for r in document["data"]}
    total = rows[("members", "", "")]
    assert total >= 12
    assert rows[("members_by_region_and_sector_family", "africa_middle_east", "government")] == 6
    # The hidden member is in the total, not in the region's civil-society count.
    assert rows[("members_by_region_and_sector_family", "africa_middle_east", "civil_society")] == 5
    assert rows[("cross_sector_connections", "", "")] == 5
    assert rows[("cross_sector_share_percent", "", "")] == 100.0


@pytest.mark.parametrize(
    ("language", "label", "family"),
    [
        ("en", "Africa and the Middle East", "Civil society"),
        ("fr", "Afrique et Moyen-Orient", "Société civile"),
        ("es", "África y Oriente Medio", "Sociedad civil"),
    ],
)
def test_open_data_labels_are_in_the_urls_language(client, snapshot, language, label, family):
    document = json.loads(client.get(f"/{language}/network/open-data.json").content)
    assert document["language"] == language
    row = next(
        r
        for r in document["data"]
        if r["region"] == "africa_middle_east" and r["sector_family"] == "civil_society"
    )
    assert row["region_label"] == label
    assert row["sector_family_label"] == family
    text = client.get(f"/{language}/network/open-data.csv").content.decode("utf-8-sig")
    assert label in text and "CC BY 4.0" in text


def test_without_a_snapshot_the_open_data_file_says_so(client, db):
    response = client.get("/fr/network/open-data.json")
    assert response.status_code == 404
    assert "error" in json.loads(response.content)
    assert client.get("/en/network/open-data.csv").status_code == 404


def test_the_block_reads_the_latest_snapshot_in_one_query(snapshot, django_assert_num_queries):
    from home.blocks import NetworkInNumbersBlock

    block = NetworkInNumbersBlock()
    value = block.to_python({"heading": "The network in numbers", "show_regions": True})
    with django_assert_num_queries(1):
        html = block.render(value)
    assert "The network in numbers" in html
    assert "/en/network/open-data.json" in html
    assert "Africa and the Middle East" in html


def test_the_block_without_figures_says_so(db):
    from home.blocks import NetworkInNumbersBlock

    block = NetworkInNumbersBlock()
    assert "not available yet" in block.render(block.to_python({"heading": "Numbers"}))


def test_a_new_snapshot_starts_a_new_page_cache_generation(snapshot):
    from home import page_cache

    before = page_cache.generation()
    services.take_snapshot(day=timezone.now().date(), now=timezone.now())
    assert page_cache.generation() != before


@pytest.mark.parametrize("where", ["home", "standard", "story"])
def test_editors_can_place_the_block_on_the_home_page_a_page_or_a_story(
    client, site, snapshot, where
):
    """The block is offered by every body editors write (home sections, pages, content),
    and shows the latest figures there in the page's language."""
    from content.factories import StoryIndexPageFactory, StoryPageFactory
    from home.factories import StandardPageFactory
    from home.models import HomePage

    home = HomePage.objects.get(pk=site.root_page_id)
    block = [("network_in_numbers", {"heading": "Our movement today", "show_regions": True})]
    if where == "home":
        page = home
        page.body = block
    elif where == "standard":
        page = StandardPageFactory(parent=home, title="Our network", slug="our-network", body=block)
    else:
        stories = StoryIndexPageFactory(parent=home, slug="stories")
        stories.save_revision().publish()
        page = StoryPageFactory(parent=stories, title="A story", slug="a-story", body=block)
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "Our movement today" in html
    assert "Africa and the Middle East" in html and "/en/network/open-data.json" in html
