# The two commands a fresh machine needs: `make demo` and `make test`. Each creates .venv when
# missing and installs everything frontwatch needs from pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
NPM_STAMP := node_modules/.installed-stamp
DEMO_DB := demo.db

.PHONY: install demo test lint bench clean

install: $(STAMP) $(NPM_STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Leaflet, the oblast outlines and topojson-client, which the HTML brief inlines when written.
$(NPM_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $(NPM_STAMP)

demo: $(STAMP) $(NPM_STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/frontwatch ingest examples/corpus --db $(DEMO_DB)
	$(BIN)/frontwatch docs --db $(DEMO_DB)
	$(BIN)/frontwatch show 01_lysychansk --db $(DEMO_DB)
	$(BIN)/frontwatch events --type control --db $(DEMO_DB)
	$(BIN)/frontwatch brief --db $(DEMO_DB) -o brief.html

test: $(STAMP) $(NPM_STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check frontwatch tests

bench: $(STAMP)
	$(BIN)/python bench/ingest
	$(BIN)/python bench/pipeline
	$(BIN)/python bench/fuse
	$(BIN)/python bench/serve

clean:
	rm -rf $(VENV) node_modules brief.html $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache
