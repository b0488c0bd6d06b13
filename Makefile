# Every target installs what it needs. See README.md.
SHELL := /bin/bash
PY := .venv/bin/python
export UV_PYTHON_DOWNLOADS := never
# Python keeps the bytecode it compiles (some machines set PYTHONDONTWRITEBYTECODE): without it
# every process of a test run (pytest, its workers, servers, workers, commands) compiles Django
# and the project again, about 8 CPU-seconds each.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: install run test serve test-fast test-sqlite lint demo bench migrate seed clean messages docs-images screenshots

.venv/.installed: pyproject.toml uv.lock scripts/bootstrap.sh $(wildcard perizinan/locale/*/LC_MESSAGES/*.po perizinan/*/locale/*/LC_MESSAGES/*.po)
	scripts/bootstrap.sh
	touch $@

install: .venv/.installed node_modules/.installed

# Front-end assets from the npm registry (Bootstrap, htmx; axe-core for the browser tests).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

migrate: install
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py seed_demo
	$(PY) manage.py create_signing_certificate
	$(PY) manage.py seed_history --count 40

run: seed
	scripts/run.sh

# Production-style: gunicorn (workers sized to the cores) + the task worker, against DATABASE_URL
# (default SQLite; e.g. DATABASE_URL=postgres://perizinan@127.0.0.1:5432/perizinan make serve).
# Liveness /api/v1/health, readiness /api/v1/health/ready. See docs/adr/0013-production-server.md.
serve: install
	scripts/serve.sh

# Tests run in parallel, one process per core (pytest-xdist); a test file stays in one process.
XDIST := -n $(or $(TEST_WORKERS),auto) --dist loadfile --no-loadscope-reorder

# The whole suite on a throwaway PostgreSQL cluster (installed from Debian when missing).
# In two runs (scripts/run-tests.sh): everything in parallel, the browser tests last in each
# process; beside it, the fault test marked `alone` on a cluster of its own (it restarts it).
test: install
	scripts/test-deps.sh
	scripts/with-postgres.sh scripts/run-tests.sh $(PYTEST_ARGS)

# The unit tier on SQLite: no browser, no live server, no whole lifecycles (about a minute).
test-fast: install
	$(PY) -m pytest $(XDIST) -m "not slow and not alone and not browser" $(PYTEST_ARGS)

# The same suite on SQLite (no PostgreSQL-only tests).
test-sqlite: install
	scripts/test-deps.sh
	scripts/run-tests.sh $(PYTEST_ARGS)

lint: install
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy perizinan config

demo: seed
	$(PY) manage.py run_demo

# Benchmarks (not tests): results are printed as Markdown tables; see bench/README.md.
bench: install
	$(PY) bench/lifecycle.py
	scripts/with-postgres.sh $(PY) bench/lifecycle.py
	$(PY) bench/api_latency.py
	scripts/with-postgres.sh $(PY) bench/api_latency.py
	$(PY) bench/documents.py

clean:
	rm -rf .venv db.sqlite3 media

# PNGs of the main pages in docs/screenshots/ (Debian's Chromium headless shell through Playwright).
screenshots: install
	scripts/test-deps.sh
	$(PY) scripts/screenshots.py

# Page 1 of every document as PNG in docs/documents/ (needs pdftoppm: poppler-utils).
docs-images: install
	$(PY) scripts/document_samples.py

# Re-extract translatable strings (needs GNU gettext's xgettext), then fill in English.
messages: install
	$(PY) manage.py makemessages -l en --ignore=".venv/*" --ignore="tests/*" --ignore="bench/*"
	$(PY) scripts/compile_messages.py
