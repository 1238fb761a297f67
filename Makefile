# rasid: make demo | make test | make eval | make bench
PY ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
DEMO_INPUT := $(if $(wildcard $(SHARED)/samples),$(SHARED)/samples,examples)
DEMO_GAZ := $(if $(wildcard $(SHARED)/gazetteer/gazetteer_sy_iq.tsv),--gazetteer $(SHARED)/gazetteer,)
OUT ?= out

.PHONY: venv dev demo test eval eval-claims claims-eval bench assets browser serve clean

VENDOR := src/rasid/web/static/vendor
# the web app's map library and outlines, from the npm registry at build time (no CDN at run time)
assets: $(VENDOR)/leaflet.js

$(VENDOR)/leaflet.js:
	rm -rf build/npm && mkdir -p build/npm $(VENDOR)
	cd build/npm && npm install --silent --no-audit --no-fund --no-save leaflet@1.9.4 world-atlas@2.0.2 topojson-client@3.1.0 swagger-ui-dist@5
	cp build/npm/node_modules/leaflet/dist/leaflet.js build/npm/node_modules/leaflet/dist/leaflet.css $(VENDOR)/
	cp -r build/npm/node_modules/leaflet/dist/images $(VENDOR)/
	cp build/npm/node_modules/topojson-client/dist/topojson-client.min.js $(VENDOR)/
	cp build/npm/node_modules/world-atlas/countries-50m.json $(VENDOR)/
	cp build/npm/node_modules/swagger-ui-dist/swagger-ui-bundle.js build/npm/node_modules/swagger-ui-dist/swagger-ui.css $(VENDOR)/
	cp build/npm/node_modules/leaflet/LICENSE $(VENDOR)/LICENSE-leaflet
	cp build/npm/node_modules/world-atlas/LICENSE* $(VENDOR)/ 2>/dev/null || true

# headless Chromium and Arabic fonts for the end-to-end tests (Debian packages)
browser:
	command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-core >/dev/null; }

$(BIN)/python:
	$(PY) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# the command-line tool alone (no npm needed: `make demo` runs on Python 3.11 only)
venv: $(BIN)/python
	$(BIN)/pip install -q -e .

dev: $(BIN)/python assets
	$(BIN)/pip install -q -e '.[dev]'

demo: venv
	$(BIN)/rasid run $(DEMO_INPUT) --out $(OUT)/demo $(DEMO_GAZ) ; test $$? -le 1
	@$(BIN)/rasid gazetteer info $(DEMO_GAZ) | head -3
	@echo "next: $(BIN)/rasid serve --db $(OUT)/demo/rasid.db   (map, timeline, events in a browser; 'make serve' also fetches the map assets with npm)"

serve: demo assets
	$(BIN)/rasid serve --db $(OUT)/demo/rasid.db

test: dev
	$(BIN)/python -m pytest; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected: failing"; exit 1; fi; exit $$rc

eval: venv
	rm -rf $(OUT)/eval
	$(BIN)/rasid run $(SHARED)/eval/dev/docs.jsonl --out $(OUT)/eval --gazetteer $(SHARED)/gazetteer --quiet
	$(BIN)/python $(SHARED)/eval/score.py $(SHARED)/eval/dev/gold.jsonl $(OUT)/eval/events.jsonl $(if $(VERBOSE),--verbose,)

# the claim check on ../shared/eval/claims: builds the store once (out/claims), checks every claim, prints the scorer's figures
eval-claims claims-eval: venv
	$(BIN)/python bench/claims_eval.py --shared $(SHARED) --out $(OUT)/claims $(if $(REBUILD),--rebuild,)

bench: venv assets
	$(BIN)/python bench/bench.py --corpus $(SHARED)/corpus/syria_conflict.jsonl --gazetteer $(SHARED)/gazetteer
	$(BIN)/python bench/bench_stages.py --corpus $(SHARED)/corpus/syria_conflict.jsonl --gazetteer $(SHARED)/gazetteer
	$(BIN)/python bench/bench_reconcile.py --corpus $(SHARED)/corpus/syria_conflict.jsonl --gazetteer $(SHARED)/gazetteer
	$(BIN)/python bench/bench_web.py --corpus $(SHARED)/corpus/syria_conflict.jsonl --gazetteer $(SHARED)/gazetteer
	$(BIN)/python bench/bench_web_load.py --corpus $(SHARED)/corpus/syria_conflict.jsonl --gazetteer $(SHARED)/gazetteer --seconds 10
	$(BIN)/python bench/bench_hostile.py --corpus $(SHARED)/corpus/syria_conflict.jsonl
	$(BIN)/python bench/bench_watch.py --articles 1000
	$(BIN)/python bench/bench_check.py --shared $(SHARED)
	$(BIN)/python bench/bench_dask.py --corpus $(SHARED)/corpus/syria_conflict.jsonl --gazetteer $(SHARED)/gazetteer
	$(BIN)/python bench/bench_incremental.py --corpus $(SHARED)/corpus/syria_conflict.jsonl --gazetteer $(SHARED)/gazetteer
	@if ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || [ -n "$$RASID_TEST_PG" ]; then \
		$(BIN)/python bench/bench_web_pg.py; \
	else echo "bench_web_pg: skipped (no PostgreSQL server binaries: apt-get install postgresql)"; fi

clean:
	rm -rf $(OUT) build dist src/*.egg-info
