# The two commands the README gives: `make demo` and `make test`. Both set up first.
PY := .venv/bin/python
PYTEST_ARGS ?=

.PHONY: setup demo test bench screenshots

setup:
	@scripts/setup.sh

demo: setup
	$(PY) -m deskpilot.cli demo

test: setup
	.venv/bin/lint-imports
	.venv/bin/mypy --strict deskpilot
	$(PY) -m pytest $(PYTEST_ARGS)

bench: setup
	$(PY) -m bench.run

screenshots: setup
	PYTHONPATH=. $(PY) scripts/screenshots.py
