# Parvis — the two commands of the README, and their helpers.
#   make demo   fresh clone -> .venv -> install -> migrate -> load_demo -> server
#   make test   the whole suite, on SQLite then on PostgreSQL
PYTHON_BIN ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo demo-search test test-sqlite test-postgres bench soak check messages clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON_BIN) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
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

# Browser tests need Debian's chromium: installed here when missing (as root).
# The search server tests run against a real OpenSearch node (scripts/
# opensearch.sh), once, in the SQLite run. Under CI, a missing browser,
# database or search node fails the run instead of skipping.
test: $(VENV)/.installed
	@bash scripts/chromium.sh || [ "$$CI" != "true" ] || { echo "chromium is required under CI" >&2; exit 1; }
	@running=$$(bash scripts/opensearch.sh status 2>/dev/null); \
	url=$$(bash scripts/opensearch.sh start) || url=""; \
	if [ -z "$$url" ]; then \
	  if [ "$$CI" = "true" ]; then echo "The OpenSearch node could not be started: failing (CI=true)." >&2; exit 1; fi; \
	  echo "OpenSearch unavailable: the search server tests are SKIPPED." >&2; \
	fi; \
	status=0; \
	SEARCH_TEST_URL="$$url" $(MAKE) --no-print-directory test-sqlite || status=$$?; \
	if [ $$status -eq 0 ]; then $(MAKE) --no-print-directory test-postgres || status=$$?; fi; \
	if [ -n "$$url" ] && [ -z "$$running" ]; then bash scripts/opensearch.sh stop; fi; \
	exit $$status

test-sqlite: $(VENV)/.installed
	@echo "=== Test suite on SQLite ==="
	env -u DATABASE_URL $(PY) -m pytest

test-postgres: $(VENV)/.installed
	@echo "=== Test suite on PostgreSQL ==="
	@url="$$DATABASE_URL"; \
	if [ -z "$$url" ]; then url=$$(bash scripts/postgres.sh) || status=$$?; fi; \
	if [ -z "$$url" ]; then \
	  if [ "$$CI" = "true" ]; then echo "PostgreSQL could not be started: failing (CI=true)." >&2; exit 1; fi; \
	  echo "PostgreSQL unavailable: the PostgreSQL run is SKIPPED." >&2; exit 0; \
	fi; \
	DATABASE_URL="$$url" env -u SEARCH_TEST_URL $(PY) -m pytest

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

check: $(VENV)/.installed
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

# Each file's strings go to the nearest catalogue: locale/ or an app's own locale/.
messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l fr --no-obsolete --ignore=.venv --ignore=static --ignore=media --ignore=tests --ignore=fixtures --ignore=var --ignore=search-node
	$(PY) manage.py compilemessages -l fr --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 media static
