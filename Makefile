# The one front door: `make run` and `make test` do the whole set-up on a fresh machine.
# `make run` installs the runtime (requirements.txt); `make test` and the tooling targets
# add the development packages (requirements-dev.txt) into the same .venv.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-pg install install-dev messages migrate seed lint lint-imports format typecheck check-migrations security bench bench-scale bench-load plotly-basic worker beat clean backup restore

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# Rebuilt when either file changes (requirements.txt through .installed).
$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

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

test: messages install-dev
	$(VENV)/bin/pytest

# The tests that skip without PostgreSQL (the set-based engine's parity with the in-memory
# one, the set-based import confirm, row locks, backups, two real workers), against
# PG_DATABASE_URL (default: DATABASE_URL if it is PostgreSQL, else the local server below);
# pytest creates and drops its own test_<name> database there. The fault tests (own
# services) stay under `pytest -m faults`. tests/test_tooling.py keeps this list complete.
PG_TESTS := tests/monitorering/test_setbased.py tests/monitorering/test_imports.py \
	tests/monitorering/test_worker.py tests/helhedsplaner/test_worklist_and_locking.py \
	tests/portal/test_outbox.py tests/portal/test_backup.py \
	tests/demo/test_generate_scale.py
PG_DATABASE_URL ?= $(if $(filter postgres%,$(DATABASE_URL)),$(DATABASE_URL),postgres://postgres@127.0.0.1:5432/boligsocial)

test-pg: messages install-dev
	DATABASE_URL="$(PG_DATABASE_URL)" $(VENV)/bin/pytest $(PG_TESTS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# The apps' layers (pyproject.toml [tool.importlinter]; docs/architecture.md "Layers"):
# portal <- helhedsplaner, bestyrelser, monitorering <- enighed <- tilsyn <- persondata, demo.
lint-imports: install-dev
	$(VENV)/bin/lint-imports

format: install-dev
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

typecheck: install-dev
	$(VENV)/bin/mypy portal helhedsplaner bestyrelser monitorering tilsyn enighed persondata demo notifikationer api

check-migrations: install
	$(PY) manage.py makemigrations --check --dry-run

# bandit (no medium/high findings in our code) and pip-audit (no known vulnerability in the
# installed packages; --strict, so a package it cannot look up fails too). bin/pip-audit-check
# picks the vulnerability service this machine reaches (OSV or PyPI); where none is reachable
# it prints NOT AUDITED loudly (an error with PIP_AUDIT_REQUIRED=1).
security: install-dev
	$(VENV)/bin/bandit -c pyproject.toml -r . -q --severity-level medium
	@echo "bandit: no medium or high findings"
	$(PY) bin/pip-audit-check

bench: install-dev
	$(PY) bench/run.py
	$(PY) bench/scale.py
	$(PY) bench/dashboard.py
	$(PY) bench/overview.py
	$(PY) bench/browser.py

# Optional: the partial plotly.js bundle (scatter, bar, pie; ~0.4 MB gzip instead of ~1.5 MB),
# the same plotly.js version as the plotly package's full bundle, and axe-core for the browser
# tests. Needs npm; without it the portal serves the full bundle (portal/staticfinders.py).
# Both in one call, as .ci/run does: a later `npm install --no-save` prunes what an earlier added.
PLOTLY_BASIC_VERSION := 4.1.1
AXE_CORE_VERSION := 4.14.1
plotly-basic:
	npm install --no-save --no-audit --no-fund --loglevel=error \
		plotly.js-basic-dist-min@$(PLOTLY_BASIC_VERSION) axe-core@$(AXE_CORE_VERSION)

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

# PostgreSQL backups (DATABASE_URL). BACKUP_FILE= names the file (default backups/<db>-<time>.dump).
backup: install
	$(PY) manage.py backup_db $(if $(BACKUP_FILE),--output "$(BACKUP_FILE)")

# Restore into RESTORE_DATABASE_URL (or DATABASE_URL); FORCE=1 replaces a non-empty database.
restore: install
	$(PY) manage.py restore_db $(if $(BACKUP_FILE),"$(BACKUP_FILE)") $(if $(filter 1,$(FORCE)),--force)

clean:
	rm -rf $(VENV) $(LOAD_VENV) staticfiles .pytest_cache .ruff_cache db.sqlite3
