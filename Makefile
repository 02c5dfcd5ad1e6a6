# Two commands on a fresh machine:
#   make run    set everything up, index corpus/ and open the chat on http://127.0.0.1:7860
#   make test   set everything up and run the whole test suite
export HF_HUB_OFFLINE := 1
export GRADIO_ANALYTICS_ENABLED := False
export TOKENIZERS_PARALLELISM := false

.PHONY: setup run test lint bench bench-scale eval-llm fuzz

setup:
	@bash scripts/setup.sh

run: setup
	.venv/bin/rag serve

test: setup lint
	.venv/bin/python -m pytest

lint: setup
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

bench: setup
	.venv/bin/python scripts/bench.py

# Try to break ingestion and the index (not in CI: a few minutes): loader fuzzing, the
# index-damage matrix, index locations; prints case | expected | observed (README: Reliability).
fuzz: setup
	.venv/bin/python scripts/fuzz.py

# The answer back ends side by side on the gold set: extractive, Qwen2.5-Coder 0.5B and 1.5B
# (installs the local-llm extra, ~1.6 GB, once; about an hour on 2 cores). Table: README.
LLM_RUNS := eval/runs/backend-extractive eval/runs/backend-qwen0.5b eval/runs/backend-qwen1.5b
eval-llm: setup
	@RAG_SETUP_LLM=1 bash scripts/setup.sh
	rm -rf $(LLM_RUNS)
	.venv/bin/rag eval --llm extractive --out eval/runs/backend-extractive
	.venv/bin/rag eval --llm local --model qwen2.5-coder-0.5b --out eval/runs/backend-qwen0.5b
	.venv/bin/rag eval --llm local --model qwen2.5-coder-1.5b --out eval/runs/backend-qwen1.5b
	.venv/bin/python -m eval.report $(LLM_RUNS)
	.venv/bin/python scripts/bench_llm.py

# Indexing and asking at 10k and 100k passages (real documents + the SQuAD needles); not in CI.
# Needs the haystack once: apt-get install python3.11-doc linux-doc-6.1. Table: README.
bench-scale: setup
	.venv/bin/python scripts/bench_scale.py
