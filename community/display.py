"""What one viewer may see of one profile. Templates only ever get a ``ProfileView``,
so a hidden field cannot leak through a forgotten ``{% if %}``."""

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe

from community.models import OpenTo, Visibility
from community.models.profile import SPOKEN_LANGUAGES
from community.selectors import field_visible
from community.text import clean_bio, clean_links

_LANGUAGE_NAMES = dict(SPOKEN_LANGUAGES)
_OPEN_TO = dict(OpenTo.choices)

#: Which relation a "preview as" choice stands for.
PREVIEW_RELATIONS = {"stranger": "anonymous", "member": "member", "connection": "connection"}


def can_see_profile(profile, relation: str) -> bool:
    """Whether a viewer standing in ``relation`` may see ``profile`` at all (preview)."""
    if relation in {"self", "staff"}:
        return True
    threshold = {
        "anonymous": Visibility.PUBLIC,
        "member": Visibility.MEMBERS,
        "connection": Visibility.CONNECTIONS,
    }[relation]
    return profile.visibility > Visibility.HIDDEN and profile.visibility >= threshold


class ProfileView:
    def __init__(self, profile, relation: str, *, theme_names: dict | None = None):
        self.profile = profile
        self.relation = relation
        self._theme_names = theme_names or {}

    def _can(self, field: str) -> bool:
        return field_visible(
            self.profile, getattr(self.profile, f"{field}_visibility"), self.relation
        )

    @property
    def pk(self):
        return self.profile.pk

    @property
    def user_id(self):
        return self.profile.user_id

    @property
    def display_name(self) -> str:
        return self.profile.display_name

    @property
    def headline(self) -> str:
        return self.profile.headline

    @property
    def sector(self) -> str:
        return self.profile.get_sector_display() if self.profile.sector else ""

    @property
    def organisation(self) -> str:
        return self.profile.organisation if self._can("organisation") else ""

    @property
    def country(self) -> str:
        return self.profile.country.name if self.profile.country and self._can("location") else ""

    @property
    def city(self) -> str:
        return self.profile.city if self._can("location") else ""

    @property
    def region(self) -> str:
        return (
            self.profile.get_region_display()
            if self.profile.region and self._can("location")
            else ""
        )

    @property
    def photo_url(self) -> str:
        if not self.profile.photo or not self._can("photo"):
            return ""
        return (
            reverse("community:photo", args=[self.profile.pk])
            + f"?v={int(self.profile.updated_at.timestamp())}"
        )

    @cached_property
    def links(self) -> list[dict]:
        return clean_links(self.profile.links) if self._can("links") else []

    @cached_property
    def bio_html(self) -> str:
        return mark_safe(clean_bio(self.profile.bio))  # noqa: S308 — sanitised by nh3 just now

    @property
    def languages(self) -> list[str]:
        return [str(_LANGUAGE_NAMES[c]) for c in self.profile.languages if c in _LANGUAGE_NAMES]

    @property
    def open_to(self) -> list[str]:
        return [str(_OPEN_TO[c]) for c in self.profile.open_to if c in _OPEN_TO]

    @property
    def themes(self) -> list[str]:
        return [self._theme_names.get(t.translation_key, t.name) for t in self.profile.themes.all()]

    @property
    def meta(self) -> list[str]:
        """Organisation, sector and place, as far as the viewer may see them."""
        place = ", ".join(part for part in (self.city, self.country) if part)
        return [part for part in (self.organisation, self.sector, place) if part]

    @property
    def reason(self) -> str:
        """Why the profile is suggested (``selectors.suggestions``), when it is."""
        return getattr(self.profile, "suggestion_reason", "")

    @property
    def url(self) -> str:
        return reverse("community:profile", args=[self.profile.pk])

    @property
    def is_public(self) -> bool:
        return self.profile.visibility == Visibility.PUBLIC

    @property
    def noindex(self) -> bool:
        """Search engines are asked not to index the page unless the profile is public and
        its member opted in, whoever is looking."""
        return not self.profile.is_indexable

    def meta_description(self) -> str:
        """For <meta name=description> and og:description: the headline only, and only
        for public profiles (other profiles carry noindex and no description)."""
        return self.profile.headline if self.is_public else ""
