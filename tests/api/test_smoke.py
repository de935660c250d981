import pytest

pytestmark = pytest.mark.django_db


def test_every_list_answers(site, api_get, make_event):
    make_event(title="Budget webinar", slug="budget")
    for path in [
        "themes/",
        "events/",
        "events/?when=past",
        "stories/",
        "resources/",
        "news/",
        "programmes/",
        "cohorts/",
        "awards/",
        "members/",
        "openapi.json",
    ]:
        response = api_get(path)
        assert response.status_code == 200, (path, response.content[:500])
    assert api_get("events/").json()["results"][0]["title"] == "Budget webinar"
