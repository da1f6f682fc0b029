# graphkit — two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# the local Neo4j's readiness probe logs in with this interpreter's driver
export NEO4J_PYTHON := $(abspath $(BIN)/python)

.PHONY: demo test test-fast lint install install-dev clean neo4j-start neo4j-stop neo4j-status

# uv installs what pip would, from the same registry and pyproject.toml, faster (the dev
# install of a fresh clone: 39 s against 63.5 s; BENCHMARKS.md); pip is the fallback
# where uv cannot be installed. Bytecode is compiled at install, as pip does: without it
# every process of the test suite compiled the modules it imported the first time.
UV_VERSION := 0.13.8
DEV_EXTRAS := .[dev,spark]
INSTALL = if $(BIN)/python -m uv --version >/dev/null 2>&1; then \
	  $(BIN)/python -m uv pip install --quiet --compile-bytecode --python $(BIN)/python $(1); \
	else $(BIN)/python -m pip install --quiet $(1); fi

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "graphkit needs Python >= 3.11"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet uv==$(UV_VERSION) || \
	  $(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(call INSTALL,-e .)
	touch $@

# the tests run the audit on Spark too: the spark extra (PySpark; Java 17 comes from
# scripts/ensure-test-tools); `make demo` installs neither
$(VENV)/.installed-dev: $(VENV)/.installed
	$(call INSTALL,-e "$(DEV_EXTRAS)")
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## make demo: install into .venv and audit the bundled Sihui sample (no server needed)
demo: install
	$(BIN)/graphkit audit data/sihui

lint: install-dev
	$(BIN)/ruff check graphkit tests scripts bench

## make test: install dev dependencies, start the local Neo4j, run the whole suite, stop Neo4j
## (GRAPHKIT_TEST_NEO4J_URI/_USER/_PASSWORD point the tests at another server instead)
# Every JVM the suite starts (the local Neo4j, neo4j-admin, Spark's driver, master, workers
# and executors) lives for seconds to minutes on two cores, where the C2 compiler's threads
# cost more CPU than they give back: with C1 alone the serial tests took 462 CPU-s instead of
# 657 (BENCHMARKS.md, "The test suite's JVMs"). The java launcher reads JDK_JAVA_OPTIONS.
test: export JDK_JAVA_OPTIONS := $(strip $(JDK_JAVA_OPTIONS) -XX:TieredStopAtLevel=1)
test: install-dev lint
	scripts/ensure-test-tools
	@if [ -n "$$GRAPHKIT_TEST_NEO4J_URI" ]; then \
	  PYTHON=$(BIN)/python scripts/test-suite; \
	else \
	  scripts/neo4j start || exit 1; \
	  status=0; PYTHON=$(BIN)/python scripts/test-suite || status=$$?; \
	  scripts/neo4j stop; exit $$status; \
	fi

test-fast: install-dev
	$(BIN)/python -m pytest -x -q

neo4j-start neo4j-stop neo4j-status:
	scripts/neo4j $(subst neo4j-,,$@)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
