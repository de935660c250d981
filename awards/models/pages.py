"""Award programme pages: an index of editions and one page per edition.

Every edition exists in up to three languages (wagtail-localize copies). The records
that hang off an edition (nominations, jurors, scores, results) always point at the
*canonical* page of its translation group — the first one created — so that every
language version reads the same data and publishing results updates them all at once.
"""

from zoneinfo import ZoneInfo, available_timezones

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from modelcluster.fields import ParentalKey

from home.frame import SearchGroup
from home.images import image_alt_field, image_field
from home.request_memo import memo
from home.taxonomy import Region

AWARDS = SearchGroup("awards", _("Awards"), order=16)


def validate_timezone(value: str) -> None:
    if value not in available_timezones():
        raise ValidationError(_("Enter a timezone name such as Europe/Paris or America/Bogota."))


class Phase(models.TextChoices):
    UPCOMING = "upcoming", _("Opening soon")
    NOMINATIONS = "nominations", _("Nominations open")
    JUDGING = "judging", _("Judging")
    DELIBERATION = "deliberation", _("Deliberation")
    ANNOUNCED = "announced", _("Winners announced")


class AwardIndexPage(Page):
    """All award programmes, current first, and an archive of past winners."""

    kind_label = _("Awards")

    intro = RichTextField(blank=True, features=["bold", "italic", "link"], verbose_name=_("Intro"))

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["awards.AwardProgrammePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Award index page")

    def get_context(self, request, *args, **kwargs):
        from awards import selectors
        from home.selectors import with_card_images

        context = super().get_context(request, *args, **kwargs)
        programmes = selectors.with_canonicals(
            with_card_images(
                AwardProgrammePage.objects.child_of(self).live().order_by("-first_published_at"),
                "listing_image",
            )
        )
        context["current_programmes"], context["past_programmes"] = selectors.split_current(
            programmes
        )
        context["archive"] = selectors.winners_archive(programmes)
        return context


