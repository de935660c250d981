"""``/<lang>/groups/``: the groups a viewer may see, with filters and search."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from home.models import Theme
from home.taxonomy import Region
from spaces import page_selectors, selectors
from spaces.forms import FilterForm
from spaces.models import Kind

PER_PAGE = 24


@require_GET
def index(request):
    form = FilterForm(request.GET or None)
    data = form.cleaned()
    spaces = selectors.visible_spaces(request.user)
    if data["q"]:
        spaces = page_selectors.search(spaces, data["q"])
    if data["kind"]:
        spaces = spaces.filter(kind=data["kind"])
    if data["theme_obj"] is not None:
        spaces = spaces.filter(theme__translation_key=data["theme_obj"].translation_key)
    if data["region"]:
        spaces = spaces.filter(region=data["region"])
    if data["mine"]:
        spaces = spaces.filter(pk__in=selectors.member_spaces(request.user).values("pk"))
    spaces = page_selectors.for_cards(spaces).order_by("name", "pk")
    paginator = Paginator(spaces, PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    theme_names = Theme.names() if page_obj.object_list else {}
    groups = page_selectors.decorate(page_obj.object_list, request.user, theme_names=theme_names)
    params = {k: data[k] for k in ("q", "kind", "theme", "region") if data[k]}
    if data["mine"]:
        params["mine"] = "on"
    return render(
        request,
        "spaces/index.html",
        {
            "form": form,
            "groups": groups,
            "page_obj": page_obj,
            "count": paginator.count,
            "chips": _chips(data, params),
            "querystring": urlencode(params),
            "filters_ignored": data["ignored"],
        },
    )


def _chips(data, params) -> list[dict]:
    """Each selected filter, with the address of the list without it."""
    values = {
        "q": data["q"],
        "kind": dict(Kind.choices).get(data["kind"], ""),
        "theme": data["theme_obj"].name if data["theme_obj"] else "",
        "region": dict(Region.choices).get(data["region"], ""),
        "mine": _("Only my groups"),
    }
    labels = {
        "q": _("Search"),
        "kind": _("Kind"),
        "theme": _("Theme"),
        "region": _("Region"),
        "mine": _("Show"),
    }
    chips = []
    for key in params:
        rest = {k: v for k, v in params.items() if k != key}
        chips.append(
            {
                "label": labels[key],
                "value": values[key],
                "url": "?" + urlencode(rest) if rest else "",
            }
        )
    return chips
