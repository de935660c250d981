from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("my-events/", views.my_events, name="my_events"),
    path("my-events/<int:pk>/ticket/", views.my_ticket, name="ticket"),
    path("my-events/calendar/reset/", views.calendar_reset, name="calendar_reset"),
    path("my-events/<int:pk>/cancel/", views.my_event_cancel, name="my_event_cancel"),
    path(
        "my-events/<int:pk>/attendee-list/",
        views.my_event_attendee_list,
        name="my_event_attendee_list",
    ),
]
