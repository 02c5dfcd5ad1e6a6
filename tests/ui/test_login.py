"""Login throttling (ui/login.py): wrong guesses cost growing time, one at a time."""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from ui.login import LoginThrottle

pytestmark = pytest.mark.unit


def run(coro):
    """asyncio.run in a thread of its own: other tests (Playwright's sync API) may leave an event
    loop running in this one."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def test_penalty_doubles_after_the_free_failures_up_to_the_cap():
    t = LoginThrottle("alice", "s3cret", delay=1.0, free=3, cap=30.0)
    assert [t.penalty(n) for n in range(1, 10)] == [1, 1, 1, 2, 4, 8, 16, 30, 30]


def test_parallel_wrong_guesses_are_serialised_and_slowed_and_the_right_pair_still_works():
    t = LoginThrottle("alice", "s3cret", delay=0.05, free=2, cap=0.2)

    async def attack():
        t0 = time.perf_counter()
        results = await asyncio.gather(*(t.check("alice", f"guess{n}") for n in range(8)))
        return results, time.perf_counter() - t0

    results, seconds = run(attack())
    assert results == [False] * 8
    expected = sum(t.penalty(n) for n in range(1, 9))  # 0.05 + 0.05 + 0.1 + 0.2 * 5 = 1.2 s
    assert seconds >= expected * 0.95  # in parallel, yet no faster than one after another
    assert t.failures == 8
    assert run(t.check("alice", "s3cret")) is True
    assert t.failures == 0
    assert run(t.check("bob", "s3cret")) is False


def test_the_right_pair_is_not_kept_waiting_behind_wrong_guesses():
    """Six clients guessing in a loop kept the real user's right password waiting 138 s."""
    t = LoginThrottle("alice", "s3cret", delay=1.0, free=0, cap=30.0)

    async def attacked():
        guesses = [asyncio.create_task(t.check("alice", f"guess{n}")) for n in range(6)]
        await asyncio.sleep(0.1)  # the guesses are queued and waiting
        t0 = time.perf_counter()
        right = await t.check("alice", "s3cret")
        waited = time.perf_counter() - t0
        for g in guesses:
            g.cancel()
        return right, waited

    right, waited = run(attacked())
    assert right is True and waited < 0.5


def test_the_app_hands_gradio_a_check_it_awaits():
    import inspect

    from ui.app import _login

    assert _login(None) is None
    # Gradio awaits auth only when inspect says it is a coroutine function; otherwise it takes
    # the (truthy) coroutine object itself as a successful login.
    assert inspect.iscoroutinefunction(_login(("alice", "s3cret")))
