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
# on a freshly seeded SQLite team (100,000 contacts, 1,000,000 interactions; about a minute).
# bench/scale.py seeds its own teams of 0 to 100,000 contacts (a few minutes).
BENCH_DB ?= .bench/bench.db

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

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
