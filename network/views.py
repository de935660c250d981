"""The open-data file: the public aggregates of the latest snapshot, in the URL's language
(``/<lang>/network/open-data.json`` and ``.csv``), under CC BY 4.0."""

import csv
import io
import json

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _

from home.exports import BOM, neutralise
from network import public


def _cached(response):
    # The same for everyone: visitors, caches and CDNs may keep it for a while.
    response["Cache-Control"] = f"public, max-age={settings.PAGE_CACHE_SECONDS}"
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _missing():
    return _cached(JsonResponse({"error": _("The figures are not available yet.")}, status=404))


def open_data_json(request):
    document = public.document(translation.get_language())
    if document is None:
        return _missing()
    body = json.dumps(document, ensure_ascii=False, indent=1)
    return _cached(HttpResponse(body, content_type="application/json; charset=utf-8"))


def open_data_csv(request):
    document = public.document(translation.get_language())
    if document is None:
        return _missing()
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out)
    # Lines starting with "#" describe the file (licence, date, rule); then a header row.
    licence = _("Licence: %(licence)s %(url)s; attribution: %(attribution)s") % {
        "licence": document["licence"],
        "url": document["licence_url"],
        "attribution": document["attribution"],
    }
    for line in (
        f"# {document['title']} ({document['date']})",
        f"# {licence}",
        f"# {document['small_cell_rule']}",
        *(f"# {f['name']}: {f['description']}" for f in document["fields"]),
    ):
        out.write(" ".join(line.split()) + "\r\n")
    names = [f["name"] for f in document["fields"]]
    writer.writerow(names)
    for row in document["data"]:
        values = []
        for name in names:
            value = row[name]
            if isinstance(value, bool):
                value = "true" if value else "false"
            values.append("" if value is None else neutralise(value))
        writer.writerow(values)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'inline; filename="network-open-data-{document["language"]}.csv"'
    )
    return _cached(response)
