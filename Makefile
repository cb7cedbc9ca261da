# nerdup-lab developer and admin entry points. Everything installs into ./.venv.
#   make lab      install, then start JupyterLab with nerdup-lab (embedded SQLite, demo data)
#   make test     install test tools, then run lint, pytest, jest and the browser tests
#   make install  install into .venv without starting anything
#   make hub      start a real local JupyterHub (alice, bob, carol) with the nerdup service

PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
export PATH := $(BIN):$(PATH)

STAMP := $(VENV)/.nerdup-deps
# The frontend is rebuilt only when its sources changed since the last build.
BUILD_STAMP := lib/.nerdup-built
FRONTEND_SOURCES := $(shell find src style schema -type f 2>/dev/null) package.json tsconfig.json \
  install.json
# Where `make lab` serves notebooks from: a folder of its own, not the source tree.
LAB_DIR ?= $(CURDIR)/lab-workspace
UI_STAMP := tests/ui/node_modules/.nerdup-deps
HUB_STAMP := hub/node_modules/.nerdup-deps
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test

.PHONY: lab install build test lint pytest hub-test jest ui-test chromium postgres bench hub clean test-stress

# Containers and CI machines often run as root, which JupyterLab refuses without a flag.
LAB_ARGS ?= $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

lab: install
	mkdir -p "$(LAB_DIR)"
	jupyter nerdup demo --if-empty
	jupyter lab $(LAB_ARGS) --ServerApp.root_dir="$(LAB_DIR)"

# Python dependencies and the package in development mode; the frontend is rebuilt when a
# file of src/, style/ or schema/ changed since the last build, so `make lab` always serves
# the current source and restarts at once when nothing changed.
install: $(STAMP) build

$(STAMP): pyproject.toml package.json
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  (echo "nerdup-lab needs Python >= 3.11 (found: $$($(PYTHON) --version))"; exit 1)
	@command -v node >/dev/null || (echo "nerdup-lab needs Node.js 20 to build its frontend"; exit 1)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# Build requirements, installed once so the editable install can skip build isolation.
	$(BIN)/pip install --quiet "jupyterlab>=4.6,<5" "hatchling>=1.21" "hatch-nodejs-version>=0.3.2" \
	  "hatch-jupyter-builder>=0.9" editables
	$(BIN)/pip install --quiet --no-build-isolation -e ".[dev]"
	jupyter labextension develop --overwrite .
	jupyter server extension enable nerdup_lab --sys-prefix
	touch $@

build: $(BUILD_STAMP)

$(BUILD_STAMP): $(STAMP) $(FRONTEND_SOURCES)
	jlpm build
	touch $@

lint: install
	ruff check
	ruff format --check
	mypy
	jlpm lint:check

pytest: install postgres
	NERDUP_TEST_PG_URL=$(PG_URL) python -m pytest -q

jest: install
	jlpm test

# Debian's Chromium: Playwright cannot download its own browser here.
chromium:
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium)

# Start the machine's PostgreSQL if it is installed but stopped; the tests never skip it.
postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || \
	  (command -v pg_ctlcluster >/dev/null && \
	   pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | head -1) main start) || \
	  (apt-get update -qq && apt-get install -y -qq postgresql && \
	   pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | head -1) main start)
	@for i in 1 2 3 4 5 6 7 8 9 10; do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
	@psql -h 127.0.0.1 -U postgres -tAc "select 1" test >/dev/null 2>&1 || \
	  (su postgres -c "psql -tAc \"select 1\" test" >/dev/null 2>&1 || su postgres -c "createdb test")

$(UI_STAMP): tests/ui/package.json
	cd tests/ui && jlpm install
	touch $@

# configurable-http-proxy from npm, for `make hub` and the JupyterHub suites.
$(HUB_STAMP): hub/package.json
	cd hub && jlpm install
	touch $@

hub: install $(HUB_STAMP)
	python scripts/run_hub.py

# The JupyterHub end-to-end suite: a real Hub, proxy and single-user servers. Its own pytest
# process, because pytest-jupyter's fixtures must not load there.
hub-test: install postgres $(HUB_STAMP)
	NERDUP_TEST_PG_URL=$(PG_URL) python -m pytest tests/hub --confcutdir=tests/hub -p no:asyncio -q

# Browser tests: Galata against one JupyterLab, then the JupyterHub login walk; one summary
# line `N passed, N failed` over both.
ui-test: install chromium $(UI_STAMP) $(HUB_STAMP)
	cd tests/ui && rm -f results.json test-results/hub-results.json && \
	  (jlpm playwright test; echo $$? > .exit-code) && \
	  (jlpm playwright test -c playwright.hub.config.js; echo $$? > .exit-code-hub); \
	  python ../../scripts/ui_summary.py results.json test-results/hub-results.json; \
	  test "$$(cat .exit-code)" = 0 && test "$$(cat .exit-code-hub)" = 0

test: lint pytest hub-test jest ui-test

# Not part of `make test`: the JupyterHub suite and both browser suites N times (N=5) with a
# busy loop per core, then each test's failures and durations (scripts/stress.py).
N ?= 5
test-stress: install postgres chromium $(UI_STAMP) $(HUB_STAMP)
	NERDUP_TEST_PG_URL=$(PG_URL) python scripts/stress.py -n $(N)

bench: install postgres $(HUB_STAMP)
	python bench/run.py

clean:
	jlpm clean:all || true
	rm -rf $(VENV) node_modules tests/ui/node_modules hub/node_modules
