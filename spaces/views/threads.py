"""Stub: to be built."""

from django.http import Http404


def post_edit(request, *args, **kwargs):
    raise Http404


def post_delete(request, *args, **kwargs):
    raise Http404


def thread_list(request, *args, **kwargs):
    raise Http404


def thread_new(request, *args, **kwargs):
    raise Http404


def thread_page(request, *args, **kwargs):
    raise Http404


def reply(request, *args, **kwargs):
    raise Http404


def follow(request, *args, **kwargs):
    raise Http404


def thread_host(request, *args, **kwargs):
    raise Http404
