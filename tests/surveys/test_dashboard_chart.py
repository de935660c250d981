"""Trust between sectors, as answered, on the network dashboard next to the activity
figures: a mean per survey round, overall and by sector family, withheld under five."""

import re
from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

import pytest

from community.factories import UserFactory
from home.permissions import ensure_groups
from surveys.factories import SurveyFactory, SurveyRoundFactory
from surveys.models import Response

pytestmark = pytest.mark.django_db


def _answer(round_, survey, scale, family, region="europe"):
    ids = {spec["kind"]: spec["id"] for spec in survey.question_list()}
    Response.objects.create(
        round=round_, answers={ids["scale"]: scale}, sector_family=family, region=region
    )


@pytest.fixture
def staff_client(client):
    ensure_groups()
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Programme staff"))
    client.force_login(user)
    return client


def _section(html):
    section = html[html.index('data-chart="trust"') :]
    return section[: section.index("</section>")]


def test_trust_as_answered_is_on_the_dashboard_with_its_table_and_export(staff_client):
    now = timezone.now()
    survey = SurveyFactory(title="Stakeholder survey")
    before = SurveyRoundFactory(
        survey=survey, opens_at=now - timedelta(days=200), closes_at=now - timedelta(days=170)
    )
    after = SurveyRoundFactory(
        survey=survey, opens_at=now - timedelta(days=40), closes_at=now - timedelta(days=10)
    )
    for scale in [2, 2, 3, 3, 2]:
        _answer(before, survey, scale, "government")
    for scale in [3, 3]:
        _answer(before, survey, scale, "civil_society")
    for scale in [4, 4, 5, 3, 4, 4]:
        _answer(after, survey, scale, "civil_society")
    html = staff_client.get("/admin/network/?period=1y").content.decode()
    section = _section(html)
    assert "Trust between sectors, as answered" in section and 'role="img"' in section
    rows = re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', section)
    cells = [re.findall(r"<td>(.*?)</td>", row) for _label, row in rows]
    # Everyone (18 / 7), government, civil society; two civil-society answers are too few.
    assert cells == [["2.6", "2.4", "fewer than 5"], ["4.0", "fewer than 5", "4.0"]]
    assert "Stakeholder survey" in rows[0][0]
    export = staff_client.get("/admin/network/export/trust.csv?period=1y")
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert text.splitlines()[1:] == [
        f"{rows[0][0]},2.6,2.4,fewer than 5",
        f"{rows[1][0]},4.0,fewer than 5,4.0",
    ]
    # By region: the chart follows it (no answers from the Americas: nothing to show).
    html = staff_client.get("/admin/network/?period=1y&region=americas").content.decode()
    cells = re.findall(r"<td>(.*?)</td>", _section(html))
    assert cells and set(cells) == {"fewer than 5"}
