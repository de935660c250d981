from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index

from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail_localize.fields import SynchronizedField, TranslatableField

from events.blocks import MATERIAL_KINDS, AgendaStreamBlock, MaterialsStreamBlock
from events.models.fields import CodeListField
from events.timezones import combine, zone_choices
from home.frame import SearchGroup
from home.images import image_alt_field, image_field
from home.taxonomy import Region, region_for_country

EVENTS = SearchGroup("events", _("Events"), order=12)


class EventType(models.TextChoices):
    GLOBAL_SUMMIT = "global_summit", _("Global summit")
    REGIONAL = "regional", _("Regional event")
    LEARNING_EXCHANGE = "learning_exchange", _("Learning exchange")
    WEBINAR = "webinar", _("Webinar")


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("In person and online")


class Place(models.TextChoices):
    """Which place a registration holds at a hybrid event (other events: none, "")."""

    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class Audience(models.TextChoices):
    PUBLIC = "public", _("Everyone")
    MEMBERS = "members", _("Members")
    COHORTS = "cohorts", _("Specific cohorts or alumni")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Taking place")
    CANCELLED = "cancelled", pgettext_lazy("event", "Cancelled")


class RegistrationState(models.TextChoices):
    NONE = "none", _("No registration on this site")
    CANCELLED = "cancelled", _("This event is cancelled")
    NOT_OPEN = "not_open", _("Registration not open yet")
    OPEN = "open", _("Registration open")
    CLOSED = "closed", _("Registration closed")
    PAST = "past", _("This event has ended")


def _raw(stream) -> list[dict]:
    """A StreamField's items as stored (``[]`` when empty)."""
    if not stream:
        return []
    return list(stream.raw_data) if hasattr(stream, "raw_data") else list(stream)


class EventIndexPage(RoutablePageMixin, Page):
    """Lists events: upcoming first, filters, a past-events archive and an iCalendar feed."""

    kind_label = _("Events")

    intro = models.TextField(blank=True, max_length=500, verbose_name=_("Introduction"))
    per_page = 12

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Event index page")

    def get_context(self, request, *args, **kwargs):
        from events.selectors import event_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(event_listing(index=self, request=request))
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        from events.views import index_feed

        return index_feed(request, index=self)

    @path("", name="listing")
    def listing(self, request):
        return self.render(request)


