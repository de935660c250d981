"""Groups ("spaces"): cohort spaces, alumni networks, thematic networks, coalitions.

A space is a translatable snippet. The row first created is the *original*
(``original`` null); wagtail-localize's translations are further rows with the same
``translation_key`` that point at it and carry only the translated name and description.
Everything else (kind, access, memberships, threads, resources) belongs to the original:
code always resolves a space to its original (``Space.objects.originals()``) and uses a
translation only to show its words (``spaces.selectors.localized``).

Access decides who sees a space at all and who may join:

- *open*: the page is public; any member joins at once;
- *on request*: the page is public; a host approves each request;
- *by invitation*: the page is for signed-in members; hosts or staff add people;
- *secret*: invisible to anyone who is not in it, on every surface.

Cohort spaces and alumni networks are kept in step with the cohorts app (``via``): a
participant is in their cohort's space, an alumna in her programme's network and in the
all-alumni network, and they leave when that stops being true.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin

from home.taxonomy import Region

MAX_NAME = 120
MAX_DESCRIPTION = 1000


class Kind(models.TextChoices):
    COHORT = "cohort", _("Cohort space")
    ALUMNI = "alumni", _("Alumni network")
    THEMATIC = "thematic", _("Thematic network")
    COALITION = "coalition", _("Coalition or chapter")


class Access(models.TextChoices):
    OPEN = "open", _("Open: any member can join")
    REQUEST = "request", _("On request: hosts approve")
    INVITATION = "invitation", _("By invitation")
    SECRET = "secret", _("Secret: invisible to non-members")


#: Access levels whose page (and resources) anyone may see.
PUBLIC_ACCESS = (Access.OPEN, Access.REQUEST)


class SpaceQuerySet(models.QuerySet):
    def originals(self):
        return self.filter(original__isnull=True)


class Space(TranslatableMixin, models.Model):
    name = models.CharField(max_length=MAX_NAME, verbose_name=_("Name"))
    description = models.TextField(
        max_length=MAX_DESCRIPTION, blank=True, verbose_name=_("Description")
    )
    slug = models.SlugField(max_length=80, verbose_name=_("Slug"))
    kind = models.CharField(max_length=10, choices=Kind.choices, verbose_name=_("Kind"))
    access = models.CharField(
        max_length=10, choices=Access.choices, default=Access.OPEN, verbose_name=_("Access")
    )
    theme = models.ForeignKey(
        "home.Theme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Theme"),
    )
    region = models.CharField(
        max_length=20, choices=Region.choices, blank=True, verbose_name=_("Region")
    )
    #: Cohort spaces: the cohort (its original-language page).
    cohort = models.OneToOneField(
        "cohorts.CohortPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="space",
        verbose_name=_("Cohort"),
    )
    #: Alumni networks: the programme (null: the network of all alumni).
    programme = models.ForeignKey(
        "cohorts.ProgrammePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Programme"),
    )
    #: Null on the original; a translation points at it.
    original = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="translations",
        editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = SpaceQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("access"),
        FieldPanel("theme"),
        FieldPanel("region"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Group")
        verbose_name_plural = _("Groups")
        ordering = ["name"]
        permissions = [("manage_space", "Can manage every group and appoint hosts")]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"], condition=Q(original__isnull=True), name="unique_space_slug"
            ),
            models.UniqueConstraint(
                fields=["programme"],
                condition=Q(kind="alumni", original__isnull=True),
                name="one_alumni_network_per_programme",
            ),
            models.UniqueConstraint(
                fields=["theme"],
                condition=Q(kind="thematic", original__isnull=True),
                name="one_thematic_network_per_theme",
            ),
        ]
        indexes = [models.Index(fields=["kind", "access"], name="space_kind_access")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.original_id is None and self.translation_key:
            first = (
                Space.objects.filter(translation_key=self.translation_key)
                .exclude(pk=self.pk)
                .order_by("pk")
                .values_list("original_id", "pk")
                .first()
            )
            if first is not None:
                self.original_id = first[0] or first[1]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("spaces:space", args=[self.slug])

    @property
    def is_public(self) -> bool:
        return self.access in PUBLIC_ACCESS

    @property
    def is_secret(self) -> bool:
        return self.access == Access.SECRET

    @property
    def is_automatic(self) -> bool:
        """Members come from the cohorts app, not from joining."""
        return self.kind in (Kind.COHORT, Kind.ALUMNI)

    @property
    def code(self) -> str:
        """How an event names this group in its audience ("group:<slug>")."""
        return f"group:{self.slug}"


class Membership(models.Model):
    """A member's place in a space. One row per person and space: a request or an
    invitation becomes the membership when accepted (the database refuses a second row).
    A member who leaves an automatic space keeps a ``left`` row, so the cohorts sync does
    not put them back."""

    class State(models.TextChoices):
        ACTIVE = "active", _("Member")
        REQUESTED = "requested", _("Asked to join")
        INVITED = "invited", _("Invited")
        LEFT = "left", _("Left")

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        HOST = "host", _("Host")

    class Via(models.TextChoices):
        JOINED = "joined", _("Joined")
        COHORT = "cohort", _("Cohort participant")
        ALUMNI = "alumni", _("Alumni")
        STAFF = "staff", _("Added by staff")

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="space_memberships"
    )
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.ACTIVE, verbose_name=_("State")
    )
    role = models.CharField(
        max_length=10, choices=Role.choices, default=Role.MEMBER, verbose_name=_("Role")
    )
    via = models.CharField(
        max_length=10, choices=Via.choices, default=Via.JOINED, verbose_name=_("How")
    )
    #: A request's note to the hosts, or an invitation's note.
    note = models.TextField(max_length=500, blank=True, verbose_name=_("Note"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    joined_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Membership")
        verbose_name_plural = _("Memberships")
        constraints = [
            models.UniqueConstraint(fields=["space", "user"], name="one_membership_per_space"),
        ]
        indexes = [
            models.Index(
                fields=["user", "space"],
                name="active_memberships",
                condition=Q(state="active"),
            ),
            models.Index(fields=["space", "state", "role"], name="membership_by_state"),
        ]

    def __str__(self):
        return f"{self.user_id} in {self.space_id} ({self.state})"

    @property
    def is_active(self) -> bool:
        return self.state == self.State.ACTIVE

    @property
    def is_host(self) -> bool:
        return self.is_active and self.role == self.Role.HOST
