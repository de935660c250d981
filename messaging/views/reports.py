"""Views: reports."""

urlpatterns = []
