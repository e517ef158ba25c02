# `make demo` and `make test` work on a fresh clone of a fresh machine: they create .venv/ and install
# what is missing, and are quick when everything is already there.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
CHROMIUM := /usr/bin/chromium
# Quiet, never asking; it gives up soon without network, and waits for a dpkg lock another install holds.
APT_GET := DEBIAN_FRONTEND=noninteractive apt-get -qq -o Acquire::Retries=1 -o Acquire::http::Timeout=20 \
	-o DPkg::Lock::Timeout=300

.PHONY: demo test lint format lock install bench messages browser readers

$(BIN)/uv:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==0.13.9

$(STAMP): requirements.txt pyproject.toml | $(BIN)/uv
	UV_PYTHON_DOWNLOADS=never $(BIN)/uv pip sync --quiet --python $(BIN)/python requirements.txt
	UV_PYTHON_DOWNLOADS=never $(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP) readers
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py demo_setup
	@echo "hoptac is at http://127.0.0.1:8000 (Ctrl-C stops it and its background worker)"
	@$(BIN)/python manage.py run_worker & worker=$$!; trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
		$(BIN)/python manage.py runserver 127.0.0.1:8000

# tests/browser drives Debian's Chromium, never a browser that Playwright downloads (`playwright install`
# cannot work here). It is installed when missing; where apt-get cannot run (not root, no network) the
# browser tests skip themselves with the reason instead, so this target never fails.
browser:
	@if [ ! -x $(CHROMIUM) ]; then \
		echo "Installing Debian's chromium and fonts-liberation2 for the browser tests"; \
		[ "$$(id -u)" -ne 0 ] || { $(APT_GET) update >/dev/null \
			&& $(APT_GET) install -y chromium fonts-liberation2 >/dev/null; } || true; \
		if [ -x $(CHROMIUM) ]; then \
			echo "Installed $$($(CHROMIUM) --version 2>/dev/null)"; \
		else \
			echo "Could not install chromium with apt-get (needs root and the network): browser tests will be skipped"; \
		fi; \
	fi

# The document engine runs LibreOffice (.doc .odt .rtf → .docx), pdftoppm and Tesseract with its Vietnamese
# data (scanned PDFs) as external processes (docs/adr/0017). Installed when missing, like chromium: where
# apt-get cannot run, those readers refuse such files with a clear reason and their tests skip.
READER_PACKAGES := tesseract-ocr tesseract-ocr-vie poppler-utils libreoffice-writer-nogui fonts-liberation2
readers:
	@if ! { command -v soffice && command -v pdftoppm && command -v tesseract \
			&& tesseract --list-langs 2>/dev/null | grep -qx vie \
			&& [ -d /usr/share/fonts/truetype/liberation2 ]; } >/dev/null 2>&1; then \
		echo "Installing $(READER_PACKAGES) for the document readers"; \
		[ "$$(id -u)" -ne 0 ] || { $(APT_GET) update >/dev/null \
			&& $(APT_GET) install -y --no-install-recommends $(READER_PACKAGES) >/dev/null; } || true; \
		if command -v soffice >/dev/null && command -v tesseract >/dev/null; then \
			echo "Installed $$(tesseract --version 2>/dev/null | head -n 1), $$(soffice --version 2>/dev/null)"; \
		else \
			echo "Could not install them with apt-get (needs root and the network): .doc, .odt, .rtf and scanned PDFs will be refused and their tests skipped"; \
		fi; \
	fi

test: $(STAMP) browser readers
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
