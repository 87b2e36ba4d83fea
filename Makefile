# The one front door: `make run` and `make test` do the whole set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install messages migrate seed lint format typecheck check-migrations bench bench-scale bench-load worker beat clean

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

# Compiled catalogues are committed; recompile them when gettext's msgfmt is available.
messages: install
	@if [ -d locale ] && command -v msgfmt >/dev/null 2>&1; then \
		$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0; \
	else echo "msgfmt not found: using the committed compiled catalogues (locale/*/LC_MESSAGES/django.mo)"; fi

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo

run: messages seed
	@echo "Boligsocial Portal: http://$(HOST):$(PORT)/  (SQLite, Celery eager; Ctrl-C stops)"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: messages
	$(VENV)/bin/pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

typecheck: install
	$(VENV)/bin/mypy portal helhedsplaner bestyrelser monitorering

check-migrations: install
	$(PY) manage.py makemigrations --check --dry-run

bench: install
	$(PY) bench/run.py
	$(PY) bench/scale.py
	$(PY) bench/dashboard.py

# Only the indicator engine at 10 × national scale (PostgreSQL; BENCH_DATABASE_URL overrides).
bench-scale: install
	$(PY) bench/scale.py

# Locust against gunicorn on the ten-times-scale data (BENCH_DATABASE_URL; bench/load.py).
# Locust lives in its own venv so its dependencies never touch the portal's.
LOAD_VENV := bench/.venv-load
$(LOAD_VENV)/.installed: bench/requirements-load.txt
	test -x $(LOAD_VENV)/bin/python || $(PY) -m venv $(LOAD_VENV)
	$(LOAD_VENV)/bin/python -m pip install --quiet -r bench/requirements-load.txt
	touch $@

bench-load: install $(LOAD_VENV)/.installed
	$(PY) bench/load.py

# Production-like processes against real services (set DATABASE_URL and CELERY_BROKER_URL).
worker: install
	$(VENV)/bin/celery -A portal worker -l info

beat: install
	$(VENV)/bin/celery -A portal beat -l info

clean:
	rm -rf $(VENV) $(LOAD_VENV) staticfiles .pytest_cache .ruff_cache db.sqlite3
