# Goed voor Elkaar — the two commands are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-test lint format bench load worker backup restore clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $(VENV)/.installed $@

# axe-core for the accessibility tests, from the npm registry at the version in the lock file;
# only the tests load it (into the browser they drive), the app never serves it.
AXE := tests/browser/axe/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/axe/package.json tests/browser/axe/package-lock.json
	cd tests/browser/axe && npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test $(AXE)

# A local development configuration: DEBUG on and a random secret, never committed.
.env:
	@printf 'DEBUG=True\nSECRET_KEY=%s\n' "$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@

run: install .env
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py referentiedata_laden
	$(BIN)/python manage.py vragenlijsten_laden
	$(BIN)/python manage.py demo_accounts
	$(BIN)/python manage.py demo_data
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install-test
	$(BIN)/pytest -n 2

lint: install-test
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache
	DJANGO_SETTINGS_MODULE=goedvoorelkaar.test_settings $(BIN)/python manage.py makemigrations --check --dry-run

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

worker: install .env
	$(BIN)/celery -A goedvoorelkaar worker --beat --loglevel=INFO

clean:
	rm -rf $(VENV) $(LOAD_VENV) staticfiles .pytest_cache tests/browser/axe/node_modules

# Performance figures for the nulmeting, the advisers, the reports and the maps (issues 3-5, 9), on a throwaway
# database (SQLite, or gve_bench_<pid> on the server of a postgres:// DATABASE_URL): bench/README.md.
bench: install-test
	$(BIN)/python bench/run.py

# The app under load (issue 7): gunicorn, PostgreSQL, Redis and a Celery worker on the loopback, a
# bounded headless locust run; results in bench-results/load.json (bench/README.md). Locust has a
# virtualenv of its own. PostgreSQL and Redis are started when they are not running.
LOAD_VENV := .venv-load
$(LOAD_VENV)/.installed: requirements-load.txt
	$(PYTHON) -m venv $(LOAD_VENV)
	$(LOAD_VENV)/bin/pip install --quiet --upgrade pip
	$(LOAD_VENV)/bin/pip install --quiet -r requirements-load.txt
	touch $@

load: install $(LOAD_VENV)/.installed
	bash .ci/services >/dev/null
	$(BIN)/python bench/load.py --locust $(LOAD_VENV)/bin/locust

# Backups of the PostgreSQL database named by DATABASE_URL (custom format, restorable with pg_restore).
backup:
	@test -n "$$DATABASE_URL" || { echo "Zet DATABASE_URL (postgres://...)"; exit 1; }
	mkdir -p backups
	pg_dump --format=custom --no-owner --no-privileges --file="backups/gve-$$(date +%Y%m%d-%H%M%S).dump" "$$DATABASE_URL"
	@ls -1t backups/*.dump | head -1

# make restore FILE=backups/gve-....dump — into DATABASE_URL (an empty database, or one to overwrite).
restore:
	@test -n "$$DATABASE_URL" || { echo "Zet DATABASE_URL (postgres://...)"; exit 1; }
	@test -f "$(FILE)" || { echo "Geef het bestand: make restore FILE=backups/....dump"; exit 1; }
	pg_restore --no-owner --no-privileges --clean --if-exists --exit-on-error --dbname="$$DATABASE_URL" "$(FILE)"
