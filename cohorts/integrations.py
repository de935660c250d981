"""How cohorts plug into the other apps: directory filters, profile badges, event audiences.

Connected in CohortsConfig.ready(). Every list of people stays behind
``Profile.objects.visible_to(viewer)``: these hooks only narrow what the viewer may see.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.models import Locale

from cohorts.models import CohortPage, Participant
from cohorts.selectors import alumni_cohorts_for, filter_profiles_by_cohort
from community.directory import DirectoryFilter, register_filter

ALUMNI_CODE = "alumni"


def _cohort_choices(viewer):
    """Cohorts with alumni, titled in the reader's language (one entry per cohort)."""
    # One query: the cohorts with alumni, and their versions in the reader's language.
    with_alumni = Participant.objects.filter(
        cohort=OuterRef("pk"), status=Participant.Status.COMPLETED
    )
    originals = Participant.objects.filter(status=Participant.Status.COMPLETED)
    locale = Locale.get_active()
    pages = (
        CohortPage.objects.live()
        .filter(
            Q(pk__in=originals.values("cohort"))
            | Q(
                translation_key__in=CohortPage.objects.filter(
                    pk__in=originals.values("cohort")
                ).values("translation_key"),
                locale=locale,
            )
        )
        .annotate(has_alumni=Exists(with_alumni))
    )
    keys, localized = {}, {}
    for page in pages:
        if page.has_alumni:
            keys[page.translation_key] = page
        if page.locale_id == locale.pk:
            localized[page.translation_key] = page
    return sorted(
        ((str(page.pk), localized.get(key, page).title) for key, page in keys.items()),
        key=lambda choice: choice[1],
    )


def _apply_cohort(profiles, value, viewer):
    cohort = CohortPage.objects.filter(pk=value).first() if str(value).isdigit() else None
    if cohort is None:
        return profiles.none()
    return filter_profiles_by_cohort(profiles, cohort=cohort)


def _apply_alumni(profiles, value, viewer):
    if value != "1":
        return profiles.none()
    return filter_profiles_by_cohort(profiles)


def register_directory_filters() -> None:
    register_filter(
        DirectoryFilter(
            name="cohort", label=_("Cohort"), choices=_cohort_choices, apply=_apply_cohort
        )
    )
    register_filter(
        DirectoryFilter(
            name="alumni",
            label=_("Alumni"),
            choices=lambda viewer: [("1", _("Alumni of a cohort"))],
            apply=_apply_alumni,
        )
    )


def alumni_badges(sender, profile, viewer, **kwargs):
    """'Alumni · <cohort>' on a profile the viewer may already see."""
    cohorts = list(alumni_cohorts_for(profile.user))
    locale = Locale.get_active()
    labels = []
    for cohort in cohorts:
        title = (cohort.get_translation_or_none(locale) or cohort).title
        labels.append(_("Alumni · %(cohort)s") % {"cohort": title})
    return labels


def cohort_event_audience(event, user) -> bool:
    """Events for 'specific cohorts or alumni': codes are cohort slugs, or 'alumni'."""
    codes = {
        code.strip().lower() for code in (event.audience_groups or "").split(",") if code.strip()
    }
    if not codes:
        return False
    participations = Participant.objects.filter(
        user=user, status__in=[Participant.Status.ACTIVE, Participant.Status.COMPLETED]
    ).select_related("cohort")
    for participation in participations:
        if participation.cohort.slug.lower() in codes:
            return True
        if ALUMNI_CODE in codes and participation.status == Participant.Status.COMPLETED:
            return True
    return False


#: A curriculum session has a start only: calendars show it for this long.
SESSION_LENGTH_MINUTES = 60
_SEQUENCE_EPOCH = 1_704_067_200  # 2024-01-01 UTC


def personal_calendar_sessions(user, *, language: str, now):
    """The member's personal calendar (``events.calendar_feed``): the dated sessions of
    the cohorts they take part in (active or completed), in their language. UID: the
    session block's id (the same in every translation); SEQUENCE: minutes from 2024 to
    the cohort page's last publication, so that it rises with each change. Two queries."""
    from datetime import timedelta

    from events.calendar_feed import Entry
    from home import links

    cohorts = [
        participation.cohort
        for participation in Participant.objects.filter(
            user=user,
            status__in=[Participant.Status.ACTIVE, Participant.Status.COMPLETED],
            cohort__live=True,
        ).select_related("cohort")
    ]
    if not cohorts:
        return []
    localized = {
        page.translation_key: page
        for page in CohortPage.objects.live().filter(
            translation_key__in=[c.translation_key for c in cohorts],
            locale__language_code=language,
        )
    }
    entries = []
    for cohort in cohorts:
        shown = localized.get(cohort.translation_key, cohort)
        titles = {block.id: block.value.get("title") for block in shown.curriculum}
        published = cohort.last_published_at or cohort.first_published_at
        sequence = max(int(published.timestamp()) - _SEQUENCE_EPOCH, 0) // 60 if published else 0
        url = links.page_url(shown)
        for block in cohort.curriculum:
            start = block.value.get("date")
            if block.block_type != "session" or start is None:
                continue
            if start.tzinfo is None:
                start = start.replace(tzinfo=cohort.tz)
            entries.append(
                Entry(
                    uid=f"cohort-session-{block.id}@{links.domain()}",
                    sequence=sequence,
                    start=start,
                    end=start + timedelta(minutes=SESSION_LENGTH_MINUTES),
                    summary=f"{titles.get(block.id) or block.value.get('title')} · {shown.title}",
                    url=url,
                    description=url,
                    location=cohort.location or "",
                )
            )
    return entries


def connect() -> None:
    from community.signals import profile_badges

    register_directory_filters()
    profile_badges.connect(alumni_badges, dispatch_uid="cohorts.alumni_badges")
    hooks.register("events_audience_allows", cohort_event_audience)
    hooks.register("personal_calendar_entries", personal_calendar_sessions)
