# Thin targets: the logic lives in tools/ and the kiosk package.
PY := .venv/bin/python

.PHONY: setup demo test lint bench

setup:
	python3 tools/bootstrap.py

demo: setup
	$(PY) -m kiosk.cli demo

test: setup
	$(PY) -m tools.run_tests

lint: setup
	$(PY) -m ruff check .

bench: setup
	$(PY) -m tools.run_benchmarks
