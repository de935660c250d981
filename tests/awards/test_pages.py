"""Editors create an edition in the admin; the timeline must run in order."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

import pytest

from awards.factories import AwardIndexPageFactory
from awards.models import AwardProgrammePage
from community.factories import StaffFactory

pytestmark = pytest.mark.django_db


def _data(**overrides):
    now = timezone.now().replace(microsecond=0, second=0, tzinfo=None)
    data = {
        "title": "Open Government Awards 2027",
        "slug": "oga-2027",
        "purpose": rich_text("<p>Recognising reformers.</p>"),
        "eligibility": rich_text(""),
        "timezone": "America/Bogota",
        "nominations_open": (now + timedelta(days=1)).isoformat(sep=" "),
        "nominations_close": (now + timedelta(days=30)).isoformat(sep=" "),
        "judging_close": (now + timedelta(days=60)).isoformat(sep=" "),
        "announcement_at": (now + timedelta(days=90)).isoformat(sep=" "),
        "score_min": 0,
        "score_max": 10,
        "min_scores": 3,
        "notify_nominees": "on",
        "categories": inline_formset(
            [{"name": "Champions of civic space", "description": "", "region": ""}]
        ),
        "criteria": inline_formset([{"name": "Impact", "description": "", "weight": "2"}]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_editor_creates_an_edition_in_the_admin(client, site):
    index = AwardIndexPageFactory(parent=site.root_page, slug="awards")
    client.force_login(StaffFactory())
    url = f"/admin/pages/add/awards/awardprogrammepage/{index.pk}/"
    response = client.post(url, _data())
    assert response.status_code == 302, response.content.decode()[:3000]
    page = AwardProgrammePage.objects.get(slug="oga-2027")
    assert [c.name for c in page.categories.all()] == ["Champions of civic space"]
    assert page.criteria.get().weight == 2


def test_timeline_out_of_order_is_refused(site):
    now = timezone.now()
    page = AwardProgrammePage(
        title="x",
        slug="x",
        purpose="<p>x</p>",
        timezone="UTC",
        nominations_open=now,
        nominations_close=now - timedelta(days=1),
        judging_close=now,
        announcement_at=now,
    )
    with pytest.raises(ValidationError):
        page.clean()


def test_bad_timezone_is_refused(client, site):
    index = AwardIndexPageFactory(parent=site.root_page, slug="awards")
    client.force_login(StaffFactory())
    response = client.post(
        f"/admin/pages/add/awards/awardprogrammepage/{index.pk}/", _data(timezone="Mars/Olympus")
    )
    assert response.status_code == 200
    assert not AwardProgrammePage.objects.exists()
