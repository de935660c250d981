"""The API's URLs alone. A 404 of the API names this urlconf (``request.urlconf``) so that
the locale middleware does not redirect it to ``/<lang>/api/...`` (a Wagtail page path)."""

from django.urls import include, path

urlpatterns = [path("api/", include("api.urls"))]
