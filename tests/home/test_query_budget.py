"""Every page type costs a bounded number of SQL queries, whatever the data size.

A public page makes at most ``VISITOR`` queries, a signed-in page at most ``MEMBER``, on a
cache miss (the page cache is off in tests). Each page is requested twice and the second
request is counted, so per-process caches (content types, Wagtail's site root paths) are
warm, as they are on a running server.

``QUERY_REPORT=1 pytest tests/home/test_query_budget.py -s`` prints every page's count.
"""

import os

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.pages import MEMBER_EMAIL, member_pages, seed_demo_site, visitor_pages

pytestmark = pytest.mark.django_db

VISITOR = 12
MEMBER = 15
LANGUAGES = ("en", "fr")


def _measure(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, len(queries)


def measure_all():
    from django.contrib.auth import get_user_model
    from django.test import Client

    member = get_user_model().objects.get(email=MEMBER_EMAIL)
    found = {}
    visitor = Client()
    for language in LANGUAGES:
        for name, url in visitor_pages(language).items():
            found[f"visitor {language} {name}"] = (*_measure(visitor, url), VISITOR, url)
    signed_in = Client()
    signed_in.force_login(member)
    for language in LANGUAGES:
        for name, url in member_pages(language, member).items():
            found[f"member {language} {name}"] = (*_measure(signed_in, url), MEMBER, url)
    if os.environ.get("QUERY_REPORT"):
        for name, (status, count, budget, url) in sorted(found.items(), key=lambda i: -i[1][1]):
            flag = "OVER" if count > budget else "    "
            print(f"{flag} {count:3d}/{budget} {status} {name:55s} {url}")
    return found


def over_budget(found):
    return {name: row for name, row in found.items() if row[1] > row[2]}


def test_every_page_type_stays_within_its_query_budget_at_two_data_sizes():
    seed_demo_site()
    demo = measure_all()
    assert all(status in (200, 302, 404) for status, *_ in demo.values()), {
        name: row for name, row in demo.items() if row[0] not in (200, 302, 404)
    }
    assert len(demo) > 60
    assert over_budget(demo) == {}
    # Ten times the members, and more events, stories and activity than the demo holds.
    from django.core.management import call_command

    call_command("seed_scale", members=300, events=30, stories=30, quiet=True)
    scale = measure_all()
    assert scale.keys() == demo.keys()
    assert over_budget(scale) == {}
