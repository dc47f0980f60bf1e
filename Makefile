# Diplomacy Desk — `make run` to try it, `make test` to test it.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n 2

.PHONY: run test lint format ci install migrate seed worker beat serve clean browsers messages bench

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

## Compile the translations (locale/*/LC_MESSAGES/django.po -> .mo; needs gettext's msgfmt)
messages: $(STAMP)
	$(BIN)/python manage.py compilemessages --ignore=.venv --verbosity=0

migrate: $(STAMP) messages
	$(BIN)/python manage.py migrate --noinput

seed: migrate
	$(BIN)/python manage.py seed_demo

## Set up everything and serve the app with demo data on http://127.0.0.1:8000
run: seed
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## Run the test suite (SQLite by default; set DATABASE_URL / CELERY_BROKER_URL for PostgreSQL + Redis)
test: $(STAMP) messages
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## A Celery worker and the beat scheduler, for a deployment with a broker
worker: $(STAMP)
	$(BIN)/celery -A diplomacy worker --loglevel=INFO

beat: $(STAMP)
	$(BIN)/celery -A diplomacy beat --loglevel=INFO

## Production start: migrate, collect static files, then gunicorn + Celery worker + beat
## (settings from the environment, diplomacy.settings.production; see README "Deploying")
serve: $(STAMP)
	bin/start all

## Measure at the size of a large installation: 1,000,000 engagements on PostgreSQL +
## Redis, pages served by gunicorn with production settings (docs/performance.md).
## A database of its own: BENCH_DATABASE_URL; a smaller run: BENCH_ARGS="--engagements 200000"
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/diplomacy_bench
BENCH_BROKER_URL ?= redis://127.0.0.1:6379/0
BENCH_ARGS ?=
bench: $(STAMP) messages
	createdb -h 127.0.0.1 -U postgres diplomacy_bench 2>/dev/null || true
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py migrate --noinput -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) CELERY_BROKER_URL=$(BENCH_BROKER_URL) \
		$(BIN)/python manage.py benchmark $(BENCH_ARGS)

## What CI does
ci:
	bash .ci/run

clean:
	rm -rf $(VENV) staticfiles .pytest_cache db.sqlite3 db.sqlite3-wal db.sqlite3-shm
