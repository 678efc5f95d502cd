# qusgraph — `make help` lists the targets.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STORE  ?= ./qusgraph-store
SHARED ?= ../shared
# The shipped seed article carries no date of its own; this is its publication date.
PUBLISHED ?= 2022-11-21
HOST ?= 127.0.0.1
PORT ?= 7878

.DEFAULT_GOAL := help
.PHONY: help venv run test fuzz lint type-check score score-fresh bench bench-push bench-large clean

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-12s %s\n", $$1, $$2}'

$(BIN)/qusgraph: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

venv: $(BIN)/qusgraph ## Create .venv and install the project with its dev tools

run: venv ## Ingest data/articles/ into ./qusgraph-store, print a summary and one answer, then serve it
	$(BIN)/qusgraph ingest data/articles --store $(STORE) --published $(PUBLISHED)
	$(BIN)/qusgraph stats --store $(STORE)
	@echo
	@echo "Which rounds were held where and when? (data/queries/rounds.rq)"
	$(BIN)/qusgraph query --store $(STORE) --file data/queries/rounds.rq
	@echo
	$(BIN)/qusgraph serve --store $(STORE) --host $(HOST) --port $(PORT)

lint: venv ## ruff and mypy
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy src bench

type-check: venv ## mypy
	$(BIN)/mypy src

test: venv lint ## Lint, then run the test suite
	$(BIN)/pytest

fuzz: venv ## Property-based fuzzing of ingest: 1,000 examples a test instead of 100 (about 15 min here)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest tests/test_fuzz.py -p no:cacheprovider

score: venv ## Score extraction on the dev and dev2 corpora, each alone and merged (needs ../shared)
	$(BIN)/python $(SHARED)/eval/score.py --cli $(BIN)/qusgraph $(SHARED)/corpus/dev
	$(BIN)/python $(SHARED)/eval/score.py --cli $(BIN)/qusgraph $(SHARED)/corpus/dev2
	$(BIN)/python $(SHARED)/eval/score.py --cli $(BIN)/qusgraph --merged $(SHARED)/corpus/dev $(SHARED)/corpus/dev2

score-fresh: venv ## Score extraction on the fresh corpora of tests/corpora (sets written without seeing the code)
	for set in tests/corpora/fresh*/; do echo "$$set"; $(BIN)/python $(SHARED)/eval/score.py --cli $(BIN)/qusgraph $$set | tail -n 1; done

bench: venv ## Benchmarks at 1k and 10k articles (11–18 min here): table on stdout, figures in bench/results.json
	$(BIN)/python -m bench.run --sizes 1000 10000
	$(BIN)/python -m bench.push --size 1000

bench-push: venv ## Push rates at 1k into Oxigraph's server and Virtuoso, 1 and 4 jobs (~2 min): bench/push-results.json
	$(BIN)/python -m bench.push --size 1000

bench-large: venv ## The same at 100k articles (rdflib left out; about an hour), added to bench/results.json
	$(BIN)/python -m bench.run --sizes 100000 --no-rdflib

clean: ## Remove the venv, the default store and caches
	rm -rf $(VENV) $(STORE) bench/work .pytest_cache .ruff_cache .mypy_cache .hypothesis
