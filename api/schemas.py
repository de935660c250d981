"""The API's typed answers (pydantic, through django-ninja): the OpenAPI document is
generated from these, and every answer is validated against them."""

import datetime as dt
from datetime import datetime

from ninja import Field, Schema


class Error(Schema):
    code: str = Field(description="Stable code for programs: bad_cursor, bad_filter, ...")
    detail: str = Field(description="What went wrong, in the request's language.")


class ThemeOut(Schema):
    slug: str
    name: str
    description: str
    language: str


class ThemeList(Schema):
    results: list[ThemeOut]


class Speaker(Schema):
    name: str
    role: str
    member_id: int | None = Field(
        description="The speaker's member profile, only when an anonymous visitor may see it."
    )


class EventOut(Schema):
    id: int
    translation_key: str
    language: str
    url: str
    title: str
    summary: str
    event_type: str
    status: str
    start_utc: datetime = Field(description="Start, in UTC.")
    end_utc: datetime = Field(description="End, in UTC.")
    timezone: str = Field(description="The event's own time zone (IANA name).")
    start_local: datetime = Field(description="Start in the event's zone, with its offset.")
    end_local: datetime = Field(description="End in the event's zone, with its offset.")
    attendance_mode: str
    audience: str
    details_for_members_only: bool = Field(
        description="Venue, agenda and speakers are shown to signed-in members only."
    )
    venue_name: str
    city: str
    country: str
    region: str
    working_languages: list[str]
    themes: list[str] = Field(description="Theme slugs in the request's language.")
    registration_state: str


class EventDetail(EventOut):
    body_html: str
    accessibility: str
    speakers: list[Speaker]
    co_hosts: list[str]


class EventList(Schema):
    next: str | None = Field(description="The next page, or null on the last one.")
    results: list[EventOut]


class RegistrationOut(Schema):
    id: int
    name: str
    email: str
    status: str
    registered_at: datetime
    attended: bool


class RegistrationList(Schema):
    next: str | None
    results: list[RegistrationOut]


class Person(Schema):
    name: str
    role: str = ""


class ContentOut(Schema):
    id: int
    translation_key: str
    language: str
    url: str
    title: str
    summary: str
    type: str = Field(description="The resource type, news type or story's first sector.")
    country: str
    region: str
    themes: list[str]
    published_at: datetime | None
    date: dt.date | None = Field(description="News date or resource publication date.")


class ContentDetail(ContentOut):
    authors: list[Person] = Field(
        description="For stories: the proposer (unless anonymous) and the people involved "
        "who agreed to be named, as far as an anonymous visitor may see them."
    )


class ContentList(Schema):
    next: str | None
    results: list[ContentOut]


class ProgrammeOut(Schema):
    id: int
    translation_key: str
    language: str
    url: str
    title: str
    intro: str
    timezone: str


class ProgrammeList(Schema):
    results: list[ProgrammeOut]


class CohortOut(Schema):
    id: int
    translation_key: str
    language: str
    url: str
    title: str
    intro: str
    programme_id: int | None
    status: str
    open_call: bool = Field(description="Applications are open now.")
    applications_open: datetime
    applications_close: datetime
    start_date: dt.date
    end_date: dt.date
    format: str
    location: str
    region: str
    places: int
    theme: str | None


class CohortList(Schema):
    next: str | None
    results: list[CohortOut]


class AwardOut(Schema):
    id: int
    translation_key: str
    language: str
    url: str
    title: str
    phase: str
    nominations_open: datetime
    nominations_close: datetime
    announcement_at: datetime
    results_published: bool


class AwardList(Schema):
    results: list[AwardOut]


class ResultRow(Schema):
    category: str
    result: str = Field(description="winner, honourable_mention or shortlisted")
    nominee: str
    kind: str
    organisation: str
    country: str
    sector: str
    citation: str
    story_url: str
    score: float | None = Field(
        description="The mean of the jurors' weighted totals in the last round; null when "
        "fewer than two jurors scored it (it would be one juror's own score)."
    )
    jurors_scored: int


class Criterion(Schema):
    id: int
    name: str
    description: str
    weight: float
    category_id: int | None = Field(description="Null when it applies to every category.")


class Juror(Schema):
    name: str
    title: str


class AwardResults(Schema):
    edition: str
    published_at: datetime
    results: list[ResultRow]
    criteria: list[Criterion]
    jury: list[Juror] = Field(description="Jurors who agreed to be named.")
    jury_size: int = Field(description="How many jurors served, named or not.")


class CertificateOut(Schema):
    identifier: str
    valid: bool
    holder_name: str = Field(description="Empty unless the certificate is valid.")
    cohort: str
    issued_on: dt.date | None
    revoked: bool


class MemberOut(Schema):
    id: int
    url: str
    display_name: str
    headline: str
    sector: str
    organisation: str = Field(description="Empty unless its audience is everyone.")
    country: str = Field(description="Empty unless the location's audience is everyone.")
    city: str
    region: str
    languages: list[str]
    open_to: list[str]
    themes: list[str]
    links: list[str] = Field(description="Empty unless the links' audience is everyone.")
    photo_url: str = Field(description="Empty unless the photo's audience is everyone.")


class MemberDetail(MemberOut):
    bio: str


class MemberList(Schema):
    next: str | None
    results: list[MemberOut]