class AwardProgrammePage(Page):
    """One edition of an award programme (e.g. the 2026 Open Government Awards)."""

    #: What people call it on cards and in search (issue 11), not the verbose_name.
    kind_label = _("Award")
    search_group = AWARDS

    purpose = RichTextField(
        features=["bold", "italic", "link", "ul", "ol"], verbose_name=_("Purpose")
    )
    listing_image = image_field(
        help_text=_("Shown at the top of the page and on cards. Add a description (alt text).")
    )
    listing_image_alt = image_alt_field()

    eligibility = RichTextField(
        blank=True, features=["bold", "italic", "link", "ul", "ol"], verbose_name=_("Eligibility")
    )
    timezone = models.CharField(
        max_length=64,
        default="UTC",
        validators=[validate_timezone],
        verbose_name=_("Timezone"),
        help_text=_("A timezone name such as Europe/Paris; deadlines are shown in it and in UTC."),
    )
    nominations_open = models.DateTimeField(verbose_name=_("Nominations open"))
    nominations_close = models.DateTimeField(verbose_name=_("Nominations close"))
    judging_close = models.DateTimeField(verbose_name=_("Judging closes"))
    announcement_at = models.DateTimeField(verbose_name=_("Announcement"))
    score_min = models.SmallIntegerField(default=0, verbose_name=_("Lowest score"))
    score_max = models.SmallIntegerField(default=10, verbose_name=_("Highest score"))
    min_scores = models.PositiveSmallIntegerField(
        default=3,
        verbose_name=_("Scores needed"),
        help_text=_("Nominations with fewer jurors' scores than this are flagged to staff."),
    )
    notify_nominees = models.BooleanField(
        default=True,
        verbose_name=_("Tell member nominees they were nominated"),
        help_text=_("They can then decline the nomination."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("listing_image"),
        FieldPanel("listing_image_alt"),
        FieldPanel("purpose"),
        FieldPanel("eligibility"),
        MultiFieldPanel(
            [
                FieldPanel("timezone"),
                FieldRowPanel([FieldPanel("nominations_open"), FieldPanel("nominations_close")]),
                FieldRowPanel([FieldPanel("judging_close"), FieldPanel("announcement_at")]),
            ],
            heading=_("Timeline"),
        ),
        InlinePanel("categories", heading=_("Categories"), label=_("Category"), min_num=1),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("score_min"), FieldPanel("score_max")]),
                FieldPanel("min_scores"),
                FieldPanel("notify_nominees"),
            ],
            heading=_("Judging"),
        ),
        InlinePanel("criteria", heading=_("Rubric"), label=_("Criterion"), min_num=1),
    ]
    search_fields = [*Page.search_fields, index.SearchField("purpose")]

    parent_page_types = ["awards.AwardIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Award programme page")

    def clean(self):
        super().clean()
        order = [
            ("nominations_open", self.nominations_open),
            ("nominations_close", self.nominations_close),
            ("judging_close", self.judging_close),
            ("announcement_at", self.announcement_at),
        ]
        for (_name, earlier), (later_name, later) in zip(order, order[1:], strict=False):
            if earlier and later and later < earlier:
                raise ValidationError(
                    {
                        later_name: _(
                            "The timeline must run in order: open, close, judging, announcement."
                        )
                    }
                )
        if (
            self.score_min is not None
            and self.score_max is not None
            and self.score_max <= self.score_min
        ):
            raise ValidationError({"score_max": _("The highest score must be above the lowest.")})

    # --- the canonical edition and its shared records -----------------------------

    @cached_property
    def canonical(self) -> "AwardProgrammePage":
        """The first page of this translation group: the one records point at."""
        if not self.pk:
            return self
        first = (
            AwardProgrammePage.objects.filter(translation_key=self.translation_key)
            .order_by("pk")
            .first()
        )
        if first is None or first.pk == self.pk:
            return self
        first.__dict__["canonical"] = first  # the canonical page's own canonical: itself
        return first

    @property
    def tz(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.timezone)
        except Exception:  # noqa: BLE001 — a bad value falls back to UTC
            return ZoneInfo("UTC")

    def round_state(self):
        from awards.models.results import ProgrammeRound

        return ProgrammeRound.for_programme(self.canonical)

    def results_published(self) -> bool:
        return self.round_state().results_published_at is not None

    @property
    def card_deadline(self):
        """Cards (theme pages, search) show when nominations close while they are open."""
        now = timezone.now()
        if self.nominations_open and self.nominations_open <= now < self.nominations_close:
            return self.nominations_close
        return None

    def phase(self, now=None) -> str:
        """Where the edition stands. Dates are read from the canonical page, so every
        language version agrees even before its translation is re-synced."""
        now = now or timezone.now()
        src = self.canonical
        if self.results_published():
            return Phase.ANNOUNCED
        if now < src.nominations_open:
            return Phase.UPCOMING
        if now < src.nominations_close:
            return Phase.NOMINATIONS
        if now < src.judging_close:
            return Phase.JUDGING
        return Phase.DELIBERATION

    @property
    def phase_label(self) -> str:
        return Phase(self.phase()).label

    def accepting_nominations(self, now=None) -> bool:
        now = now or timezone.now()
        src = self.canonical
        return src.nominations_open <= now < src.nominations_close

    def scoring_open(self, now=None) -> bool:
        now = now or timezone.now()
        src = self.canonical
        return src.nominations_close <= now < src.judging_close and not self.results_published()

    def _rows(self, relation: str) -> dict:
        """This page's and its canonical page's ``relation`` ("categories" or "criteria"),
        by page id, in order: one query for both pages (the categories' images and
        renditions two more, whatever the number), read once per request and shared with
        the canonical page's own reads. A page holding unsaved rows of ``relation`` (an
        editor's preview) reads its own from memory and nothing is memoised."""
        from home.selectors import with_card_images

        def load(queryset) -> list:
            if relation == "categories":
                queryset = queryset.select_related("theme").order_by("sort_order", "pk")
                return list(with_card_images(queryset, "image"))
            return list(queryset.select_related("category").order_by("sort_order", "pk"))

        model = AwardCategory if relation == "categories" else AwardCriterion
        canonical_pk = self.canonical.pk
        if not self.pk or relation in getattr(self, "_cluster_related_objects", {}):
            rows = {canonical_pk: [], self.pk: load(getattr(self, relation).all())}
            if canonical_pk != self.pk:
                rows[canonical_pk] = load(model.objects.filter(page_id=canonical_pk))
            return rows

        def compute() -> dict:
            rows = {self.pk: [], canonical_pk: []}
            for row in load(model.objects.filter(page_id__in={self.pk, canonical_pk})):
                rows[row.page_id].append(row)
            if canonical_pk != self.pk:  # the canonical page's own read, answered already
                memo(
                    (f"award_{relation}", canonical_pk), lambda: {canonical_pk: rows[canonical_pk]}
                )
            return rows

        return memo((f"award_{relation}", self.pk), compute)

    def localized_categories(self):
        """This page's categories (in its language), in order, with their images and
        renditions; read once per request (the nomination form, its labels, its choices,
        the results and the label maps all ask)."""
        return list(self._rows("categories")[self.pk])

    def localized_criteria(self):
        """This page's criteria, in order; read once per request."""
        return list(self._rows("criteria")[self.pk])

    def canonical_categories(self):
        """The canonical page's categories, in order (the ids records point at), read
        with this page's own."""
        return list(self._rows("categories")[self.canonical.pk])

    def canonical_criteria(self):
        """The canonical page's criteria, in order (the ids scores point at), read with
        this page's own."""
        return list(self._rows("criteria")[self.canonical.pk])

    def label_maps(self) -> tuple[dict, dict]:
        """Canonical category and criterion ids → this language's versions; a row not
        yet translated stands for itself. No query beyond :meth:`_rows`."""
        canonical_pk = self.canonical.pk
        maps = []
        for relation in ("categories", "criteria"):
            rows = self._rows(relation)
            if canonical_pk == self.pk:
                maps.append({row.pk: row for row in rows[self.pk]})
                continue
            localized = {row.translation_key: row for row in rows[self.pk]}
            maps.append(
                {row.pk: localized.get(row.translation_key, row) for row in rows[canonical_pk]}
            )
        return maps[0], maps[1]

    def get_context(self, request, *args, **kwargs):
        from awards import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.programme_page_context(self, request.user))
        selectors.localize_category_themes(context["categories"])
        return context


