"""One export for every admin spreadsheet: formula-safe, readable, in the staff's zone."""

import csv
import io
from datetime import UTC, date, datetime

from django.utils import timezone, translation

import pytest

from home.exports import BOM, XLSX, cell, csv_rows

pytestmark = pytest.mark.django_db


def naive(*parts):
    """A wall-clock time without a zone, as spreadsheets store it."""
    return datetime(*parts, tzinfo=UTC).replace(tzinfo=None)


def test_cells_are_readable_and_formula_safe():
    with timezone.override("America/Mexico_City"), translation.override("es"):
        assert cell(True) == "Sí" and cell(False) == "No"
        assert cell(None) == ""
        assert cell(datetime(2026, 12, 2, 18, 30, tzinfo=UTC)) == "2026-12-02 12:30"
        assert cell(datetime(2026, 12, 2, 18, 30, tzinfo=UTC), XLSX) == naive(2026, 12, 2, 12, 30)
        assert cell(date(2026, 12, 2)) == "2026-12-02"
        assert cell(["a", "=b"]) == "a, '=b"
        assert cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
        assert cell("-1") == "'-1" and cell("@x") == "'@x" and cell(-1) == -1
        assert cell(["=1", "b"]) == "'=1, b"


def test_csv_starts_with_a_bom_and_keeps_accents():
    text = "".join(csv_rows(["Nom", "Ville"], [["Zoë", "Bogotá"], ["=cmd", "São Paulo"]]))
    assert text.startswith(BOM)
    rows = list(csv.reader(io.StringIO(text.removeprefix(BOM))))
    assert rows == [["Nom", "Ville"], ["Zoë", "Bogotá"], ["'=cmd", "São Paulo"]]
    # What a spreadsheet program reads from the bytes: UTF-8, BOM first.
    assert text.encode("utf-8").startswith(b"\xef\xbb\xbf")


def _staff_in(zone, language="fr"):
    from wagtail.users.models import UserProfile

    from community.factories import StaffFactory

    staff = StaffFactory()
    profile = UserProfile.get_for_user(staff)
    profile.current_time_zone = zone
    profile.preferred_language = language
    profile.save()
    return staff


def test_admin_export_uses_labels_yes_no_and_the_staff_zone(client, site):
    from community.factories import make_member
    from community.models import Profile

    subject = make_member(display_name="Zoë Export", visibility=0)
    Profile.objects.filter(pk=subject.profile.pk).update(
        created_at=datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    )
    client.force_login(_staff_in("Asia/Tokyo"))
    response = client.get("/admin/snippets/community/profile/?export=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith(BOM)
    rows = list(csv.reader(io.StringIO(body.removeprefix(BOM))))
    heading, row = rows[0], next(r for r in rows if "Zoë Export" in r)
    assert any("Asia/Tokyo" in h for h in heading), heading  # the zone is in the heading
    assert "2026-03-02 08:30" in row  # 23:30 UTC is 08:30 the next day in Tokyo
    assert "Moi uniquement" in row  # a choice as its (translated) label, not "0"


def test_admin_xlsx_export_has_local_naive_datetimes(client, site):
    from openpyxl import load_workbook

    from community.factories import make_member
    from community.models import Profile

    subject = make_member(display_name="Xlsx Person")
    Profile.objects.filter(pk=subject.profile.pk).update(
        created_at=datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    )
    client.force_login(_staff_in("Europe/Paris", "en"))
    response = client.get("/admin/snippets/community/profile/?export=xlsx")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(content)).active
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    row = next(r for r in values if "Xlsx Person" in r)
    assert naive(2026, 3, 2, 0, 30) in row
