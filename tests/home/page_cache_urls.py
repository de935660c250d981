"""Views that exercise the page cache's rules (tests/home/test_page_cache.py)."""

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns
from home.page_cache import exempt


def with_nonce(request):
    return HttpResponse(f'<script nonce="{request.csp_nonce}">document.title = "n";</script>')


def sets_cookie(request):
    response = HttpResponse("<p>cookie</p>")
    response.set_cookie("tracking", "1")
    return response


def exempted(request):
    return exempt(HttpResponse("<p>exempt</p>"))


def private(request):
    response = HttpResponse("<p>private</p>")
    response["Cache-Control"] = "private"
    return response


def form(request):
    return HttpResponse(f'<form method="post"><input name="t" value="{get_token(request)}"></form>')


def plain(request):
    return HttpResponse(f"<p>plain {request.method}</p>")


def not_html(request):
    return HttpResponse("{}", content_type="application/json")


urlpatterns = [
    path("en/nonce/", with_nonce),
    path("en/cookie/", sets_cookie),
    path("en/exempt/", exempted),
    path("en/private/", private),
    path("en/plain/", plain),
    path("en/form/", form),
    path("en/me/", plain),
    path("en/json/", not_html),
    path("plain/", plain),
    *site_urlpatterns,
]
