# Two commands on a fresh machine: `make run` and `make test`. Both build .venv when needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NER    := $(VENV)/.installed-ner

.PHONY: install run demo test check-config bench eval clean

install: $(STAMP)

# Reinstall only when the dependency list changes; the package itself is editable.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# the tests run the optional NER stage on real spaCy (a few hundred MB); `make run` does without it
$(NER): $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,ner]'
	touch $(NER)

run: $(STAMP)
	$(BIN)/media-monitor run

# the monitor on a built-in loopback feed: alerts within seconds, no internet needed
demo: $(STAMP)
	$(BIN)/media-monitor demo --data-dir data/demo

check-config: $(STAMP)
	$(BIN)/media-monitor check-config

test: $(NER)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m benchmarks

# precision and recall of detection on the labelled sets in evaluation/data
eval: $(STAMP)
	$(BIN)/python -m evaluation

clean:
	rm -rf $(VENV) data .pytest_cache
