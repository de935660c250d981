"""The order of the scale seeders, and what they need from the demo site."""

import time

from django.utils import timezone

from wagtail.models import Site


class MissingDemo(Exception):
    """The demo site is not there: run ``manage.py seed_demo`` first."""


def seed_scale(*, members: int, events: int, stories: int, seed: int, quiet: bool, log, now=None):
    """Seed every part; returns {what: how many rows were created}."""
    from awards.demo.scale import seed_jury
    from cohorts.demo import scale as review_scale
    from home.demo.scale import activity, content
    from home.demo.scale import members as member_part

    if not Site.objects.filter(is_default_site=True).exists():
        raise MissingDemo(
            "There is no site yet. Run `python manage.py seed_demo` first, then seed_scale."
        )
    now = now or timezone.now()
    report = {}

    def step(label, function, **kwargs):
        started = time.monotonic()
        report[label] = function(**kwargs)
        log(f"  {label}: {report[label]} created in {time.monotonic() - started:.1f} s")

    step("members", member_part.seed_members, count=members, seed=seed, now=now, quiet=quiet)
    step("connections", member_part.seed_connections, count=members, seed=seed, quiet=quiet)
    step("events", content.seed_events, count=events, seed=seed, now=now, quiet=quiet, log=log)
    step("stories", content.seed_stories, count=stories, seed=seed, now=now, quiet=quiet, log=log)
    for label, function in (
        ("registrations", activity.seed_registrations),
        ("applications", activity.seed_applications),
        ("nominations", activity.seed_nominations),
        ("jury assignments and scores", seed_jury),
        ("group memberships", activity.seed_memberships),
        ("group posts", activity.seed_threads),
        ("messages", activity.seed_conversations),
        ("review assignments and reviews", review_scale.seed_reviews),
    ):
        step(label, function, seed=seed, now=now, quiet=quiet, log=log)
    return report