class EventPage(RoutablePageMixin, Page):
    """One event. Registration lives on the event's original page (see Registration)."""

    #: What people call it on cards and in search (issue 11), not the verbose_name.
    kind_label = _("Event")
    search_group = EVENTS

    event_type = models.CharField(
        max_length=24, choices=EventType.choices, default=EventType.WEBINAR, verbose_name=_("Type")
    )
    summary = models.TextField(max_length=300, blank=True, verbose_name=_("Summary"))
    image = image_field()
    image_alt = image_alt_field()
    body = RichTextField(
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul"],
        verbose_name=_("About"),
    )
    themes = ParentalManyToManyField("home.Theme", blank=True, verbose_name=_("Themes"))

    start_date = models.DateField(verbose_name=_("Start date"))
    start_time = models.TimeField(verbose_name=_("Start time"))
    end_date = models.DateField(verbose_name=_("End date"))
    end_time = models.TimeField(verbose_name=_("End time"))
    timezone = models.CharField(
        max_length=64,
        default="UTC",
        choices=zone_choices,
        verbose_name=_("Time zone"),
        help_text=_("Dates and times above are in this time zone: the event's local time."),
    )
    status = models.CharField(
        max_length=12,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
        verbose_name=_("Status"),
        help_text=_(
            "Cancelling, like moving the event, its venue or its joining link, tells everyone "
            "registered or waiting once the page is published. Their registrations stay on "
            "record."
        ),
    )
    #: The SEQUENCE of the event's iCalendar entry: raised each time registrants are told
    #: of a change, so that calendars replace the entry they hold (same UID).
    calendar_sequence = models.PositiveIntegerField(default=0, editable=False)
    #: What registrants were last told (``registrant_facts``), to tell them what changed.
    told_facts = models.JSONField(default=dict, blank=True, editable=False)
    #: Computed from the local date, time and zone on save (UTC).
    start = models.DateTimeField(editable=False, null=True)
    end = models.DateTimeField(editable=False, null=True)

    attendance_mode = models.CharField(
        max_length=12,
        choices=AttendanceMode.choices,
        default=AttendanceMode.IN_PERSON,
        verbose_name=_("Format"),
    )
    venue_name = models.CharField(max_length=200, blank=True, verbose_name=_("Venue"))
    venue_address = models.TextField(max_length=400, blank=True, verbose_name=_("Address"))
    city = models.CharField(max_length=100, blank=True, verbose_name=_("City"))
    country = CountryField(blank=True, verbose_name=_("Country"))
    region = models.CharField(
        max_length=32,
        choices=Region.choices,
        blank=True,
        verbose_name=_("Region"),
        help_text=_("Left empty, it follows the country."),
    )
    online_url = models.URLField(
        blank=True,
        verbose_name=_("Joining link"),
        help_text=_("Shown only to people with a confirmed place, and in their emails."),
    )

    joining_link_lead = models.PositiveIntegerField(
        null=True,
        blank=True,
        default=30,
        verbose_name=_("Show the joining link from (minutes before the start)"),
        help_text=_(
            "Before then, people with a confirmed place read when the link will appear. "
            "The same holds for each session's own link, from the session's start. Empty: "
            "shown as soon as their place is confirmed."
        ),
    )

    registration_enabled = models.BooleanField(
        default=True, verbose_name=_("Registration on this site")
    )
    capacity = models.PositiveIntegerField(
        null=True,
        blank=True,
        verbose_name=_("Capacity"),
        help_text=_(
            "Places available. Leave empty for no limit. Raising it promotes people from the "
            "waiting list in order; lowering it removes nobody. For an event in person and "
            "online: the places in person."
        ),
    )
    online_capacity = models.PositiveIntegerField(
        null=True,
        blank=True,
        verbose_name=_("Online places"),
        help_text=_(
            "For an event in person and online: places online, with their own waiting list. "
            "Leave empty for no limit."
        ),
    )
    registration_opens = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("Registration opens"),
        help_text=_("Empty: open as soon as the page is published."),
    )
    registration_closes = models.DateTimeField(
        null=True,
        blank=True,
        verbose_name=_("Registration closes"),
        help_text=_("Empty: open until the event starts."),
    )
    audience = models.CharField(
        max_length=12,
        choices=Audience.choices,
        default=Audience.PUBLIC,
        verbose_name=_("Who may register"),
    )
    audience_groups = models.CharField(
        max_length=300,
        blank=True,
        verbose_name=_("Cohorts or alumni groups"),
        help_text=_("For 'specific cohorts or alumni': their codes, separated by commas."),
    )
    working_languages = CodeListField(verbose_name=_("Working languages"))
    accessibility = models.TextField(
        max_length=2000,
        blank=True,
        verbose_name=_("Accessibility information"),
        help_text=_(
            "Step-free access, captions, interpretation, quiet room, how to ask for support."
        ),
    )
    agenda = StreamField(AgendaStreamBlock(), blank=True, verbose_name=_("Agenda"))
    materials = StreamField(
        MaterialsStreamBlock(),
        blank=True,
        verbose_name=_("Materials"),
        help_text=_(
            "What remains of the event: recordings, slides, documents and notes (a session's "
            "own go with the session, in the agenda). Publishing new materials tells everyone "
            "who had a place, once."
        ),
    )
    #: The kinds of material the event and its sessions hold (``MATERIAL_KINDS``), kept
    #: on save so that cards show "Recording" or "Slides" without reading the streams.
    material_kinds = CodeListField(max_length=60, editable=False)
    #: The materials (block ids) attendees were already told about (``materials_published``).
    told_materials = models.JSONField(default=list, blank=True, editable=False)
    #: Partner organisations hosting the event with us. A partner's API token may read the
    #: registrations of the registrants who agreed to share theirs (the api app).
    co_hosts = ParentalManyToManyField(
        "cohorts.PartnerOrganisation",
        blank=True,
        related_name="co_hosted_events",
        verbose_name=_("Co-hosts"),
        help_text=_(
            "Partner organisations hosting this event with us. Registrants may choose to "
            "share their registration with them."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("event_type"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("image_alt"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
                FieldPanel("timezone"),
                FieldPanel("status"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendance_mode"),
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
                FieldPanel("region"),
                FieldPanel("online_url"),
                FieldPanel("joining_link_lead"),
            ],
            heading=_("Where"),
        ),
        FieldPanel("body"),
        FieldPanel("agenda"),
        FieldPanel("materials"),
        FieldPanel("working_languages"),
        FieldPanel("accessibility"),
    ]
    registration_panels = [
        FieldPanel("registration_enabled"),
        FieldPanel("co_hosts", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("capacity"), FieldPanel("online_capacity")]),
        FieldRowPanel([FieldPanel("registration_opens"), FieldPanel("registration_closes")]),
        FieldPanel("audience"),
        FieldPanel(
            "audience_groups",
            heading=_("Cohorts, alumni networks or groups"),
            help_text=_(
                "For 'specific cohorts or alumni': codes separated by commas: a cohort's "
                "slug, 'alumni' for every alumna and alumnus, or 'group:' and a group's slug "
                "(for example group:open-contracting) for that group's members."
            ),
        ),
        InlinePanel("questions", heading=_("Registration questions"), label=_("Question")),
    ]

    override_translatable_fields = [
        SynchronizedField("event_type"),
        SynchronizedField("timezone"),
        SynchronizedField("status"),
        SynchronizedField("attendance_mode"),
        SynchronizedField("country"),
        SynchronizedField("region"),
        SynchronizedField("online_url"),
        SynchronizedField("joining_link_lead"),
        SynchronizedField("audience"),
        SynchronizedField("audience_groups"),
        SynchronizedField("working_languages"),
        TranslatableField("venue_name"),
        TranslatableField("venue_address"),
        TranslatableField("city"),
        TranslatableField("accessibility"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("materials"),
        index.FilterField("start"),
        index.FilterField("event_type"),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Event page")
        indexes = [models.Index(fields=["start"], name="event_start")]

    # -- time ------------------------------------------------------------

    def compute_times(self):
        if self.start_date and self.start_time is not None:
            self.start = combine(self.start_date, self.start_time, self.timezone)
        if self.end_date and self.end_time is not None:
            self.end = combine(self.end_date, self.end_time, self.timezone)

    def clean(self):
        super().clean()
        self.compute_times()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end_time": _("The event must end after it starts.")})
        problems = self.agenda_problems()
        if problems:
            # Shown on each session in the page editor, and once above the agenda.
            raise ValidationError(
                {
                    "agenda": StreamBlockValidationError(
                        block_errors={
                            index: StructBlockValidationError(non_block_errors=[message])
                            for index, message in problems.items()
                        },
                        non_block_errors=list(problems.values()),
                    )
                }
            )
        if (
            self.registration_opens
            and self.registration_closes
            and self.registration_closes <= self.registration_opens
        ):
            raise ValidationError(
                {"registration_closes": _("Registration must close after it opens.")}
            )

    def agenda_problems(self) -> dict[int, str]:
        """What is wrong with the agenda's sessions against the event's own days and hours
        (local time), by the session's position, one sentence naming it: a session on a
        day outside the event, starting before the event starts or ending after it ends,
        or ending before it starts. A session without a day is on the first day."""
        from django.utils.formats import date_format, time_format

        if not (self.start_date and self.end_date) or self.start_time is None:
            return {}
        problems = {}
        span = {
            "start": f"{date_format(self.start_date, 'SHORT_DATE_FORMAT')} "
            f"{time_format(self.start_time, 'TIME_FORMAT')}",
            "end": f"{date_format(self.end_date, 'SHORT_DATE_FORMAT')} "
            f"{time_format(self.end_time, 'TIME_FORMAT')}"
            if self.end_time is not None
            else date_format(self.end_date, "SHORT_DATE_FORMAT"),
        }
        for position, block in enumerate(self.agenda or []):
            if block.block_type != "session":
                continue
            session = block.value
            day = session.get("day") or self.start_date
            starts, ends = session.get("starts_at"), session.get("ends_at")
            title = session.get("title") or ""
            if not self.start_date <= day <= self.end_date:
                problems[position] = _(
                    "“%(title)s” is on a day outside the event (%(start)s to %(end)s)."
                ) % {"title": title, **span}
            elif starts is not None and ends is not None and ends <= starts:
                problems[position] = _("“%(title)s” must end after it starts.") % {"title": title}
            elif (day == self.start_date and starts is not None and starts < self.start_time) or (
                day == self.end_date
                and self.end_time is not None
                and ((ends or starts) is not None and (ends or starts) > self.end_time)
            ):
                problems[position] = _(
                    "“%(title)s” is outside the event's time (%(start)s to %(end)s)."
                ) % {"title": title, **span}
        return problems

    def with_content_json(self, content):
        """A revision brings back what the editor wrote, never the record of what
        registrants were told (publishing an old revision must not rewind it)."""
        page = super().with_content_json(content)
        page.told_facts = self.told_facts
        page.calendar_sequence = self.calendar_sequence
        page.told_materials = self.told_materials
        return page

    def save(self, *args, **kwargs):
        self.compute_times()
        self.material_kinds = self.kinds_of_materials()
        if not self.region and self.country:
            self.region = region_for_country(self.country.code)
        super().save(*args, **kwargs)

    @property
    def listing_image(self):
        """The banner, under the name every card, hero and share tag reads (issue 11)."""
        return self.image

    @property
    def listing_image_alt(self) -> str:
        return self.image_alt

    @property
    def is_online(self) -> bool:
        return self.attendance_mode in {AttendanceMode.ONLINE, AttendanceMode.HYBRID}

    @property
    def is_hybrid(self) -> bool:
        return self.attendance_mode == AttendanceMode.HYBRID

    def places(self) -> list[str]:
        """The kinds of place registrations hold: both for a hybrid event, else one ("")."""
        return [Place.IN_PERSON, Place.ONLINE] if self.is_hybrid else [""]

    def capacity_for(self, place: str) -> int | None:
        """The capacity of one kind of place (``""``: the event's one capacity)."""
        return self.online_capacity if place == Place.ONLINE else self.capacity

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    def registrant_facts(self) -> dict:
        """What a registrant is told again when it changes: the time, the place, the
        joining link and whether the event takes place (the original language's page)."""
        return {
            "start": self.start.isoformat() if self.start else "",
            "end": self.end.isoformat() if self.end else "",
            "timezone": self.timezone,
            "attendance_mode": self.attendance_mode,
            "venue": ", ".join(
                part for part in (self.venue_name, self.venue_address, self.city) if part
            ),
            "country": self.country.code if self.country else "",
            "online_url": self.online_url,
            "status": self.status,
        }

    # -- materials -----------------------------------------------------

    def material_items(self) -> list[tuple[dict, dict | None]]:
        """Every material with the session it belongs to, as stored: ``(item, session or
        None)`` where ``item`` is ``{"type", "value", "id"}`` (a document is its id), the
        event's own first, then each session's in agenda order. Read from the streams'
        raw data, so listing them converts no block and reads no document."""
        found = [(item, None) for item in _raw(self.materials)]
        for session in _raw(self.agenda):
            if session.get("type") == "session":
                value = session.get("value") or {}
                found += [(item, session) for item in value.get("materials") or []]
        return found

    def kinds_of_materials(self) -> list[str]:
        present = {item.get("type") for item, _session in self.material_items()}
        return [kind for kind in MATERIAL_KINDS if kind in present]

    @property
    def material_badges(self) -> list:
        """The words a card shows when the event has a recording or slides."""
        words = {"recording": _("Recording"), "slides": _("Slides")}
        return [words[kind] for kind in self.material_kinds or [] if kind in words]

    @property
    def is_past(self) -> bool:
        return self.end is not None and self.end < timezone.now()

    @property
    def card_date(self):
        """Cards show when the event happens, not when its page was published."""
        return self.start_date

    @property
    def duration(self) -> timedelta | None:
        return (self.end - self.start) if self.start and self.end else None

    # -- registration ----------------------------------------------------

    @cached_property
    def registration_event(self) -> "EventPage":
        """The page registrations hang on: the event's first page (its original language)."""
        if self.pk is None:
            return self
        # One query: the first page itself (not its pk, then the page).
        first = (
            EventPage.objects.filter(translation_key=self.translation_key).order_by("pk").first()
        )
        if first is None or first.pk == self.pk:
            return self
        return first

    def registration_state(self, now=None) -> str:
        now = now or timezone.now()
        if not self.registration_enabled:
            return RegistrationState.NONE
        if self.status == EventStatus.CANCELLED:
            return RegistrationState.CANCELLED
        if self.start and now >= self.start:
            return RegistrationState.PAST
        if self.registration_opens and now < self.registration_opens:
            return RegistrationState.NOT_OPEN
        if self.registration_closes and now >= self.registration_closes:
            return RegistrationState.CLOSED
        return RegistrationState.OPEN

    # -- routes ----------------------------------------------------------

    def get_context(self, request, *args, **kwargs):
        from events.forms import RegistrationForm
        from events.selectors import event_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_page_context(event=self, request=request))
        if request.user.is_authenticated and not context["my_registration"]:
            context["registration_form"] = RegistrationForm(
                questions=context["questions"], places=context["places"]
            )
        return context

    @path("", name="detail")
    def detail(self, request):
        return self.render(request)

    @path("register/", name="register")
    def register_view(self, request):
        from events.views import register

        return register(request, event=self)

    @path("cancel/", name="cancel")
    def cancel_view(self, request):
        from events.views import cancel

        return cancel(request, event=self)

    @path("switch/", name="switch")
    def switch_view(self, request):
        from events.views import switch

        return switch(request, event=self)

    @path("calendar/", name="ics")
    def ics_view(self, request):
        from events.views import event_ics

        return event_ics(request, event=self)


EventPage.edit_handler = TabbedInterface(
    [
        ObjectList(EventPage.content_panels, heading=_("Content")),
        ObjectList(EventPage.registration_panels, heading=_("Registration")),
        ObjectList(Page.promote_panels, heading=_("Promote")),
        ObjectList(Page.settings_panels, heading=_("Settings")),
    ]
)


class RegistrationQuestion(TranslatableMixin, Orderable):
    """A question an editor adds to an event's registration form (translated with the page)."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Short answer")
        LONG_TEXT = "long_text", _("Long answer")
        YES_NO = "yes_no", _("Yes or no")
        CHOICE = "choice", _("One choice from a list")

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="questions")
    label = models.CharField(max_length=200, verbose_name=_("Question"))
    help_text = models.CharField(max_length=300, blank=True, verbose_name=_("Help text"))
    kind = models.CharField(
        max_length=12, choices=Kind.choices, default=Kind.TEXT, verbose_name=_("Kind of answer")
    )
    choices = models.TextField(
        blank=True, max_length=2000, verbose_name=_("Choices"), help_text=_("One per line.")
    )
    required = models.BooleanField(default=False, verbose_name=_("Required"))

    panels = [
        FieldPanel("label"),
        FieldPanel("help_text"),
        FieldPanel("kind"),
        FieldPanel("choices"),
        FieldPanel("required"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("Registration question")
        verbose_name_plural = _("Registration questions")

    def __str__(self):
        return self.label

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]
