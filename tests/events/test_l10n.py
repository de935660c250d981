"""Event dates, times and zones read as people write them in French and Spanish:
Django's locale formats (config/formats/), never hand-made ones, on the page and in email."""

from datetime import date, time

from wagtail.models import Locale

import pytest

from community.factories import UserFactory
from events import services
from events.models import EventPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def nairobi_event(make_event):
    """09:00–11:00 in Nairobi (UTC+3, no daylight saving) on Thursday 2 December 2027."""
    return make_event(
        title="Open budgets clinic",
        slug="open-budgets-clinic",
        start_date=date(2027, 12, 2),
        start_time=time(9, 0),
        end_date=date(2027, 12, 2),
        end_time=time(11, 0),
        timezone="Africa/Nairobi",
    )


def in_language(event, code):
    page = event.copy_for_translation(Locale.objects.get(language_code=code), copy_parents=True)
    page.save_revision().publish()
    for parent in page.get_ancestors().specific():
        if not parent.live:
            parent.save_revision().publish()
    return EventPage.objects.get(pk=page.pk)


def main(response) -> str:
    assert response.status_code == 200
    return response.content.decode().split("<main", 1)[1]


def test_spanish_event_page_writes_dates_the_spanish_way(client, nairobi_event):
    spanish = in_language(nairobi_event, "es")
    html = main(client.get(spanish.url + "?tz=Africa/Nairobi"))
    assert "jueves 2 de diciembre de 2027, 09:00–11:00" in html
    assert "Hora de Nairobi (UTC+3)" in html
    assert "Africa/Nairobi</span>" not in html
    assert "Dec." not in html and "a.m." not in html


def test_french_event_page_and_listing(client, make_event):
    event = make_event(
        title="Atelier données ouvertes",
        slug="atelier",
        start_date=date(2027, 2, 15),
        start_time=time(14, 30),
        end_date=date(2027, 2, 15),
        end_time=time(16, 0),
        timezone="Pacific/Auckland",
    )
    french = in_language(event, "fr")
    html = main(client.get(french.url + "?tz=Pacific/Auckland"))
    assert "lundi 15 février 2027, 14:30–16:00" in html
    assert "Heure d’Auckland (UTC+13)" in html  # elided before a vowel
    # The time-zone picker names zones the way people say them.
    assert '<option value="Europe/London">Heure de Londres (UTC)</option>' in html
    # Cards use the short French date: « 15 févr. 2027 ».
    listing = main(client.get(french.get_parent().url))
    assert "15 févr. 2027, 14:30–16:00" in listing
    assert "heure d’Auckland (UTC+13)" in listing


@pytest.mark.parametrize(
    ("language", "when", "zone"),
    [
        ("es", "jueves 2 de diciembre de 2027, 09:00–11:00", "hora de Nairobi (UTC+3)"),
        ("fr", "jeudi 2 décembre 2027, 09:00–11:00", "heure de Nairobi (UTC+3)"),
        ("en", "Thursday 2 December 2027, 09:00–11:00", "Nairobi time (UTC+3)"),
    ],
)
def test_confirmation_email_dates_in_the_members_language(
    nairobi_event, mails, language, when, zone
):
    user = UserFactory(preferred_language=language)
    services.registration_create(event=nairobi_event, user=user)
    (email,) = mails(to=user.email)
    assert email.language == language
    assert f"{when} · {zone}" in email.body_text
    assert "Africa/Nairobi" not in email.body_text


def test_zone_labels_name_the_city_in_the_readers_language():
    from django.utils import translation

    from home.l10n import zone_label

    with translation.override("es"):
        assert zone_label("America/Mexico_City") == "hora de Ciudad de México (UTC−6)"
        assert zone_label("UTC") == "tiempo universal coordinado (UTC)"
    with translation.override("fr"):
        assert zone_label("Asia/Kolkata") == "heure de Calcutta (UTC+5:30)"
