# Two commands on a fresh machine:
#   make run    set everything up, index corpus/ and open the chat on http://127.0.0.1:7860
#   make test   set everything up and run the whole test suite
export HF_HUB_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export TOKENIZERS_PARALLELISM := false

.PHONY: setup run test bench

setup:
	@bash scripts/setup.sh

run: setup
	.venv/bin/rag serve

test: setup
	.venv/bin/python -m pytest

bench: setup
	.venv/bin/python scripts/bench.py
