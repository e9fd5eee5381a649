# citebot: set-up and everyday commands. Every target bootstraps .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.citebot-installed
INDEX  := $(or $(CITEBOT_INDEX_DIR),.citebot)
CORPUS_FILES := $(shell find corpus -type f 2>/dev/null)

.PHONY: help venv ask index index-full test test-fast bot bench chat status clean

help:
	@echo 'make ask Q="what did NAHT Cymru ask for?"   answer a question (sets everything up)'
	@echo 'make test | make test-fast                  run the test suite | without the slow tests'
	@echo 'make index | make index-full                bring the index up to date | rebuild it'
	@echo 'make chat | make status | make bot | make bench'

TORCH_PIN       := torch==2.13.0
TORCH_CPU_INDEX := https://download.pytorch.org/whl/cpu

# torch goes in first, so sentence-transformers does not pull another build:
# the CPU-only wheel from PyTorch's own index (a few hundred MB instead of the
# multi-gigabyte CUDA build), tried briefly; where that index cannot be
# reached (a machine that only sees a package mirror) the plain pin.
# CITEBOT_TORCH=cuda installs the default (CUDA) build for GPU index builds.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	@if [ "$(CITEBOT_TORCH)" = "cuda" ]; then \
		echo "$(BIN)/python -m pip install -q $(TORCH_PIN)"; \
		$(BIN)/python -m pip install -q $(TORCH_PIN); \
	else \
		echo "$(BIN)/python -m pip install -q --index-url $(TORCH_CPU_INDEX) $(TORCH_PIN)"; \
		$(BIN)/python -m pip install -q --timeout 5 --retries 0 --index-url $(TORCH_CPU_INDEX) $(TORCH_PIN) 2>/dev/null \
		|| { echo "(PyTorch's CPU index cannot be reached: the plain pin)"; \
		     $(BIN)/python -m pip install -q $(TORCH_PIN); }; \
	fi
	$(BIN)/python -m pip install -q -e '.[dev,bench,webhooks]'
	@touch $@

venv: $(STAMP)

# Re-index only when the corpus changed since the last build.
$(INDEX)/citebot.sqlite: $(STAMP) $(CORPUS_FILES)
	$(BIN)/citebot index
	@touch $@

index: $(STAMP)
	$(BIN)/citebot index

index-full: $(STAMP)
	$(BIN)/citebot index --full

# The usage line comes before anything is set up or indexed; then the index is
# brought up to date (quietly when it already is) and the question asked.
ask:
	@if [ -z "$$Q" ]; then echo 'usage: make ask Q="your question"' >&2; exit 2; fi
	@$(MAKE) -q --no-print-directory $(INDEX)/citebot.sqlite || $(MAKE) --no-print-directory $(INDEX)/citebot.sqlite
	@$(BIN)/citebot ask -- "$$Q"

chat: $(INDEX)/citebot.sqlite
	@$(BIN)/citebot chat

status: $(STAMP)
	@$(BIN)/citebot status

bot: $(INDEX)/citebot.sqlite
	$(BIN)/citebot bot

# Tests run in parallel, one worker per core (pytest-xdist); TEST_WORKERS=0 runs them in one process.
# pytest exits 5 when it collected nothing: that is a broken suite, not a pass.
TEST_WORKERS ?= auto
test: $(STAMP)
	@HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 $(BIN)/python -m pytest -q -n $(TEST_WORKERS) $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests" >&2; exit 1; fi; exit $$rc

# The quick loop: the suite without the tests marked slow (tests/README.md says which).
test-fast:
	@$(MAKE) --no-print-directory test PYTEST_ARGS='-m "not slow" $(PYTEST_ARGS)'

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(INDEX) .pytest_cache