class AwardCategory(TranslatableMixin, Orderable):
    """A category of an edition, e.g. 'Champions of civic space'."""

    page = ParentalKey(AwardProgrammePage, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(max_length=120, verbose_name=_("Name"))
    description = models.TextField(blank=True, max_length=800, verbose_name=_("Description"))
    theme = models.ForeignKey(
        "home.Theme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Theme"),
    )
    region = models.CharField(
        max_length=32, choices=Region.choices, blank=True, verbose_name=_("Region")
    )
    image = image_field()
    image_alt = image_alt_field()

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("theme"),
        FieldPanel("region"),
        FieldPanel("image"),
        FieldPanel("image_alt"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("Award category")
        verbose_name_plural = _("Award categories")

    def __str__(self):
        # Staff pick categories from every edition in the admin: say which one.
        return f"{self.name} · {self.page.title}" if self.page_id else self.name


class AwardCriterion(TranslatableMixin, Orderable):
    """One line of the rubric: jurors score every nomination against it."""

    page = ParentalKey(AwardProgrammePage, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(max_length=120, verbose_name=_("Name"))
    description = models.TextField(
        blank=True, max_length=800, verbose_name=_("What jurors look for")
    )
    weight = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0.01)],
        verbose_name=_("Weight"),
    )
    category = models.ForeignKey(
        AwardCategory,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Only for category"),
        help_text=_("Leave empty when the criterion applies to every category."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("weight"),
        FieldPanel("category"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]
        verbose_name = _("Criterion")
        verbose_name_plural = _("Criteria")

    def __str__(self):
        return self.name

    def applies_to(self, category) -> bool:
        if self.category_id is None:
            return True
        own = self.category
        return own is not None and own.translation_key == category.translation_key
