"""The member directory: filters, search and one page of results.

Only ``Profile.objects.visible_to(viewer)`` is ever listed, and a search or filter on a
field with its own audience (organisation, country/city/region) only matches where the
viewer may see that field. On PostgreSQL the text search is full-text ('simple'
configuration, prefix matching, GIN-indexed); elsewhere it falls back to icontains.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, Q, When
from django.utils.translation import gettext_lazy as _

from django_countries import countries

from community import actions
from community.display import ProfileView
from community.models import OpenTo, Profile
from community.models.profile import SPOKEN_LANGUAGES
from community.permissions import can_see_hidden_profiles
from community.search_vectors import AUDIENCES, SEARCH_CONFIG
from community.selectors import (
    connection_ids,
    field_audience_q,
    relations,
    seen_visible,
    ties,
)
from home.models import Theme
from home.pagination import CappedPaginator
from home.request_memo import memo
from home.taxonomy import Region, Sector
from home.widgets import QuickSelect

PER_PAGE = 20
MAX_QUERY_LENGTH = 100


@dataclass
class DirectoryFilter:
    """A filter another app adds to the directory (cohort, alumni status...).

    ``choices(viewer)`` returns [(value, label)]; the filter is only shown when it has
    choices. ``apply(queryset, value, viewer)`` narrows the (already visible) profiles.
    Register it in your AppConfig.ready(): ``community.directory.register_filter(...)``.
    """

    name: str
    label: str
    choices: Callable
    apply: Callable


_EXTRA_FILTERS: dict[str, DirectoryFilter] = {}


def register_filter(directory_filter: DirectoryFilter) -> None:
    _EXTRA_FILTERS[directory_filter.name] = directory_filter


def extra_filters() -> list[DirectoryFilter]:
    return list(_EXTRA_FILTERS.values())


def _theme_choices():
    return Theme.for_locale()


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=MAX_QUERY_LENGTH,
        label=_("Search"),
        help_text=_("Name, headline, organisation or words from a member's bio."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    country = forms.ChoiceField(required=False, label=_("Country"), widget=QuickSelect)
    region = forms.ChoiceField(required=False, label=_("Region"), widget=QuickSelect)
    sector = forms.ChoiceField(required=False, label=_("Sector"), widget=QuickSelect)
    theme = forms.ChoiceField(required=False, label=_("Theme"), widget=QuickSelect)
    language = forms.ChoiceField(required=False, label=_("Speaks"), widget=QuickSelect)
    open_to = forms.ChoiceField(required=False, label=_("Open to"), widget=QuickSelect)

    def __init__(self, *args, viewer=None, **kwargs):
        super().__init__(*args, **kwargs)
        anyone = [("", _("Any"))]
        self.fields["country"].choices = anyone + list(countries)
        self.fields["region"].choices = anyone + list(Region.choices)
        self.fields["sector"].choices = anyone + list(Sector.choices)
        self.themes = {t.slug: t for t in _theme_choices()}
        self.fields["theme"].choices = anyone + [(slug, t.name) for slug, t in self.themes.items()]
        self.fields["language"].choices = anyone + list(SPOKEN_LANGUAGES)
        self.fields["open_to"].choices = anyone + list(OpenTo.choices)
        for extra in extra_filters():
            choices = list(extra.choices(viewer))
            if choices:
                self.fields[extra.name] = forms.ChoiceField(
                    required=False, label=extra.label, choices=anyone + choices, widget=QuickSelect
                )

    def usable_data(self) -> dict:
        """The valid filters only: an unknown value is dropped (and reported), not fatal."""
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v}


def _terms(text: str) -> list[str]:
    return [t for t in re.findall(r"\w+", text or "", flags=re.UNICODE) if t][:8]


def _connected(viewer) -> set[int]:
    """The viewer's connections' user ids, looked up once per request."""
    return memo(("connection_ids", viewer.pk), lambda: connection_ids(viewer))


def _stored_vector_match(viewer, query):
    """(filter, rank): ``query`` against the stored vector the viewer's relation to each
    row picks (community.search_vectors): anonymous -> search_public; the viewer's own
    profile, and staff -> search_all; a connection -> search_connections; any other
    member -> search_members.

    A wider audience's vector holds every word of a narrower one, so "matches
    search_members, or is a connection and matches search_connections, or is the viewer
    and matches search_all" is the same as matching the picked column, and each branch
    can use its GIN index."""
    if viewer is None or not viewer.is_authenticated:
        return Q(search_public=query), SearchRank(F("search_public"), query)
    if can_see_hidden_profiles(viewer):
        return Q(search_all=query), SearchRank(F("search_all"), query)
    own = Q(user_id=viewer.pk)
    connected = _connected(viewer)
    match = Q(search_members=query) | (own & Q(search_all=query))
    whens = [When(own, then=SearchRank(F("search_all"), query))]
    if connected:
        is_connection = Q(user_id__in=sorted(connected))
        match |= is_connection & Q(search_connections=query)
        whens.append(When(is_connection, then=SearchRank(F("search_connections"), query)))
    rank = Case(*whens, default=SearchRank(F("search_members"), query), output_field=FloatField())
    return match, rank


def search(queryset, viewer, text: str):
    """Narrow ``queryset`` (visible profiles) to those matching ``text`` on fields the
    viewer may see. Every word must match (prefix match on PostgreSQL, best match first)."""
    terms = _terms(text)
    if not terms:
        return queryset
    if connection.vendor == "postgresql":
        query = SearchQuery(
            " & ".join(f"{t}:*" for t in terms), config=SEARCH_CONFIG, search_type="raw"
        )
        match, rank = _stored_vector_match(viewer, query)
        return queryset.filter(match).annotate(rank=rank).order_by("-rank", "display_name", "pk")
    org_visible = field_audience_q(viewer, "organisation")
    for term in terms:
        queryset = queryset.filter(
            Q(display_name__icontains=term)
            | Q(headline__icontains=term)
            | Q(bio__icontains=term)
            | (org_visible & Q(organisation__icontains=term))
        )
    return queryset


def _json_list_contains(field: str, value: str) -> Q:
    """A JSON list of short codes contains ``value`` (``@>`` on PostgreSQL)."""
    if connection.vendor == "postgresql":
        return Q(**{f"{field}__contains": [value]})
    return Q(**{f"{field}__icontains": f'"{value}"'})


def filtered_profiles(viewer, data: dict):
    qs = Profile.objects.visible_to(viewer).filter(user__is_active=True)
    location_visible = field_audience_q(viewer, "location")
    if data.get("country"):
        qs = qs.filter(location_visible, country=data["country"])
    if data.get("region"):
        qs = qs.filter(location_visible, region=data["region"])
    if data.get("sector"):
        qs = qs.filter(sector=data["sector"])
    if data.get("theme"):
        qs = qs.filter(themes__translation_key=data["theme"].translation_key)
    if data.get("language"):
        qs = qs.filter(_json_list_contains("languages", data["language"]))
    if data.get("open_to"):
        qs = qs.filter(_json_list_contains("open_to", data["open_to"]))
    for extra in extra_filters():
        if data.get(extra.name):
            qs = extra.apply(qs, data[extra.name], viewer)
    qs = qs.order_by("display_name", "pk")
    if data.get("q"):
        qs = search(qs, viewer, data["q"])
    return qs


def theme_names() -> dict:
    """{translation_key: name in the reader's language} for showing themes (one query)."""
    return Theme.names()


def page_number(raw) -> int | None:
    """A page number from the query string, or None when it is not a positive integer."""
    try:
        number = int(str(raw or "1")[:12])
    except (TypeError, ValueError):
        return None
    return number if number >= 1 else None


def directory_context(request) -> dict:
    viewer = request.user
    form = DirectoryFilterForm(request.GET or None, viewer=viewer)
    data = form.usable_data() if request.GET else {}
    if "theme" in data:
        data["theme"] = form.themes[data["theme"]]
    ignored = bool(request.GET) and bool(form.errors)
    qs = (
        filtered_profiles(viewer, data)
        .select_related("user")
        .prefetch_related("themes")
        .defer(*AUDIENCES)
    )
    paginator = CappedPaginator(qs, PER_PAGE)
    number = page_number(request.GET.get("page"))
    page_error = ""
    results = []
    page_obj = None
    if number is None:
        page_error = _("That page number is not valid. Here is the first page.")
        number = 1
    if number > paginator.num_pages:
        if paginator.count:
            page_error = _("There are fewer pages of results. Go back to the first page.")
        number = None
    if number is not None:
        page_obj = paginator.page(number)
        profiles = list(page_obj.object_list)
        # Read through visible_to(viewer): the cards' buttons need not ask again.
        for profile in profiles:
            seen_visible(viewer, profile)
        # One query for the pending requests, the connections and the blocks.
        states = ties(viewer)
        connected = _connected(viewer) if viewer.is_authenticated else set()
        rel = relations(viewer, profiles, connected=connected)
        names = {t.translation_key: t.name for t in form.themes.values()}
        allowed = actions.for_profiles(viewer, profiles)
        results = [
            {
                "profile": ProfileView(p, rel[p.pk], theme_names=names),
                "actions": allowed[p.pk],
                "state": "self"
                if rel[p.pk] == "self"
                else "connected"
                if p.user_id in connected
                else states.get(p.user_id, ("none", None))[0],
            }
            for p in profiles
        ]
    query = request.GET.copy()
    query.pop("page", None)
    chips = []
    for name, value in data.items():
        field = form.fields.get(name)
        if field is None:
            continue
        label = (
            value.name if name == "theme" else dict(getattr(field, "choices", [])).get(value, value)
        )
        remaining = query.copy()
        remaining.pop(name, None)
        chips.append({"label": field.label, "value": label, "url": "?" + remaining.urlencode()})
    return {
        "filter_form": form,
        "results": results,
        "result_count": min(paginator.count, paginator.cap),
        "count_capped": paginator.capped,
        "page_obj": page_obj,
        "paginator": paginator,
        "page_error": page_error,
        "filters_ignored": ignored,
        "chips": chips,
        "querystring": query.urlencode(),
    }
