"""Reminders before a cohort's applications close (``home.reminders``): members whose
application is still a draft. Registered from ``CohortsConfig.ready()``."""

from django.utils.translation import gettext_lazy as _

from home import reminders

DRAFT_SOURCE = "cohorts.draft_application"


def draft_applications_due(now, until):
    """Draft applications of active members to cohorts whose applications close in
    ``(now, until]``. Submitted, withdrawn or decided ones are finished: never reminded."""
    from cohorts.models import Application, ApplicationStatus

    drafts = (
        Application.objects.filter(
            status=ApplicationStatus.DRAFT,
            applicant__isnull=False,
            applicant__is_active=True,
            cohort__live=True,
            cohort__applications_close__gt=now,
            cohort__applications_close__lte=until,
        )
        .select_related("applicant", "cohort")
        .order_by("cohort_id", "pk")
    )
    zones = {}
    titles = {}

    def title(cohort, language):
        if (cohort.pk, language) not in titles:
            titles[cohort.pk, language] = cohort.localized_for(language).title
        return titles[cohort.pk, language]

    for application in drafts:
        cohort = application.cohort
        if cohort.pk not in zones:
            zones[cohort.pk] = cohort.tz.key
        yield reminders.Due(
            recipient=application.applicant,
            target=f"cohorts.application:{application.pk}",
            deadline=cohort.applications_close,
            context=lambda language, cohort=cohort, application=application: {
                "name": application.applicant_name or application.applicant.get_full_name(),
                "cohort_title": title(cohort, language),
            },
            link=("cohorts:apply", cohort.pk),
            time_zone=zones[cohort.pk],
        )


def register() -> None:
    from cohorts.permissions import MANAGER_PERM

    reminders.register(
        reminders.Source(
            key=DRAFT_SOURCE,
            kind="cohorts.deadline_draft",
            label=_("Draft cohort applications"),
            due=draft_applications_due,
            permission=MANAGER_PERM,
        )
    )
