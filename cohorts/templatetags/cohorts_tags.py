from django import template

from home.isotime import iso_datetime

register = template.Library()

STATUS_BADGE = {
    "open": "badge--accent",
    "upcoming": "",
    "selection": "",
    "running": "badge--success",
    "completed": "",
    "accepted": "badge--success",
    "declined": "badge--danger",
    "withdrawn": "",
}


@register.filter
def badge_class(status: str) -> str:
    return STATUS_BADGE.get(str(status), "")


@register.inclusion_tag("cohorts/includes/deadline.html")
def deadline(cohort, which="close"):
    """A moment of the application window in the programme's timezone, plus (with
    JavaScript) in the reader's own."""
    value = cohort.applications_close if which == "close" else cohort.applications_open
    return {
        "value": value,
        "tzkey": str(cohort.tz),
        "iso": iso_datetime(value),
    }


@register.simple_tag
def cohort_status(cohort):
    return cohort.status()


@register.inclusion_tag("cohorts/includes/alumni_badges.html")
def alumni_badges(user):
    """Alumni badges for a profile page: ``{% load cohorts_tags %}{% alumni_badges profile.user %}``."""
    from cohorts.selectors import alumni_cohorts_for

    cohorts = [c.localized for c in alumni_cohorts_for(user)] if user else []
    return {"cohorts": cohorts}
