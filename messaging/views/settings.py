"""Views: settings."""

urlpatterns = []
