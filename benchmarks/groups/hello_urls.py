"""The site's URLs plus a hello-world view: the yardstick each figure is divided by."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def hello(request):
    return HttpResponse("Hello, world")


urlpatterns = [path("hello/", hello), *site_urlpatterns]
