# Parvis — the two commands of the README, and their helpers.
#   make demo   fresh clone -> .venv -> install -> migrate -> load_demo -> server
#   make test   the whole suite, on SQLite then on PostgreSQL
PYTHON_BIN ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test test-sqlite test-postgres bench check messages clean

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

# Browser tests need Debian's chromium: installed here when missing (as root).
# Under CI, a missing browser or database fails the run instead of skipping.
test: $(VENV)/.installed
	@bash scripts/chromium.sh || [ "$$CI" != "true" ] || { echo "chromium is required under CI" >&2; exit 1; }
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

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
	DATABASE_URL="$$url" $(PY) -m pytest

bench: $(VENV)/.installed
	$(PY) -m pytest tests/benchmarks -s -p no:randomly --override-ini="addopts="

check: $(VENV)/.installed
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

messages: $(VENV)/.installed
	$(PY) manage.py makemessages -l fr --ignore=.venv --ignore=static --ignore=media --ignore=tests --ignore=fixtures
	$(PY) manage.py compilemessages -l fr

clean:
	rm -rf $(VENV) db.sqlite3 media static
