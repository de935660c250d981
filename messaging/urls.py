"""/<lang>/messages/…: each area of messaging declares its own URLs in its views module."""

from messaging.views import conversations, exchanges, reports, settings

app_name = "messaging"

urlpatterns = [
    *conversations.urlpatterns,
    *reports.urlpatterns,
    *exchanges.urlpatterns,
    *settings.urlpatterns,
]
