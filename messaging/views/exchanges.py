"""Views: exchanges."""

urlpatterns = []
