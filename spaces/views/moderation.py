"""Stub: to be built."""

from django.http import Http404


def post_report(request, *args, **kwargs):
    raise Http404


def host_reports(request, *args, **kwargs):
    raise Http404


def host_report_action(request, *args, **kwargs):
    raise Http404
