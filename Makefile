# Parvis — the two commands of the README, and their helpers.
#   make demo   fresh clone -> .venv -> install -> migrate -> load_demo -> server
#   make test   checks, then the whole suite on PostgreSQL and what differs on SQLite
#   make guides the screenshots of docs/guides/, taken again by the browser tests
PYTHON_BIN ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist: one worker per core; a file's tests stay on one worker
# (--dist loadfile), so module-scoped fixtures are built once. Each worker has
# its own test database (pytest-django suffixes its name: _gw0, _gw1…), media
# folders, search index prefix and free ports. PYTEST_WORKERS=0 runs serially.
PYTEST_WORKERS ?= auto
PYTEST_PARALLEL = -n $(PYTEST_WORKERS) --dist loadfile

.PHONY: demo demo-search test test-sqlite test-postgres bench soak check messages guides clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON_BIN) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	bash scripts/pdf-libraries.sh
	touch $@

demo: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo "Commune : http://$(HOST):$(PORT)/  —  Intercommunalité : http://interco.localhost:$(PORT)/  —  Admin : http://$(HOST):$(PORT)/admin/ (admin / parvis-demo)"
	$(PY) manage.py runserver $(HOST):$(PORT)

# The same demo, searched through a real OpenSearch node (scripts/opensearch.sh).
demo-search: $(VENV)/.installed
	@url=$$(bash scripts/opensearch.sh start) || { echo "The OpenSearch node could not be started." >&2; exit 1; }; \
	export SEARCH_URL="$$url"; \
	$(PY) manage.py migrate --noinput && $(PY) manage.py load_demo && $(PY) manage.py update_index && \
	$(PY) manage.py runserver $(HOST):$(PORT)

# `make check` first. Browser tests need Debian's chromium, the photo
# metadata test exiftool, the PDF tests veraPDF (scripts/verapdf.sh): installed
# here when missing (as root). The whole
# suite runs on PostgreSQL (production's database; the concurrency tests are
# real there), with the search server tests against a real OpenSearch node
# (scripts/opensearch.sh); then, on SQLite, the tests marked `sqlite`: what
# differs between the two (database search backend, migrations, the demo and
# its every page type). Both runs always run; the first failure's status is
# returned (pytest's 5, nothing collected, fails like any other). Under CI, a
# missing tool, database or search node fails the run instead of skipping,
# and so does any skipped test but those needing Elasticsearch
# (tests/conftest.py).
test: $(VENV)/.installed
	@$(MAKE) --no-print-directory check
	@bash scripts/chromium.sh || [ "$$CI" != "true" ] || { echo "chromium is required under CI" >&2; exit 1; }
	@bash scripts/exiftool.sh || [ "$$CI" != "true" ] || { echo "exiftool is required under CI" >&2; exit 1; }
	@bash scripts/verapdf.sh install || [ "$$CI" != "true" ] || { echo "veraPDF is required under CI" >&2; exit 1; }
	@running=$$(bash scripts/opensearch.sh status 2>/dev/null); \
	url=$$(bash scripts/opensearch.sh start) || url=""; \
	if [ -z "$$url" ]; then \
	  if [ "$$CI" = "true" ]; then echo "The OpenSearch node could not be started: failing (CI=true)." >&2; exit 1; fi; \
	  echo "OpenSearch unavailable: the search server tests are SKIPPED." >&2; \
	fi; \
	status=0; \
	SEARCH_TEST_URL="$$url" $(MAKE) --no-print-directory test-postgres || status=$$?; \
	$(MAKE) --no-print-directory test-sqlite || { code=$$?; [ $$status -ne 0 ] || status=$$code; }; \
	if [ -n "$$url" ] && [ -z "$$running" ]; then bash scripts/opensearch.sh stop; fi; \
	exit $$status

# What differs on SQLite only (pytest.ini's `sqlite` marker), without the
# tests that need PostgreSQL; the search servers are tested in the PostgreSQL run.
test-sqlite: $(VENV)/.installed
	@echo "=== Test suite on SQLite: the tests marked sqlite (what differs from PostgreSQL) ==="
	env -u DATABASE_URL -u SEARCH_TEST_URL $(PY) -m pytest $(PYTEST_PARALLEL) -m "sqlite and not postgresql"

# The whole suite; SEARCH_TEST_URL, when given, adds the OpenSearch tests.
test-postgres: $(VENV)/.installed
	@echo "=== Test suite on PostgreSQL: the whole suite ==="
	@url="$$DATABASE_URL"; \
	if [ -z "$$url" ]; then url=$$(bash scripts/postgres.sh) || status=$$?; fi; \
	if [ -z "$$url" ]; then \
	  if [ "$$CI" = "true" ]; then echo "PostgreSQL could not be started: failing (CI=true)." >&2; exit 1; fi; \
	  echo "PostgreSQL unavailable: the PostgreSQL run is SKIPPED." >&2; exit 0; \
	fi; \
	DATABASE_URL="$$url" $(PY) -m pytest $(PYTEST_PARALLEL)

# Benchmarks (tests/benchmarks): search (PostgreSQL in its own database,
# parvis_bench, and the OpenSearch node), contests, and HTTP under gunicorn
# (a fresh database, parvis_http_bench; writes docs/benchmarks.md); prints
# their figures.
bench: $(VENV)/.installed
	@running=$$(bash scripts/opensearch.sh status 2>/dev/null); \
	url=$$(bash scripts/opensearch.sh start) || url=""; \
	db=$$(bash scripts/postgres.sh) || db=""; \
	if [ -n "$$db" ]; then export DATABASE_URL="$${db%/*}/parvis_bench"; fi; \
	status=0; \
	SEARCH_TEST_URL="$$url" $(PY) -m pytest tests/benchmarks -s -p no:randomly --override-ini="addopts=" -W ignore || status=$$?; \
	if [ -n "$$url" ] && [ -z "$$running" ]; then bash scripts/opensearch.sh stop; fi; \
	exit $$status

# Soak (scripts/soak.py): the demo under gunicorn, 10 minutes of mixed
# traffic at concurrency 32, on PostgreSQL when available (its own
# database, parvis_http_bench); prints 5xx and the workers' memory.
soak: $(VENV)/.installed
	@db=$$(bash scripts/postgres.sh) || db=""; \
	if [ -n "$$db" ]; then export DATABASE_URL="$$db"; fi; \
	$(PY) scripts/soak.py

# The screenshots of the French guides (docs/guides/images/): the browser
# tests that walk each guide's journey photograph its steps when
# GUIDES_SCREENSHOTS=1 (`make test` runs them without writing images).
GUIDES_TESTS ?= tests/meetings/test_agent_journey.py tests/meetings/test_elu_journey.py tests/deliberations/test_console_journey.py
guides: $(VENV)/.installed
	@bash scripts/chromium.sh || true
	GUIDES_SCREENSHOTS=1 $(PY) -m pytest -m browser $(GUIDES_TESTS)

# System checks and no model change without its migration; `make test` runs it first.
check: $(VENV)/.installed
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

# Each file's strings go to the nearest catalogue: locale/ or an app's own locale/.
messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l fr --no-obsolete --ignore=.venv --ignore=static --ignore=media --ignore=tests --ignore=fixtures --ignore=var --ignore=search-node
	$(PY) manage.py compilemessages -l fr --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 media static
