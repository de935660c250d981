"""The network health dashboard in the Wagtail admin (/admin/network/), for programme staff.

Every chart is built from a few snapshot rows (network/charts.py), so the page costs the
same number of queries whatever the size of the network.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from home.aggregates import THRESHOLD
from network import charts, exports
from network.forms import FilterForm
from network.permissions import can_view_network_health


def _require(user) -> None:
    if not can_view_network_health(user):
        raise PermissionDenied


def _about(form) -> list[tuple[str, str]]:
    data = form.cleaned_data
    about = [
        (
            _("Period"),
            f"{date_format(data['start'], 'DATE_FORMAT')} – {date_format(data['end'], 'DATE_FORMAT')}",
        ),
        (_("Region"), dict(form.fields["region"].choices).get(data.get("region") or "", "")),
        (
            _("Programme"),
            form.programme_titles.get(data.get("programme"), _("All programmes")),
        ),
        (
            _("Small counts"),
            _("Counts of people from 1 to %(n)s are shown as “fewer than %(m)s”.")
            % {"n": THRESHOLD - 1, "m": THRESHOLD},
        ),
    ]
    return [(label, str(value)) for label, value in about]


def dashboard(request):
    _require(request.user)
    form = FilterForm(request.GET or None)
    if request.GET and not form.is_valid():
        return TemplateResponse(
            request,
            "network/admin/dashboard.html",
            {"page_title": _("Network health"), "form": form, "charts": [], "bad_filters": True},
            status=400,
        )
    if not request.GET:
        form = FilterForm({"period": "1y"})
        form.is_valid()
    filters = form.filters()
    built = charts.build_all(filters)
    return TemplateResponse(
        request,
        "network/admin/dashboard.html",
        {
            "page_title": _("Network health"),
            "header_icon": "pick",
            "form": form,
            "filters": filters,
            "charts": built,
            "latest_day": filters.latest_day(),
            "query": form.query_string(),
            "about": _about(form),
        },
    )


def export(request, key: str, fmt: str):
    _require(request.user)
    source = charts.get_source(key)
    if source is None or fmt not in ("csv", "xlsx"):
        raise Http404
    form = FilterForm(request.GET or {"period": "1y"})
    if not form.is_valid():
        return TemplateResponse(
            request,
            "network/admin/dashboard.html",
            {"page_title": _("Network health"), "form": form, "charts": [], "bad_filters": True},
            status=400,
        )
    filters = form.filters()
    chart = source.build(filters)
    if chart is None:
        raise Http404
    if fmt == "csv":
        return exports.chart_csv(chart, filters)
    return exports.chart_xlsx(chart, filters, _about(form))
