"""CSV and XLSX files of one chart's data, through the kernel's export helpers
(``home.exports``: formula-safe cells, a BOM for CSV). The rows are the chart's own
(``Chart.export_rows``), so a withheld cell reads "fewer than 5" in the staff member's
language, as on the dashboard."""

import io

from django.http import HttpResponse
from django.utils.translation import gettext as _

from home.exports import XLSX, cell, csv_response

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filename(chart, filters, extension: str) -> str:
    return f"network-{chart.key}-{filters.start.isoformat()}-{filters.end.isoformat()}.{extension}"


def chart_csv(chart, filters):
    return csv_response(filename(chart, filters, "csv"), chart.headings, chart.export_rows())


def chart_xlsx(chart, filters, about: list[tuple[str, str]]):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = _("Data")[:31]
    sheet.append([cell(h, XLSX) for h in chart.headings])
    for row in chart.export_rows():
        sheet.append([cell(v, XLSX) for v in row])
    notes = book.create_sheet(_("About")[:31])
    notes.append([_("Chart"), cell(chart.title, XLSX)])
    if chart.description:
        notes.append([_("What it counts"), cell(chart.description, XLSX)])
    for label, value in about:
        notes.append([cell(label, XLSX), cell(value, XLSX)])
    if chart.note:
        notes.append([_("Note"), cell(chart.note, XLSX)])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename(chart, filters, "xlsx")}"'
    return response
