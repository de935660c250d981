"""Views: the inbox, a conversation, starting one, settings, attachments.

(Placeholder routes: the full views land with the inbox work.)"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.urls import path


@login_required
def placeholder(request, pk=None):
    raise Http404


urlpatterns = [
    path("", placeholder, name="inbox"),
    path("<int:pk>/", placeholder, name="conversation"),
]
