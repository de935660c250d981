"""Connections to other apps' signals: account deletion, data download, publishing."""

from django.db import transaction
from django.dispatch import receiver

from wagtail.signals import page_published

from community.signals import collect_member_data, member_deleting
from events.models import EventPage, Registration


@receiver(member_deleting)
def anonymise_registrations(sender, user, **kwargs):
    from events.services import anonymise_member

    anonymise_member(user=user)


@receiver(collect_member_data)
def registrations_data(sender, user, **kwargs):
    rows = Registration.objects.filter(user=user).select_related("event").order_by("created_at")
    return (
        "event_registrations",
        [
            {
                "event": row.event.title,
                "event_start": row.event.start.isoformat() if row.event.start else None,
                "status": row.status,
                "waiting_list_position": row.waitlist_position(),
                "registered_at": row.created_at.isoformat(),
                "cancelled_at": row.cancelled_at.isoformat() if row.cancelled_at else None,
                "attended": row.attended_at is not None,
                "shown_to_other_registrants": row.show_in_attendee_list,
                "shared_with_co_hosts": row.share_with_co_hosts,
                "answers": row.answers,
            }
            for row in rows
        ],
    )


@receiver(page_published, sender=EventPage)
def capacity_may_have_changed(sender, instance, **kwargs):
    """Publishing may raise the capacity: fill freed places in order, after commit."""
    from events.services import capacity_changed

    event = instance.registration_event
    transaction.on_commit(lambda: capacity_changed(event=event))


@receiver(page_published, sender=EventPage)
def registrants_hear_of_changes(sender, instance, **kwargs):
    """A new time, place, joining link or a cancellation reaches everyone registered."""
    from events.services import event_changed

    event_changed(event=instance)


@receiver(page_published, sender=EventPage)
def attendees_hear_of_materials(sender, instance, **kwargs):
    """New recordings, slides, documents or notes reach everyone who had a place, once."""
    from events.services import materials_published

    materials_published(event=instance)
