# rasid: make demo | make test | make eval | make bench
PY ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
DEMO_INPUT := $(if $(wildcard $(SHARED)/samples),$(SHARED)/samples,examples)
DEMO_GAZ := $(if $(wildcard $(SHARED)/gazetteer/gazetteer_sy_iq.tsv),--gazetteer $(SHARED)/gazetteer,)
OUT ?= out

.PHONY: venv dev demo test eval bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

venv: $(BIN)/python
	$(BIN)/pip install -q -e .

dev: $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'

demo: venv
	$(BIN)/rasid run $(DEMO_INPUT) --out $(OUT)/demo $(DEMO_GAZ) ; test $$? -le 1

test: dev
	$(BIN)/python -m pytest; rc=$$?; if [ $$rc -eq 5 ]; then echo "no tests collected: failing"; exit 1; fi; exit $$rc

eval: venv
	rm -rf $(OUT)/eval
	$(BIN)/rasid run $(SHARED)/eval/dev/docs.jsonl --out $(OUT)/eval --gazetteer $(SHARED)/gazetteer --quiet
	$(BIN)/python $(SHARED)/eval/score.py $(SHARED)/eval/dev/gold.jsonl $(OUT)/eval/events.jsonl $(if $(VERBOSE),--verbose,)

bench: venv
	$(BIN)/python bench/bench.py --corpus $(SHARED)/corpus/syria_conflict.jsonl --gazetteer $(SHARED)/gazetteer
	$(BIN)/python bench/bench_reconcile.py --corpus $(SHARED)/corpus/syria_conflict.jsonl --gazetteer $(SHARED)/gazetteer

clean:
	rm -rf $(OUT) build dist src/*.egg-info
