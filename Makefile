# Framework Guide: `make run` to try it, `make test` before every commit.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=
# make test runs one pytest-xdist worker per core; WORKERS=0 runs it in one process.
WORKERS ?= auto
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: install run test test-sqlite test-postgres lint format bench soak topics scaleout audit clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) manage.py migrate
	$(PY) manage.py load_sample_content
	@echo ""
	@echo "  Site:  http://127.0.0.1:8000/"
	@echo "  Admin: http://127.0.0.1:8000/admin/  (create a login: $(PY) manage.py createsuperuser)"
	@echo ""
	$(PY) manage.py runserver 127.0.0.1:8000

# The whole suite on SQLite, then again on PostgreSQL when one answers
# (DATABASE_URL if it names PostgreSQL, else the local default).
test: install
	@echo "==> Test suite on SQLite"
	env -u DATABASE_URL $(PY) -m pytest -n $(WORKERS) $(PYTEST_ARGS)
	@url="$${DATABASE_URL:-$(PG_URL)}"; \
	case "$$url" in postgres*) ;; *) url="$(PG_URL)";; esac; \
	if $(PY) -c "import sys, psycopg; psycopg.connect(sys.argv[1], connect_timeout=3).close()" "$$url" 2>/dev/null; then \
		echo "==> Test suite on PostgreSQL ($$url)"; \
		DATABASE_URL="$$url" $(PY) -m pytest -n $(WORKERS) $(PYTEST_ARGS); \
	else \
		echo "==> PostgreSQL not reachable at $$url: ran on SQLite only"; \
	fi

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# Page throughput against a baseline view, query counts, import speed: bench/README.md.
# e.g. make bench BENCH_ARGS="--quick" or BENCH_ARGS="--duration 5 --skip-import"
BENCH_ARGS ?=
bench: install
	$(PY) bench/run.py $(BENCH_ARGS)

# Claims without a topic on the seeds and samples, and agreement with labelled claims given as
# arguments: e.g. make topics TOPICS_ARGS="../labels/topics.jsonl --show-disagreements"
TOPICS_ARGS ?=
topics: install
	$(PY) bench/topics.py $(TOPICS_ARGS)

# 60 s of wrk at concurrency 64 over the main pages while an import runs: no 5xx, no socket errors.
SOAK_ARGS ?=
soak: install
	$(PY) bench/soak.py $(SOAK_ARGS)

# Two app hosts behind HAProxy, a lagging streaming replica, a shared Redis, all started on
# their own ports (never the machine's own PostgreSQL or Redis); load, then faults: tests/scaleout/.
scaleout: install
	$(PY) -m pytest tests/scaleout -m scaleout -p no:cacheprovider -s -v $(PYTEST_ARGS)

# Lighthouse 12 (mobile) on the main pages with the sample content, gunicorn, DEBUG off: the four
# category scores per page. Needs `npm ci` and Chromium. e.g. make audit AUDIT_ARGS="--runs 5 --page compare"
AUDIT_ARGS ?=
audit: install
	@test -x node_modules/.bin/lighthouse || npm ci --no-audit --no-fund --loglevel=error
	$(PY) bench/audit.py $(AUDIT_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles
