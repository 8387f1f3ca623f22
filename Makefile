# Two commands do everything: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test lint typecheck unit bench clean

$(BIN)/rapport: pyproject.toml
	test -d $(VENV) || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[postgres]'
	touch $@

$(VENV)/.dev: $(BIN)/rapport
	$(BIN)/pip install --quiet -e '.[postgres,dev]'
	touch $@

run: $(BIN)/rapport
	$(BIN)/rapport run

test: $(VENV)/.dev lint typecheck unit

lint: $(VENV)/.dev
	$(BIN)/ruff check bot handlers nlp store tests bench
	$(BIN)/ruff format --check bot handlers nlp store tests bench

typecheck: $(VENV)/.dev
	$(BIN)/mypy

unit: $(VENV)/.dev
	$(BIN)/pytest

# Every benchmark, each printing its figures beside a baseline measured in the same run,
# on a freshly seeded SQLite team (100,000 contacts, 1,000,000 interactions), then the
# workers bench on PostgreSQL when a server answers (about 25 minutes in all).
# bench/scale.py seeds its own teams of 0 to 100,000 contacts (a few minutes).
BENCH_DB ?= .bench/bench.db
# Workers need PostgreSQL: a server that lets the bench create its own databases.
BENCH_PG ?= postgresql+psycopg://postgres@127.0.0.1:5432/postgres
BENCH_PG_DSN = $(subst postgresql+psycopg,postgresql,$(BENCH_PG))

bench: $(VENV)/.dev
	$(BIN)/python bench/understanding.py
	mkdir -p $(dir $(BENCH_DB)) && rm -f $(BENCH_DB) $(BENCH_DB)-wal $(BENCH_DB)-shm
	$(BIN)/python bench/seed.py --url sqlite:///$(BENCH_DB)
	$(BIN)/python bench/lookup.py --url sqlite:///$(BENCH_DB)
	$(BIN)/python -m bench.nudges --url sqlite:///$(BENCH_DB)
	$(BIN)/python -m bench.slack_e2e --url sqlite:///$(BENCH_DB)
	$(BIN)/python -m bench.profile_message --url sqlite:///$(BENCH_DB)
	$(BIN)/python bench/export.py --url sqlite:///$(BENCH_DB)
	$(BIN)/python bench/roundtrip.py --url sqlite:///$(BENCH_DB)
	$(BIN)/python -m bench.scale
	@if $(BIN)/python -c "import psycopg; psycopg.connect('$(BENCH_PG_DSN)').close()" 2>/dev/null; \
	then $(BIN)/python -m bench.workers --server $(BENCH_PG); \
	else echo "bench/workers.py skipped: no PostgreSQL at $(BENCH_PG_DSN)"; fi

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
