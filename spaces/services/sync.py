"""Spaces kept in step with the rest of the platform.

- every cohort has its cohort space (participants, active or alumni, are its members);
- every programme has its alumni network, and there is one network of all alumni
  (members: participants who completed a cohort);
- every theme has its thematic network (open: anyone joins).

``sync_automatic(user)`` puts a member in, or takes them out of, the automatic spaces
their participations call for; the cohorts signals call it whenever a participation
changes, so a member who leaves a cohort or loses alumni status leaves its spaces. A
member who left an automatic space themselves is not put back.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Locale

from spaces.models import Access, Kind, Membership, Space

AUTOMATIC_VIA = (Membership.Via.COHORT, Membership.Via.ALUMNI)


def _unique_slug(base: str) -> str:
    base = slugify(base)[:70] or "group"
    slug, n = base, 2
    while Space.objects.originals().filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _create(**fields) -> Space:
    fields.setdefault("locale", Locale.get_default())
    try:
        with transaction.atomic():
            return Space.objects.create(**fields)
    except IntegrityError:
        return None


def ensure_cohort_space(cohort) -> Space:
    cohort = cohort.canonical
    space = Space.objects.originals().filter(cohort=cohort).first()
    if space is None:
        space = _create(
            name=cohort.title[:120],
            slug=_unique_slug(f"cohort-{cohort.slug}"),
            kind=Kind.COHORT,
            access=Access.INVITATION,
            cohort=cohort,
        ) or Space.objects.originals().get(cohort=cohort)
    return space


def ensure_alumni_networks() -> list[Space]:
    from cohorts.models import ProgrammePage

    spaces = []
    default = Locale.get_default()
    programmes = ProgrammePage.objects.filter(locale=default)
    for programme in programmes:
        space = Space.objects.originals().filter(kind=Kind.ALUMNI, programme=programme).first()
        if space is None:
            space = _create(
                name=f"Alumni: {programme.title}"[:120],
                slug=_unique_slug(f"alumni-{programme.slug}"),
                kind=Kind.ALUMNI,
                access=Access.INVITATION,
                programme=programme,
            ) or Space.objects.originals().get(kind=Kind.ALUMNI, programme=programme)
        spaces.append(space)
    everyone = Space.objects.originals().filter(kind=Kind.ALUMNI, programme__isnull=True).first()
    if everyone is None:
        everyone = (
            _create(
                name="Alumni network",
                slug=_unique_slug("alumni"),
                kind=Kind.ALUMNI,
                access=Access.INVITATION,
            )
            or Space.objects.originals().filter(kind=Kind.ALUMNI, programme__isnull=True).first()
        )
    spaces.append(everyone)
    return spaces


def ensure_thematic_network(theme) -> Space:
    from home.models import Theme

    theme = Theme.objects.filter(translation_key=theme.translation_key).order_by("pk").first()
    space = Space.objects.originals().filter(kind=Kind.THEMATIC, theme=theme).first()
    if space is None:
        space = _create(
            name=theme.name[:120],
            description=theme.description,
            slug=_unique_slug(theme.slug or theme.name),
            kind=Kind.THEMATIC,
            access=Access.OPEN,
            theme=theme,
        ) or Space.objects.originals().get(kind=Kind.THEMATIC, theme=theme)
    return space


def ensure_all(*, now=None) -> None:
    """Every space the platform's data calls for, and everyone in the right ones."""
    from cohorts.models import CohortPage, Participant
    from home.models import Theme

    default = Locale.get_default()
    for cohort in CohortPage.objects.filter(locale=default):
        ensure_cohort_space(cohort)
    ensure_alumni_networks()
    seen = set()
    for theme in Theme.objects.order_by("pk"):
        if theme.translation_key not in seen:
            seen.add(theme.translation_key)
            ensure_thematic_network(theme)
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(
        pk__in=Participant.objects.filter(user__isnull=False).values("user")
    ) | get_user_model().objects.filter(
        pk__in=Membership.objects.filter(via__in=AUTOMATIC_VIA).values("user")
    )
    for user in users.distinct():
        sync_automatic(user, now=now)


def wanted_spaces(user) -> dict[int, str]:
    """``{space id: via}``: the automatic spaces ``user``'s participations call for."""
    from cohorts.models import CohortPage, Participant

    wanted: dict[int, str] = {}
    if user is None or not user.is_active:
        return wanted
    rows = list(
        Participant.objects.filter(
            user=user, status__in=[Participant.Status.ACTIVE, Participant.Status.COMPLETED]
        ).values_list("cohort_id", "status")
    )
    if not rows:
        return wanted
    cohorts = {c.pk: c for c in CohortPage.objects.filter(pk__in=[r[0] for r in rows])}
    for cohort_id, _status in rows:
        cohort = cohorts.get(cohort_id)
        if cohort is None:
            continue
        space = ensure_cohort_space(cohort)
        wanted[space.pk] = Membership.Via.COHORT
    completed = [cohorts[c] for c, s in rows if s == Participant.Status.COMPLETED and c in cohorts]
    if completed:
        networks = {s.programme_id: s for s in ensure_alumni_networks()}
        for cohort in completed:
            programme = cohort.get_parent().specific
            default_programme = programme
            from cohorts.models import ProgrammePage

            if isinstance(programme, ProgrammePage):
                default_programme = (
                    ProgrammePage.objects.filter(translation_key=programme.translation_key)
                    .filter(locale=Locale.get_default())
                    .first()
                    or programme
                )
                network = networks.get(default_programme.pk)
                if network is not None:
                    wanted.setdefault(network.pk, Membership.Via.ALUMNI)
        everyone = networks.get(None)
        if everyone is not None:
            wanted.setdefault(everyone.pk, Membership.Via.ALUMNI)
    return wanted


@transaction.atomic
def sync_automatic(user, *, now=None) -> dict:
    """Bring ``user``'s automatic memberships in line with their participations.
    Returns ``{"joined": [space ids], "left": [space ids]}``."""
    now = now or timezone.now()
    wanted = wanted_spaces(user)
    rows = {
        m.space_id: m
        for m in Membership.objects.select_for_update().filter(user=user).select_related("space")
    }
    joined, left = [], []
    for space_id, row in rows.items():
        if space_id in wanted:
            continue
        if row.via in AUTOMATIC_VIA and row.space.is_automatic:
            if row.state == Membership.State.ACTIVE:
                left.append(space_id)
            row.delete()
    for space_id, via in wanted.items():
        row = rows.get(space_id)
        if row is None:
            try:
                with transaction.atomic():
                    Membership.objects.create(
                        space_id=space_id,
                        user=user,
                        state=Membership.State.ACTIVE,
                        via=via,
                        created_at=now,
                        joined_at=now,
                    )
            except IntegrityError:
                continue
            joined.append(space_id)
        elif row.state in (Membership.State.REQUESTED, Membership.State.INVITED):
            row.state = Membership.State.ACTIVE
            row.via = via
            row.joined_at = now
            row.save(update_fields=["state", "via", "joined_at"])
            joined.append(space_id)
        # ACTIVE stays; LEFT: the member chose to leave, and is not put back.
    return {"joined": joined, "left": left}
