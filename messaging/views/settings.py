"""Views: message settings (the surfaces work fills this in)."""

urlpatterns = []
