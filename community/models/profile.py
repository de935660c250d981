from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from django_countries.fields import CountryField

from community.search_vectors import AUDIENCES, audience_vector
from home.taxonomy import Region, Sector, region_for_country


class Visibility(models.IntegerChoices):
    """Who may see a profile or one of its fields. Higher means a wider audience."""

    HIDDEN = 0, _("Only me")
    CONNECTIONS = 10, _("My connections")
    MEMBERS = 20, _("Signed-in members")
    PUBLIC = 30, _("Everyone")


class OpenTo(models.TextChoices):
    MENTORING = "mentoring", _("Mentoring")
    PEER_EXCHANGE = "peer_exchange", _("Peer exchange")
    SPEAKING = "speaking", _("Speaking")
    MEDIA = "media", _("Media requests")


#: Languages a member can say they speak (ISO 639-1), the platform's three first.
SPOKEN_LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
    ("pt", _("Portuguese")),
    ("ru", _("Russian")),
    ("zh", _("Chinese")),
    ("de", _("German")),
    ("it", _("Italian")),
    ("sw", _("Swahili")),
    ("id", _("Indonesian")),
    ("hi", _("Hindi")),
    ("bn", _("Bengali")),
    ("ur", _("Urdu")),
    ("tr", _("Turkish")),
    ("uk", _("Ukrainian")),
    ("ja", _("Japanese")),
    ("ko", _("Korean")),
    ("tl", _("Filipino")),
    ("am", _("Amharic")),
    ("ha", _("Hausa")),
    ("yo", _("Yoruba")),
    ("qu", _("Quechua")),
]


class ProfileQuerySet(models.QuerySet):
    def visible_to(self, viewer) -> "ProfileQuerySet":
        """Profiles ``viewer`` may know exist: the one rule every surface uses.

        Staff who may view profiles (``community.permissions.can_see_hidden_profiles``)
        see everyone; a member sees public and members-only profiles, the
        connections-only profiles of their connections, and themselves; nobody else
        ever sees a hidden profile. Blocking hides both sides from each other.
        Anonymous visitors see public profiles only.
        """
        if viewer is None or not viewer.is_authenticated:
            return self.filter(visibility=Visibility.PUBLIC, user__is_active=True)
        from community.permissions import can_see_hidden_profiles

        if can_see_hidden_profiles(viewer):
            return self
        from community.models.connections import Block, Connection

        connections = (
            Connection.objects.filter(user_low=viewer)
            .values("user_high")
            .union(Connection.objects.filter(user_high=viewer).values("user_low"))
        )
        hidden_by_blocks = (
            Block.objects.filter(blocked=viewer)
            .values("blocker")
            .union(Block.objects.filter(blocker=viewer).values("blocked"))
        )
        return self.filter(
            Q(user=viewer)
            | (
                Q(user__is_active=True)
                & (
                    Q(visibility__gte=Visibility.MEMBERS)
                    | Q(visibility=Visibility.CONNECTIONS, user__in=connections)
                )
                & ~Q(user__in=hidden_by_blocks)
            )
        )

    def indexable(self) -> "ProfileQuerySet":
        """Profiles search engines may index: public, and their member opted in."""
        return self.visible_to(None).filter(allow_search_engines=True)


class Profile(models.Model):
    """A member's public face. One per account, created at signup."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(max_length=150, verbose_name=_("Display name"))
    headline = models.CharField(max_length=160, blank=True, verbose_name=_("Headline"))
    organisation = models.CharField(max_length=160, blank=True, verbose_name=_("Organisation"))
    sector = models.CharField(
        max_length=32, choices=Sector.choices, blank=True, verbose_name=_("Sector")
    )
    country = CountryField(blank=True, verbose_name=_("Country"))
    city = models.CharField(max_length=100, blank=True, verbose_name=_("City"))
    region = models.CharField(
        max_length=32, choices=Region.choices, blank=True, editable=False, verbose_name=_("Region")
    )
    languages = models.JSONField(default=list, blank=True, verbose_name=_("Languages spoken"))
    themes = models.ManyToManyField("home.Theme", blank=True, verbose_name=_("Themes"))
    bio = models.TextField(blank=True, max_length=2000, verbose_name=_("About me"))
    links = models.JSONField(default=list, blank=True, verbose_name=_("Links"))
    open_to = models.JSONField(default=list, blank=True, verbose_name=_("Open to"))
    #: The re-encoded photo only (generated name, no EXIF); served by a view that checks
    #: ``photo_visibility``, never straight from storage.
    photo = models.FileField(blank=True, max_length=200, verbose_name=_("Photo"))

    visibility = models.PositiveSmallIntegerField(
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
        verbose_name=_("Who can see my profile"),
    )
    organisation_visibility = models.PositiveSmallIntegerField(
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
        verbose_name=_("Who can see my organisation"),
    )
    location_visibility = models.PositiveSmallIntegerField(
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
        verbose_name=_("Who can see my country and city"),
    )
    photo_visibility = models.PositiveSmallIntegerField(
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
        verbose_name=_("Who can see my photo"),
    )
    links_visibility = models.PositiveSmallIntegerField(
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
        verbose_name=_("Who can see my links"),
    )
    #: Off by default: even a public profile asks search engines not to index it (robots
    #: noindex, not in the sitemap) until its member ticks this.
    allow_search_engines = models.BooleanField(
        default=False,
        verbose_name=_("Let search engines list my profile"),
        help_text=_(
            "Only if everyone can see your profile. Search engines such as Google may then "
            "show your profile page in their results. If you untick this, we ask them to "
            "remove it."
        ),
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    #: What each audience may match in the directory (community.search_vectors), computed
    #: by the database from the row; GIN-indexed on PostgreSQL (migration 0007).
    search_public = models.GeneratedField(
        expression=audience_vector(AUDIENCES["search_public"]),
        output_field=SearchVectorField(null=True),
        db_persist=True,
    )
    search_members = models.GeneratedField(
        expression=audience_vector(AUDIENCES["search_members"]),
        output_field=SearchVectorField(null=True),
        db_persist=True,
    )
    search_connections = models.GeneratedField(
        expression=audience_vector(AUDIENCES["search_connections"]),
        output_field=SearchVectorField(null=True),
        db_persist=True,
    )
    search_all = models.GeneratedField(
        expression=audience_vector(AUDIENCES["search_all"]),
        output_field=SearchVectorField(null=True),
        db_persist=True,
    )

    objects = ProfileQuerySet.as_manager()

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("Member profile")
        verbose_name_plural = _("Member profiles")
        indexes = [
            models.Index(fields=["visibility"], name="profile_visibility"),
            # The directory's order: its first page is read off the index, not sorted.
            models.Index(fields=["display_name", "id"], name="profile_display_name"),
        ]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        self.region = region_for_country(self.country.code if self.country else "")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        """The profile page. Whoever renders the link must already know the viewer may see it."""
        from django.urls import reverse

        return reverse("community:profile", args=[self.pk])

    @property
    def is_indexable(self) -> bool:
        """Search engines may index the profile page (the rule of ``indexable()``)."""
        return (
            self.allow_search_engines
            and self.visibility == Visibility.PUBLIC
            and self.user.is_active
        )
