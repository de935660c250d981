"""Stub: to be built."""

from django.http import Http404


def space_page(request, *args, **kwargs):
    raise Http404


def join(request, *args, **kwargs):
    raise Http404


def request_to_join(request, *args, **kwargs):
    raise Http404


def leave(request, *args, **kwargs):
    raise Http404


def invitation(request, *args, **kwargs):
    raise Http404


def members(request, *args, **kwargs):
    raise Http404


def member_manage(request, *args, **kwargs):
    raise Http404


def requests(request, *args, **kwargs):
    raise Http404


def request_decide(request, *args, **kwargs):
    raise Http404


def invite(request, *args, **kwargs):
    raise Http404
