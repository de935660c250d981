# OpenGov Collective — `make help` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
HOST ?= 127.0.0.1
PORT ?= 8000
# Every absolute link (emails, calendar files, sitemaps, the printed admin URL) comes from
# SITE_URL; by default it follows HOST and PORT, so `make run PORT=8123` links to :8123.
SITE_URL ?= http://$(HOST):$(PORT)
export SITE_URL
# `make run` serves the demo as production would (config/settings/demo.py); `make dev` keeps
# config.settings.dev (manage.py's default): runserver, autoreload, DEBUG.
DEMO := DJANGO_SETTINGS_MODULE=config.settings.demo

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	@test -x $(UV) || $(PY) -m pip install --quiet --disable-pip-version-check uv==0.13.8
	$(UV) pip sync --quiet --python $(PY) requirements.lock
	@touch $@

install: $(VENV)/.installed ## Create .venv and install the locked dependencies

messages: install ## Compile the French and Spanish catalogues
	$(PY) manage.py compilemessages --ignore=.venv -v0

run: install messages ## Serve the demo as production would (DEBUG off, gunicorn, WhiteNoise) on http://127.0.0.1:8000 (HOST=, PORT= change it)
	@echo "== Database: applying migrations"
	$(DEMO) $(PY) manage.py migrate --noinput
	@echo "== Static files"
	$(DEMO) $(PY) manage.py collectstatic --noinput -v0
	@echo "== Demo content"
	$(DEMO) $(PY) manage.py seed_demo
	@echo "== Serving $(SITE_URL)/ with gunicorn (Ctrl-C stops it)"
	$(DEMO) $(VENV)/bin/gunicorn config.wsgi --bind $(HOST):$(PORT) --workers 2 --threads 4 \
	  --access-logfile - --access-logformat '%(m)s %(U)s%(q)s %(s)s %(M)sms'

dev: install messages ## Develop: runserver with autoreload and DEBUG on http://127.0.0.1:8000 (HOST=, PORT= change it)
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver $(HOST):$(PORT)

MEMBERS ?= 20000
EVENTS ?= 1000
STORIES ?= 1000
scale: install ## Add scale data on top of the demo (MEMBERS=20000 EVENTS=1000 STORIES=1000; idempotent)
	$(PY) manage.py seed_scale --members $(MEMBERS) --events $(EVENTS) --stories $(STORIES)

test: install messages ## Run the whole test suite in random order (SQLite and eager tasks unless DATABASE_URL / CELERY_BROKER_URL say otherwise)
	$(VENV)/bin/pytest -n 2 --dist loadfile

lint: install ## ruff, formatting, missing migrations
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run -v0

format: install ## Fix what ruff can fix and format the code
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

lock: install ## Re-resolve requirements.lock from pyproject.toml
	$(UV) pip compile --quiet pyproject.toml --group dev --generate-hashes --python-version 3.11 -o requirements.lock

worker: install ## Run a Celery worker (needs CELERY_BROKER_URL)
	$(VENV)/bin/celery -A config worker -l info

beat: install ## Run Celery beat (needs CELERY_BROKER_URL)
	$(VENV)/bin/celery -A config beat -l info

translations: install ## Extract interface strings into locale/{fr,es}
	$(PY) manage.py makemessages -l fr -l es --ignore=.venv --ignore=var --ignore=node_modules --ignore=tests --no-location

.PHONY: help install messages run dev test lint format lock worker beat translations
