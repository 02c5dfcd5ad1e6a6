"""Loading a large index without Python's cyclic garbage collector running through it.

Opening, updating and loading an index of 100,000 passages makes millions of small objects
(offset pairs, passages, word lists). The collector runs a full collection each time the
long-lived objects grow by a quarter, and each full collection visits all of them: a one-file
`rag index` at 100,852 passages spent 0.85 s of its 5.2 s there (measured by disabling it).
What loading makes holds no reference cycles that need the collector (reference counting frees
it), so collection pauses while it runs and resumes after. Nothing is frozen here (gc.freeze):
the query path does hold cycles, and frozen, every reload of a server kept the one before it
alive (a test checks that a reload frees it); `rag index`, a short-lived process, freezes what
it loaded itself (rag/cli.py).
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def paused_gc(load: Callable[P, R]) -> Callable[P, R]:
    """`load` runs with cyclic collection paused. Nested and concurrent calls are safe: only the
    call that paused it resumes it, so it is never left off."""

    @functools.wraps(load)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        was_on = gc.isenabled()
        gc.disable()
        try:
            return load(*args, **kwargs)
        finally:
            if was_on:
                gc.enable()

    return run
