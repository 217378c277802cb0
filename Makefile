# The one entry point. The README shows two commands: `make demo` and `make test`.
SHELL := /bin/bash
.PHONY: demo test stop lint

demo:  ## set up everything that is missing, load the demo town, serve http://127.0.0.1:8000
	@bash scripts/demo.sh

test:  ## set up everything that is missing, then run the whole test suite against a test database
	@bash scripts/test.sh

stop:  ## stop the demo server and the private PostgreSQL cluster
	@bash scripts/stop.sh

lint:
	@.venv/bin/ruff check . && .venv/bin/ruff format --check .
