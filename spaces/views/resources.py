"""Stub: to be built."""

from django.http import Http404


def resource_list(request, *args, **kwargs):
    raise Http404


def resource_new(request, *args, **kwargs):
    raise Http404


def resource_file(request, *args, **kwargs):
    raise Http404


def resource_remove(request, *args, **kwargs):
    raise Http404
