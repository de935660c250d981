"""One way to export: spreadsheets staff can open and trust.

Every admin CSV and XLSX export goes through here, so that each one:

- cannot smuggle a formula into a staff member's spreadsheet (cells a spreadsheet would
  run as a formula get a leading quote: CSV injection);
- shows dates and times in the staff member's time zone (the Wagtail admin activates it),
  readably, booleans as a translated Yes/No, choices as their labels, lists joined;
- opens correctly in spreadsheet programs with accented text (CSV in UTF-8 with a BOM).

Wagtail index views with ``list_export`` mix in :class:`SpreadsheetExportMixin`; views
that build their own rows return :func:`csv_response`.
"""

import csv
import datetime
from collections.abc import Iterable

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.encoding import force_str
from django.utils.functional import Promise
from django.utils.translation import gettext as _

#: Spreadsheet apps run cells starting with these as formulas (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: Marks a CSV file as UTF-8 for spreadsheet programs that would otherwise guess Latin-1.
BOM = "\ufeff"
CSV = "csv"
XLSX = "xlsx"


def neutralise(value):
    """A cell a spreadsheet would read as a formula gets a leading quote; others pass."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def cell(value, export_format: str = CSV):
    """One value as a spreadsheet cell: readable, in the active time zone, formula-safe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        if export_format == XLSX:
            return value.replace(tzinfo=None, microsecond=0)
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value if export_format == XLSX else value.isoformat()
    if isinstance(value, int | float):
        return value
    if isinstance(value, list | tuple | set):
        return neutralise(", ".join(force_str(cell(v, CSV)) for v in value))
    if isinstance(value, Promise):
        value = str(value)
    if not isinstance(value, str):
        value = force_str(value)
    return neutralise(value)


def zone_label() -> str:
    """The time zone the export's times are in, for headings."""
    return str(timezone.get_current_timezone_name())


class SpreadsheetExportMixin:
    """For Wagtail index views with ``list_export`` (put it first among the bases)."""

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        for field in row:
            if "." in field:
                continue
            try:
                model_field = item._meta.get_field(field)
            except FieldDoesNotExist:
                continue
            if getattr(model_field, "choices", None) and not isinstance(
                model_field, models.ForeignKey
            ):
                row[field] = getattr(item, f"get_{field}_display")()
        return row

    def preprocess_field_value(self, field, value, export_format):
        return cell(value, export_format)

    def get_heading(self, queryset, field):
        heading = super().get_heading(queryset, field)
        try:
            model_field = queryset.model._meta.get_field(field)
        except FieldDoesNotExist:
            return heading
        if isinstance(model_field, models.DateTimeField):
            return f"{heading} ({zone_label()})"
        return heading

    def stream_csv(self, queryset):
        yield BOM
        yield from super().stream_csv(queryset)

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response.streaming_content = localised(response.streaming_content)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response


def localised(chunks: Iterable):
    """Produce a streamed file's lines in the time zone and language active now.

    A streamed response is read after the view returns, when the admin's per-user time
    zone and language are no longer active; this keeps them for every line.
    """
    return _in(iter(chunks), timezone.get_current_timezone(), translation.get_language())


def _in(iterator, zone, language):
    while True:
        with timezone.override(zone), translation.override(language):
            try:
                chunk = next(iterator)
            except StopIteration:
                return
        yield chunk


class _Echo:
    def write(self, value):
        return value


def csv_rows(headings: Iterable, rows: Iterable[Iterable]):
    """The lines of a CSV file (BOM first), every cell through :func:`cell`."""
    writer = csv.writer(_Echo())
    yield BOM
    yield writer.writerow([cell(h) for h in headings])
    for row in rows:
        yield writer.writerow([cell(v) for v in row])


def csv_response(filename: str, headings: Iterable, rows: Iterable[Iterable]):
    """A streamed CSV download named ``filename``."""
    response = StreamingHttpResponse(
        localised(csv_rows(headings, rows)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
