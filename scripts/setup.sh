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
  rm -f .venv/.setup-*
  touch "$stamp"
fi
