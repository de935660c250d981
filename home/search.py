"""Site search: what is searchable and live, in the reader's language.

Pages: every live, public page (Wagtail search over each model's ``search_fields``), in the
reader's language, untranslated pages in their source language. Results are grouped by the
``search_group`` each page model declares (``home.frame.SearchGroup``); a model that
declares none is listed under "Other pages". Sources that are not pages (members) are
registered by their app from ``apps.ready()``::

    search.register_source(SearchSource("members", _("Members"), find, template))

where ``find(query, *, viewer, theme_key)`` returns the items the viewer may see and
``template`` renders one of them as ``item``. No list of page types is kept here.
"""

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from wagtail.models import Locale, Page, get_page_models

from home.frame import SearchGroup, search_group
from home.models import Theme
from home.routing import private_q
from home.selectors import cards_of_pages, themed_ids

MAX_QUERY = 200
GROUP_PREVIEW = 5
GROUP_PAGE = 20


@dataclass(frozen=True)
class SearchSource:
    key: str
    label: str
    find: Callable
    template: str
    order: int = 2000


_SOURCES: dict[str, SearchSource] = {}


def register_source(source: SearchSource) -> None:
    _SOURCES[source.key] = source


def sources() -> list[SearchSource]:
    return sorted(_SOURCES.values(), key=lambda s: s.order)


def page_groups() -> list[tuple[SearchGroup, tuple]]:
    """``(group, page models)`` for every group some page model declares, in order."""
    by_key: dict[str, list] = {}
    groups: dict[str, SearchGroup] = {}
    for model in get_page_models():
        group = search_group(model)
        groups.setdefault(group.key, group)
        by_key.setdefault(group.key, []).append(model)
    ordered = sorted(groups.values(), key=lambda g: (g.order, str(g.label)))
    return [(group, tuple(by_key[group.key])) for group in ordered]


def search_pages(
    query: str, *, locale: Locale, group: str = "", theme_key: str = "", limit: int = 50
) -> list[dict]:
    """Search results grouped as the page models say, in the reader's language
    (untranslated pages in their source language), live and public only."""
    query = (query or "").replace("\x00", "").strip()[:MAX_QUERY]
    if not query:
        return []
    default = Locale.get_default()
    wanted = [(entry, models) for entry, models in page_groups() if not group or entry.key == group]
    if not wanted:
        return []
    group_of = {model: entry.key for entry, models in wanted for model in models}
    # One search across every page type wanted, grouped afterwards, rather than one
    # search per group. Only what grouping needs is loaded (the cards shown are read
    # afterwards by cards_of_pages), and only as many hits as the previews need: when
    # the best hits fill some groups and leave others short, a second search reads the
    # short groups alone, so that a type many pages match never hides another. At most
    # two searches and ``limit`` hits a group, whatever the number of pages.
    found = (
        Page.objects.live()
        .exclude(private_q())
        .filter(locale_id__in={locale.pk, default.pk}, depth__gt=1)
    )

    def best(models, count: int) -> list:
        return list(
            found.exact_type(*models)
            .only("pk", "content_type_id", "locale_id", "translation_key")
            .search(query)[:count]
        )

    hits = best(group_of, limit * len(wanted))
    if not group and len(hits) == limit * len(wanted):
        per_group = Counter(group_of.get(hit.specific_class) for hit in hits)
        short = [models for entry, models in wanted if per_group[entry.key] < limit]
        if short:
            seen = {hit.pk for hit in hits}
            more = best([model for models in short for model in models], limit * len(short))
            hits += [hit for hit in more if hit.pk not in seen]
    if locale.pk != default.pk:
        keys = {p.translation_key for p in hits if p.locale_id == default.pk}
        translated = set(
            Page.objects.filter(locale=locale, live=True, translation_key__in=keys).values_list(
                "translation_key", flat=True
            )
        )
        hits = [p for p in hits if p.locale_id == locale.pk or p.translation_key not in translated]
    if theme_key:
        themed = themed_ids(theme_key, [p.pk for p in hits])
        hits = [p for p in hits if p.pk in themed]
    by_group: dict[str, list] = {}
    for hit in hits:
        key = group_of.get(hit.specific_class)
        if key is None:
            continue
        items = by_group.setdefault(key, [])
        if len(items) < limit:
            items.append(hit)
    cards = iter(
        cards_of_pages(
            [hit for entry, _m in wanted for hit in by_group.get(entry.key, [])], themes=True
        )
    )
    result = []
    for entry, _models in wanted:
        count = len(by_group.get(entry.key, []))
        if count:
            items = [next(cards) for _ in range(count)]
            result.append({"key": entry.key, "label": entry.label, "items": items})
    return result


class SearchForm(forms.Form):
    q = forms.CharField(max_length=MAX_QUERY, required=False, label=_("Search"))
    type = forms.ChoiceField(required=False, label=_("Type"))
    theme = forms.ChoiceField(required=False, label=_("Theme"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.themes = Theme.for_locale()
        self.fields["type"].choices = [
            ("", _("Everything")),
            *[(group.key, group.label) for group, _models in page_groups()],
            *[(source.key, source.label) for source in sources()],
        ]
        self.fields["theme"].choices = [("", _("All themes"))] + [
            (t.slug, t.name) for t in self.themes
        ]

    def cleaned(self) -> dict:
        if not self.is_bound:
            return {"q": "", "type": "", "theme": "", "theme_key": ""}
        self.is_valid()
        data = {"q": "", "type": "", "theme": "", **self.cleaned_data}
        if "q" not in self.cleaned_data:
            data["q"] = (self.data.get("q") or "")[:MAX_QUERY]
        keys = {t.slug: t.translation_key for t in self.themes}
        data["theme_key"] = keys.get(data["theme"], "")
        return data


@require_GET
def search(request):
    form = SearchForm(request.GET or None)
    data = form.cleaned()
    locale = Locale.get_active()
    # A NUL character is nothing anyone types, and SQLite's full-text search chokes on it.
    query, group = data["q"].replace("\x00", "").strip(), data["type"]
    source_keys = {source.key for source in sources()}
    groups, found, page_obj = [], [], None
    if query:
        if group not in source_keys:
            groups = search_pages(
                query,
                locale=locale,
                group=group,
                theme_key=data["theme_key"],
                limit=200 if group else GROUP_PREVIEW + 1,
            )
        for source in sources():
            if group in ("", source.key):
                items = source.find(
                    query[:MAX_QUERY], viewer=request.user, theme_key=data["theme_key"]
                )
                if items:
                    found.append(
                        {
                            "key": source.key,
                            "label": source.label,
                            "items": items,
                            "template": source.template,
                        }
                    )
        if group and groups:
            paginator = Paginator(groups[0]["items"], GROUP_PAGE)
            page_obj = paginator.get_page(request.GET.get("page"))
            groups[0]["items"] = list(page_obj.object_list)
        else:
            for entry in groups:
                entry["more"] = len(entry["items"]) > GROUP_PREVIEW
                entry["items"] = entry["items"][:GROUP_PREVIEW]
    params = {k: data[k] for k in ("q", "type", "theme") if data.get(k)}
    return render(
        request,
        "home/search.html",
        {
            "form": form,
            "query": query,
            "group": group,
            "groups": groups,
            "sources": found,
            "page_obj": page_obj,
            "params": params,
            "theme_names": Theme.names(locale),
            "has_results": bool(groups or found),
        },
    )
