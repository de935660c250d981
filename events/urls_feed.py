"""The personal calendar feed, outside the language prefixes (calendar apps fetch it)."""

from django.urls import path

from events import views

urlpatterns = [
    path("calendar/<str:token>.ics", views.personal_feed, name="calendar_feed"),
]
