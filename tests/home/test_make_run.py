"""`make run` serves the demo as production would; `make dev` keeps runserver and DEBUG."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

import pytest

ROOT = Path(settings.BASE_DIR)


def make_dry_run(target, **variables):
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    assignments = [f"{name}={value}" for name, value in variables.items()]
    result = subprocess.run(  # noqa: S603 (fixed arguments)
        ["make", "-n", "-s", target, *assignments],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={name: value for name, value in os.environ.items() if name != "SITE_URL"},
    )
    return result.stdout


def test_make_run_serves_with_gunicorn_and_the_demo_settings_on_the_chosen_port():
    commands = make_dry_run("run", PORT="8123")
    serving = commands[commands.index("== Database") :]
    django_commands = [
        line
        for line in serving.splitlines()
        if not line.startswith("echo") and ("manage.py" in line or "gunicorn" in line)
    ]
    assert any("migrate" in line for line in django_commands)
    assert any("collectstatic" in line for line in django_commands)
    assert any("seed_demo" in line for line in django_commands)
    assert any("gunicorn config.wsgi --bind 127.0.0.1:8123" in line for line in django_commands)
    assert all("DJANGO_SETTINGS_MODULE=config.settings.demo" in line for line in django_commands)
    assert "runserver" not in commands
    assert "http://127.0.0.1:8123/" in commands


def test_make_dev_keeps_runserver():
    commands = make_dry_run("dev", PORT="8124")
    assert "runserver 127.0.0.1:8124" in commands
    assert "config.settings.demo" not in commands


def demo_settings(tmp_path):
    """The settings `make run` uses, read in a fresh interpreter."""
    script = (
        "import json, django; from django.conf import settings; django.setup(); "
        "print(json.dumps({'debug': settings.DEBUG, 'serve_media': settings.SERVE_MEDIA, "
        "'static': settings.STORAGES['staticfiles']['BACKEND'], "
        "'key': settings.SECRET_KEY, "
        "'whitenoise': 'whitenoise.middleware.WhiteNoiseMiddleware' in settings.MIDDLEWARE}))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.demo",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    env.pop("SECRET_KEY", None)
    result = subprocess.run(  # noqa: S603 (fixed arguments)
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_demo_settings_turn_debug_off_and_serve_static_files_from_whitenoise(tmp_path):
    demo = demo_settings(tmp_path)
    assert demo["debug"] is False
    assert demo["whitenoise"] is True
    assert demo["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert demo["serve_media"] is True
    # not the development key, and kept in var/ for next time (sessions survive a restart)
    assert not demo["key"].startswith("dev-only") and len(demo["key"]) >= 50
    assert (ROOT / "var" / "demo-secret-key").read_text().strip() == demo["key"]


def test_every_static_file_a_template_names_exists():
    """With DEBUG off, the manifest storage turns a missing file into a failed page."""
    pattern = re.compile(r"""{%\s*static\s+['"]([^'"]+)['"]""")
    named = {
        match
        for template in (ROOT / "templates").rglob("*.html")
        for match in pattern.findall(template.read_text(encoding="utf-8"))
    }
    assert "css/site.css" in named
    missing = sorted(name for name in named if not finders.find(name))
    assert missing == []
