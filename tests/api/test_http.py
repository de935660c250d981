"""What every answer goes through: pagination, languages, ETags and Cache-Control, CORS,
rate limits, and clear 4xx JSON for bad input (never a 5xx)."""

from datetime import date, time

import pytest

from events.models import EventPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(make_event):
    return [make_event(title=f"Event {n:02d}", slug=f"event-{n:02d}") for n in range(5)]


def test_cursor_pages_walk_every_event_once(api_get, events):
    seen, path = [], "events/?page_size=2"
    while path:
        data = api_get(path).json()
        seen += [e["title"] for e in data["results"]]
        path = data["next"] and data["next"].split("/api/v1/", 1)[1]
    assert sorted(seen) == sorted(e.title for e in events)
    assert len(seen) == len(set(seen))


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("events/?cursor=garbage", "bad_cursor"),
        ("members/?cursor=Zm9v", "bad_cursor"),
        ("events/?theme=no-such-theme", "bad_filter"),
        ("events/?when=tomorrow", "bad_parameter"),
        ("events/?page_size=1000", "bad_parameter"),
        ("events/?page_size=abc", "bad_parameter"),
        ("stories/?country=XX", "bad_parameter"),
        ("members/?sector=astronaut", "bad_parameter"),
        ("events/?lang=klingon", "unknown_lang"),
        ("cohorts/?programme=999999", "bad_filter"),
    ],
)
def test_bad_input_answers_a_clear_400(api_get, events, path, code):
    response = api_get(path)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == code
    assert body["detail"]
    assert response["Cache-Control"] == "no-store"


def test_a_cursor_from_another_list_is_refused(api_get, events):
    cursor = api_get("events/?page_size=1").json()["next"].split("cursor=")[1].split("&")[0]
    assert api_get(f"events/?when=past&cursor={cursor}").status_code == 200
    assert api_get(f"members/?cursor={cursor}").json()["code"] == "bad_cursor"


def test_unknown_things_answer_json_404s(api_get, events):
    for path in ["events/999999/", "members/999999/", "certificates/nope/", "no-such-thing/"]:
        response = api_get(path)
        assert response.status_code == 404, path
        assert response.json()["code"] == "not_found"


def test_only_reading_is_allowed(client, events):
    response = client.post("/api/v1/events/", {})
    assert response.status_code == 405
    assert response.json()["code"] == "method"
    assert "GET" in response["Allow"]


def test_language_from_the_query_or_accept_language(api_get, events):
    assert api_get("events/?lang=fr")["Content-Language"] == "fr"
    assert api_get("events/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")["Content-Language"] == "es"
    assert api_get("events/", HTTP_ACCEPT_LANGUAGE="de")["Content-Language"] == "en"
    # An untranslated event is listed in French in its own language, at a French address.
    item = api_get("events/?lang=fr").json()["results"][0]
    assert item["language"] == "en"
    assert "/fr/" in item["url"]


def test_errors_speak_the_request_language(api_get, events):
    detail = api_get("events/?cursor=x", HTTP_ACCEPT_LANGUAGE="fr").json()["detail"]
    english = api_get("events/?cursor=x").json()["detail"]
    assert detail and english
    assert "cursor" in english


def test_etag_and_cache_control(api_get, events):
    first = api_get("events/")
    assert first["Cache-Control"] == "public, max-age=60"
    assert first["ETag"].startswith('W/"')
    assert "Accept-Language" in first["Vary"]
    again = api_get("events/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    EventPage.objects.filter(pk=events[0].pk).update(title="Renamed")
    changed = api_get("events/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_cors_for_read_only_gets(client, events):
    answer = client.get("/api/v1/events/", HTTP_ORIGIN="https://partner.example.org")
    assert answer["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in answer
    preflight = client.options(
        "/api/v1/events/",
        HTTP_ORIGIN="https://partner.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "Authorization" in preflight["Access-Control-Allow-Headers"]


def test_too_many_requests_get_a_clear_429(api_get, settings, events):
    settings.API_RATE_LIMITS = {"anonymous": [(3, 60)], "token": [(100, 60)]}
    statuses = [api_get("themes/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = api_get("themes/")
    assert int(refused["Retry-After"]) >= 1
    assert refused.json()["code"] == "throttled"
    assert refused["Retry-After"] in refused.json()["detail"]


def test_times_in_utc_and_in_the_events_zone(api_get, make_event):
    event = make_event(
        title="Nairobi clinic",
        slug="nairobi",
        timezone="Africa/Nairobi",
        start_date=date(2030, 6, 1),
        start_time=time(9, 0),
        end_date=date(2030, 6, 1),
        end_time=time(11, 0),
    )
    data = api_get(f"events/{event.pk}/").json()
    assert data["start_utc"].startswith("2030-06-01T06:00:00")
    assert data["start_utc"].endswith(("Z", "+00:00"))
    assert data["start_local"] == "2030-06-01T09:00:00+03:00"
    assert data["timezone"] == "Africa/Nairobi"


def test_members_only_event_details_stay_for_members(api_get, make_event):
    event = make_event(
        title="Alumni lab", slug="alumni-lab", audience="members", venue_name="Secret Hall"
    )
    data = api_get(f"events/{event.pk}/").json()
    assert data["details_for_members_only"] is True
    assert "Secret Hall" not in str(data)


def test_certificates_verify_as_the_public_page_shows(api_get, home):
    from django.utils import timezone

    from cohorts.factories import CohortPageFactory, ProgrammePageFactory
    from cohorts.models import Certificate, Participant
    from cohorts.services import certificate_issue
    from community.factories import UserFactory

    cohort = CohortPageFactory(parent=ProgrammePageFactory(parent=home, slug="lead"), slug="c1")
    person = UserFactory(name="Holder Person")
    participant = Participant.objects.create(cohort=cohort, user=person, status="completed")
    certificate = certificate_issue(participant=participant)
    valid = api_get(f"certificates/{certificate.identifier}/").json()
    assert valid["valid"] is True
    assert valid["holder_name"] == certificate.holder_name
    Certificate.objects.filter(pk=certificate.pk).update(revoked_at=timezone.now())
    revoked = api_get(f"certificates/{certificate.identifier}/").json()
    assert revoked["valid"] is False and revoked["revoked"] is True
    assert certificate.holder_name not in str(revoked)


def test_the_docs_page_works_under_the_sites_csp(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "unsafe-inline" not in page.get("Content-Security-Policy", "")
    assert "<script>" not in html.replace('<script type="application/json"', "")
    assert "cdn" not in html.lower()
