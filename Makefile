# Two commands for a newcomer: `make run` (serve the app with demo data) and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
export UV_PYTHON_DOWNLOADS := never

.PHONY: run worker serve test fuzz lint format messages clean bench-scale bench-exports bench-imports

$(VENV)/bin/python:
	@PYTHON=$$(scripts/find-python.sh) || exit 1; \
	echo "Creating $(VENV) with $$PYTHON"; \
	$$PYTHON -m venv $(VENV) && $(VENV)/bin/pip install -q --upgrade pip uv

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(VENV)/bin/uv pip install -q --python $(PY) -r requirements.txt
	@touch $@

$(VENV)/.test: requirements.txt requirements-test.txt | $(VENV)/bin/python
	$(VENV)/bin/uv pip install -q --python $(PY) -r requirements-test.txt
	@touch $@ $(VENV)/.runtime

# The task worker runs beside the web server, so mail, WhatsApp and reminders go out as in production.
run: $(VENV)/.runtime
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py db_worker --queue-name '*' --no-reload & trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:8000

# The task worker alone (production runs it as its own service: deploy/diklat-worker.service).
worker: $(VENV)/.runtime
	$(PY) manage.py db_worker --queue-name '*' --no-reload

# Production: gunicorn on PostgreSQL; scripts/serve.sh says which environment it needs (README: Production).
serve: $(VENV)/.runtime
	PY=$(PY) scripts/serve.sh

test: $(VENV)/.test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/pytest

# The API fuzzed harder than in `make test`: 200 examples per operation and role, a fresh seed each run
# (the failing example is printed with a curl line; FUZZ_EXAMPLES=1000 for more).
fuzz: $(VENV)/.test
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-200} FUZZ_FRESH_SEED=1 $(VENV)/bin/pytest tests/fuzz $(FUZZ_ARGS)

lint: $(VENV)/.test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The scale benchmark (issue: national scale) on a throwaway PostgreSQL: BENCH_ARGS="--repeat 3 --only report".
# The server holds both data sets in memory, as a national deployment's would (README: PostgreSQL at national scale).
bench-scale: $(VENV)/.test
	PG_THROWAWAY_OPTIONS="-c shared_buffers=1GB" source scripts/pg-throwaway.sh && $(PY) -m bench $(BENCH_ARGS)

# CSV and XLSX of 10,000 raw milestones against a values_list + csv.writer baseline, on a temporary SQLite file.
bench-exports: $(VENV)/.test
	$(PY) -m bench.exports $(BENCH_ARGS)

# The participant import of a 500-row CSV and XLSX (checks, commit) against reading and storing the rows unchecked.
bench-imports: $(VENV)/.test
	$(PY) -m bench.imports $(BENCH_ARGS)

# Needs gettext; the compiled .mo files are committed so that running needs none.
messages: $(VENV)/.runtime
	$(PY) manage.py makemessages -l id --no-location --ignore=.venv --ignore=staticfiles --ignore=tests
	$(PY) manage.py compilemessages -l id --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
