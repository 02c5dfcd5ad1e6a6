"""The optional login (RAG_UI_AUTH="user:password"), throttled: Gradio checks a plain
user/password pair as fast as it is asked (200 wrong guesses took 1.9 s). Here every wrong guess
costs time, growing with consecutive failures, and guesses are checked one at a time, so
parallel requests do not multiply the rate."""

from __future__ import annotations

import asyncio
import hmac
import logging

log = logging.getLogger(__name__)


class LoginThrottle:
    """`check` is Gradio's `auth` callable: True for the right pair; a wrong one is answered only after
    `delay` seconds, doubling from the `free`-th consecutive failure on, up to `cap` seconds."""

    def __init__(self, user: str, password: str, delay: float = 1.0, free: int = 3, cap: float = 30.0):
        self._user = user.encode()
        self._password = password.encode()
        self.delay, self.free, self.cap = delay, free, cap
        self.failures = 0  # consecutive, across all clients (Gradio does not pass the address)
        self._lock = asyncio.Lock()

    def penalty(self, failures: int) -> float:
        """Seconds a wrong guess waits when it is the `failures`-th in a row."""
        return min(self.delay * 2 ** max(0, failures - self.free), self.cap)

    async def check(self, username: str, password: str) -> bool:
        # Both compared in constant time, and both always: no timing hint which one was wrong.
        right_user = hmac.compare_digest(username.encode(), self._user)
        right_password = hmac.compare_digest(password.encode(), self._password)
        if right_user and right_password:
            # At once, never behind the queue of wrong guesses: six clients guessing in a loop kept
            # the real user's right password waiting 138 s (every guess waited its turn, then up
            # to 30 s, under the lock).
            self.failures = 0
            return True
        async with self._lock:  # one wrong guess at a time: parallel guesses queue up behind each other
            self.failures += 1
            if self.failures in (self.free, 10, 100):
                log.warning("%d wrong logins in a row", self.failures)
            await asyncio.sleep(self.penalty(self.failures))
            return False
