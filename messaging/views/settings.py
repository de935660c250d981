"""Views: a member's message settings (the surfaces helper owns its content)."""

urlpatterns = []
