import zoneinfo
from datetime import datetime, time

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, route
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from cohorts.blocks import (
    FAQBlock,
    PartnerBlock,
    QuestionBlock,
    ReviewCriterionBlock,
    SessionBlock,
    TargetBlock,
)
from home.frame import SearchGroup
from home.images import image_alt_field, image_field
from home.questions import question_list
from home.taxonomy import Region

#: Programmes and their cohorts are found together.
COHORTS = SearchGroup("cohorts", _("Cohorts"), order=14)

RICH = ["h3", "bold", "italic", "link", "ol", "ul"]


def timezone_choices():
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class CohortStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Accepting applications")
    SELECTION = "selection", _("Selection in progress")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")


#: Index order: open calls first, then what comes next, then the past.
STATUS_ORDER = {
    CohortStatus.OPEN: 0,
    CohortStatus.UPCOMING: 1,
    CohortStatus.SELECTION: 2,
    CohortStatus.RUNNING: 3,
    CohortStatus.COMPLETED: 4,
}


class ProgrammePage(RoutablePageMixin, Page):
    """The leadership programme: purpose, who may apply, how selection works, FAQs, partners.

    Its children are the cohorts; it lists them with open calls first, and serves the
    alumni network at ``alumni/``.
    """

    kind_label = _("Programme")

    search_group = COHORTS

    intro = models.TextField(max_length=400, blank=True, verbose_name=_("Introduction"))
    listing_image = image_field(
        help_text=_("Shown at the top of the page and on cards. Add a description (alt text).")
    )
    listing_image_alt = image_alt_field()
    purpose = RichTextField(features=RICH, blank=True, verbose_name=_("Purpose"))
    eligibility = RichTextField(features=RICH, blank=True, verbose_name=_("Who can apply"))
    selection = RichTextField(features=RICH, blank=True, verbose_name=_("How selection works"))
    faqs = StreamField([("faq", FAQBlock())], blank=True, verbose_name=_("Frequently asked"))
    partners = StreamField(
        [("partner", PartnerBlock())], blank=True, verbose_name=_("Partner organisations")
    )
    timezone = models.CharField(
        max_length=64,
        choices=timezone_choices,
        default="UTC",
        verbose_name=_("Programme timezone"),
        help_text=_("Deadlines are shown in this timezone and in the reader's own."),
    )
    collects_gender = models.BooleanField(
        default=False,
        verbose_name=_("Ask applicants their gender"),
        help_text=_("Optional for applicants; used only to balance selection."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("listing_image"),
        FieldPanel("listing_image_alt"),
        FieldPanel("purpose"),
        FieldPanel("eligibility"),
        FieldPanel("selection"),
        FieldPanel("faqs"),
        FieldPanel("partners"),
    ]
    settings_panels = [
        MultiFieldPanel([FieldPanel("timezone"), FieldPanel("collects_gender")], _("Programme")),
        *Page.settings_panels,
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("purpose"),
        index.SearchField("eligibility"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["cohorts.CohortPage"]

    class Meta:
        verbose_name = _("Programme page")

    def cohorts(self):
        """Live cohorts, open calls first, then by when they start."""
        from home.models import Theme
        from home.selectors import with_card_images

        now = timezone.now()
        items = list(
            with_card_images(
                CohortPage.objects.child_of(self).live().select_related("theme"), "listing_image"
            )
        )
        keys = {c.theme.translation_key for c in items if c.theme}
        locale = Locale.get_active()
        themes = {t.translation_key: t for t in Theme.objects.filter(translation_key__in=keys)}
        themes.update(
            {
                t.translation_key: t
                for t in Theme.objects.filter(translation_key__in=keys, locale=locale)
            }
        )
        for cohort in items:
            cohort.__dict__["programme"] = self  # saves a parent query per cohort
            cohort.theme_localized = (
                themes.get(cohort.theme.translation_key) if cohort.theme else None
            )
        items.sort(key=lambda c: (STATUS_ORDER[c.status(now=now)], c.sort_date(now=now)))
        return items

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["cohorts"] = self.cohorts()
        return context

    @route(r"^alumni/$", name="alumni")
    def alumni(self, request):
        from cohorts.views import alumni_network

        return alumni_network(request, programme=self)


class CohortPage(Page):
    """One cohort of the programme: when, where, for whom, what happens, and how to apply."""

    #: What people call it on cards and in search (issue 11), not the verbose_name.
    kind_label = _("Cohort")
    search_group = COHORTS

    class Format(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")
        HYBRID = "hybrid", _("Hybrid")

    intro = models.TextField(max_length=400, blank=True, verbose_name=_("Introduction"))
    listing_image = image_field(
        help_text=_("Shown at the top of the page and on cards. Add a description (alt text).")
    )
    listing_image_alt = image_alt_field()
    region = models.CharField(
        max_length=32, choices=Region.choices, blank=True, verbose_name=_("Region")
    )
    theme = models.ForeignKey(
        "home.Theme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Theme"),
    )
    format = models.CharField(
        max_length=16, choices=Format.choices, default=Format.ONLINE, verbose_name=_("Format")
    )
    location = models.CharField(max_length=160, blank=True, verbose_name=_("Place"))
    start_date = models.DateField(verbose_name=_("First day"))
    end_date = models.DateField(verbose_name=_("Last day"))
    places = models.PositiveIntegerField(default=25, verbose_name=_("Number of places"))
    applications_open = models.DateTimeField(verbose_name=_("Applications open"))
    applications_close = models.DateTimeField(verbose_name=_("Applications close"))
    eligibility = RichTextField(features=RICH, blank=True, verbose_name=_("Who can apply"))
    what_you_do = RichTextField(features=RICH, blank=True, verbose_name=_("What participants do"))
    curriculum = StreamField([("session", SessionBlock())], blank=True, verbose_name=_("Sessions"))
    questions = StreamField(
        [("question", QuestionBlock())],
        blank=True,
        verbose_name=_("Application questions"),
        help_text=_(
            "Applicants always give their country, sector and organisation; add your own "
            "questions here."
        ),
    )
    targets = StreamField(
        [("target", TargetBlock())],
        blank=True,
        verbose_name=_("Selection targets"),
        help_text=_("The balance you aim for among shortlisted and accepted applicants."),
    )
    review_criteria = StreamField(
        [("criterion", ReviewCriterionBlock())],
        blank=True,
        verbose_name=_("Review form"),
        help_text=_(
            "The weighted criteria reviewers score each application on, with what they look for."
        ),
    )
    blind_review = models.BooleanField(
        default=False,
        verbose_name=_("Blind review"),
        help_text=_(
            "Reviewers do not see the applicant's name, organisation, photo or any question "
            "tagged “identifying”."
        ),
    )
    review_deadline = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("Reviews due"),
        help_text=_("Reviewers with unscored applications are reminded before this moment."),
    )
    reviews_per_application = models.PositiveSmallIntegerField(
        default=2, verbose_name=_("Reviews per application")
    )
    disagreement_threshold = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        default=2,
        verbose_name=_("Disagreement above"),
        help_text=_("Flag an application when its reviewers' totals differ by more than this."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("listing_image"),
        FieldPanel("listing_image_alt"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("region"), FieldPanel("theme")]),
                FieldRowPanel([FieldPanel("format"), FieldPanel("location")]),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("places"),
            ],
            _("At a glance"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("applications_open"), FieldPanel("applications_close")])],
            _("Application window"),
        ),
        FieldPanel("eligibility"),
        FieldPanel("what_you_do"),
        FieldPanel("curriculum"),
    ]
    application_panels = [FieldPanel("questions")]
    selection_panels = [FieldPanel("targets")]
    review_panels = [
        FieldPanel("review_criteria"),
        FieldRowPanel(
            [FieldPanel("reviews_per_application"), FieldPanel("disagreement_threshold")]
        ),
        FieldPanel("blind_review"),
        FieldPanel("review_deadline"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(application_panels, heading=_("Application form")),
            ObjectList(selection_panels, heading=_("Selection")),
            ObjectList(review_panels, heading=_("Review")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("eligibility"),
        index.FilterField("start_date"),
    ]

    parent_page_types = ["cohorts.ProgrammePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Cohort page")

    # -- time ------------------------------------------------------------------------------
    @cached_property
    def programme(self) -> ProgrammePage | None:
        parent = self.get_parent()
        return parent.specific if parent else None

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        name = self.programme.timezone if self.programme else "UTC"
        try:
            return zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    @property
    def starts_at(self) -> datetime:
        """The first moment of the first day, in the programme's timezone (else UTC)."""
        return datetime.combine(self.start_date, time.min, tzinfo=self.tz)

    def has_started(self, *, now: datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.starts_at

    @property
    def card_deadline(self) -> datetime | None:
        """Cards (theme pages, search) show when an open call closes."""
        return self.applications_close if self.is_open() else None

    def is_open(self, *, now: datetime | None = None) -> bool:
        """Inside the window: from the opening instant (included) to the closing one (excluded)."""
        now = now or timezone.now()
        return self.applications_open <= now < self.applications_close

    def status(self, *, now: datetime | None = None) -> str:
        now = now or timezone.now()
        today = now.astimezone(self.tz).date()
        if today > self.end_date:
            return CohortStatus.COMPLETED
        if today >= self.start_date:
            return CohortStatus.RUNNING
        if now < self.applications_open:
            return CohortStatus.UPCOMING
        if now < self.applications_close:
            return CohortStatus.OPEN
        return CohortStatus.SELECTION

    def closes_soon(self, *, now: datetime | None = None, days: int = 7) -> bool:
        now = now or timezone.now()
        return self.is_open(now=now) and (self.applications_close - now).days < days

    def status_label(self, *, now=None) -> str:
        return CohortStatus(self.status(now=now)).label

    def sort_date(self, *, now=None):
        status = self.status(now=now)
        if status == CohortStatus.OPEN:
            return self.applications_close.timestamp()
        if status == CohortStatus.COMPLETED:
            return -datetime.combine(self.end_date, datetime.min.time()).timestamp()
        return datetime.combine(self.start_date, datetime.min.time()).timestamp()

    def close_local(self):
        return timezone.localtime(self.applications_close, self.tz)

    # -- translations ----------------------------------------------------------------------
    @cached_property
    def canonical(self) -> "CohortPage":
        """The one page all translations share for applications: the original (lowest id)."""
        return (
            CohortPage.objects.filter(translation_key=self.translation_key).order_by("pk").first()
            or self
        )

    def localized_for(self, language: str) -> "CohortPage":
        """This cohort in ``language`` if a live translation exists, else the original."""
        page = CohortPage.objects.filter(
            translation_key=self.translation_key, locale__language_code=language, live=True
        ).first()
        return page or self.canonical

    def question_list(self) -> list[dict]:
        return question_list(self.questions)

    def criteria_list(self) -> list[dict]:
        """The rubric: ``{"id", "label", "description", "weight", "min_score", "max_score"}``."""
        return question_list(self.review_criteria, "criterion")

    def target_list(self) -> list[tuple[str, int]]:
        return [
            (block.value["group"], block.value["target"])
            for block in self.canonical.targets
            if block.block_type == "target"
        ]

    def get_context(self, request, *args, **kwargs):
        from cohorts import permissions, selectors

        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        context["status"] = self.status(now=now)
        context["is_open"] = self.is_open(now=now)
        context["application"] = selectors.application_for(self, request.user)
        context["in_space"] = permissions.can_view_space(request.user, self)
        context["site_timezone"] = settings.TIME_ZONE
        return context
