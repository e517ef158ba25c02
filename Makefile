# `make demo` and `make test` work on a fresh clone of a fresh machine: they create .venv/ and install
# what is missing, and are quick when everything is already there.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: demo test lint format lock install bench messages

$(BIN)/uv:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==0.13.9

$(STAMP): requirements.txt pyproject.toml | $(BIN)/uv
	UV_PYTHON_DOWNLOADS=never $(BIN)/uv pip sync --quiet --python $(BIN)/python requirements.txt
	UV_PYTHON_DOWNLOADS=never $(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	@echo "hoptac is at http://127.0.0.1:8000 (Ctrl-C stops it)"
	$(BIN)/python manage.py runserver 127.0.0.1:8000

test: $(STAMP)
	$(BIN)/pytest -n 2 -q
	@if $(BIN)/python -c "import socket; socket.create_connection(('127.0.0.1', 5432), 2)" 2>/dev/null; then \
		echo "PostgreSQL answers at 127.0.0.1:5432: running the database tests on it"; \
		DATABASE_URL=$(PG_URL) $(BIN)/pytest -q -m django_db; \
	else \
		echo "PostgreSQL does not answer at 127.0.0.1:5432: skipped the PostgreSQL run"; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

lock: | $(BIN)/uv
	$(BIN)/uv pip compile requirements.in -o requirements.txt --python-version 3.11

bench: $(STAMP)
	$(BIN)/python bench/parse.py

# The Vietnamese interface: collect the msgids into locale/vi/LC_MESSAGES/django.po, then compile
# django.mo, which is committed so that a machine without GNU gettext still shows Vietnamese.
messages: $(STAMP)
	$(BIN)/python manage.py makemessages --locale vi --ignore "hoptac/documents/*" --ignore "bench/*" \
		--add-location file --no-obsolete
	$(BIN)/python manage.py compilemessages --locale vi --ignore ".venv/*"
