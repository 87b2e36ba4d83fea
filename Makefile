# The one front door: `make run` and `make test` do the whole set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install messages migrate seed lint format typecheck check-migrations security bench bench-scale worker beat clean

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

# bandit (no medium/high findings in our code) and pip-audit (no known vulnerability in the
# installed packages). --strict: a package that cannot be looked up fails the run, so an
# unreachable vulnerability service is an error, never a silent pass. Accepted advisories go
# in PIP_AUDIT_IGNORE as "--ignore-vuln ID" with the reason in README (none today).
PIP_AUDIT_SERVICE ?= pypi
PIP_AUDIT_IGNORE ?=
security: install
	$(VENV)/bin/bandit -c pyproject.toml -r . -q --severity-level medium
	@echo "bandit: no medium or high findings"
	$(VENV)/bin/pip-audit --local --strict --progress-spinner off \
		--vulnerability-service $(PIP_AUDIT_SERVICE) $(PIP_AUDIT_IGNORE) || { \
		echo "pip-audit FAILED: a known vulnerability (listed above) or a package it could not look up" \
		"(is the '$(PIP_AUDIT_SERVICE)' vulnerability service reachable?). Not a pass." >&2; exit 1; }

bench: install
	$(PY) bench/run.py
	$(PY) bench/scale.py
	$(PY) bench/dashboard.py

# Only the indicator engine at 10 × national scale (PostgreSQL; BENCH_DATABASE_URL overrides).
bench-scale: install
	$(PY) bench/scale.py

# Production-like processes against real services (set DATABASE_URL and CELERY_BROKER_URL).
worker: install
	$(VENV)/bin/celery -A portal worker -l info

beat: install
	$(VENV)/bin/celery -A portal beat -l info

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache db.sqlite3
