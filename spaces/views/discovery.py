"""Stub: to be built."""

from django.http import Http404


def index(request, *args, **kwargs):
    raise Http404
