"""The Celery application.

With no CELERY_BROKER_URL the settings switch Celery to eager mode, so the site
works with no broker: tasks run in-process right after the transaction commits.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

app = Celery("opengov")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
