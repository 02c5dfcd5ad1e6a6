"""Two guards in front of every route, as ASGI middleware beside the Host check (ui/hosts.py).

- **Same origin for writes.** A page on any other site could post files to the chat's upload
  route: a form post needs no CORS preflight, its Host is the chat's own (127.0.0.1:7860), and
  nothing looked at `Origin`. Five files of 4 MB from a page on another port stayed in Gradio's
  temp folder for an hour each (found by a helper of session 34). A request that changes
  something (POST, PUT, PATCH, DELETE) and says it comes from a page (an `Origin` header) is
  refused unless that page is the chat itself: the origin's host and port are the request's Host,
  or its name is one the chat is reached by through a proxy (RAG_UI_ALLOWED_HOSTS). Scripts and
  command-line clients send no `Origin` and are not affected.
- **Bounded bodies.** A question of 100 MB was read whole, parsed, echoed into the chat and sent
  back (1 GB of the server's memory, 2.2 GB for three at once): the question's length was
  checked only after. Apart from the upload route (bounded by Gradio's `max_file_size`) a
  request body may hold at most `limit` bytes: 413 when it says it is longer, and an ended
  request when it turns out to be.
- **An upload budget per client.** Gradio's upload route stores up to 1,000 files of twice
  `max_file_mb` per request in its temp folder, kept an hour when no upload event takes them, with
  no bound per client: one script could fill the server's disk (found by a helper of session 59).
  One client (one address, as the queue's bound counts them) may send at most `budget` bytes to
  the route in any `window` seconds (the hour the upload folder keeps files) and have at most
  `at_once` uploads being received; an upload that would leave the disk under `reserve` bytes
  free is refused too. 429 with the reason; an upload sent with no length is let go once over.
"""

from __future__ import annotations

import os
import shutil
import time
from collections import deque
from urllib.parse import urlsplit

from ui.hosts import host_name

_WRITES = {"POST", "PUT", "PATCH", "DELETE"}


async def _refuse(send, status: int, text: str) -> None:
    body = text.encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _header(scope, name: bytes) -> str | None:
    return next((v.decode("latin-1") for k, v in scope["headers"] if k == name), None)


def same_origin(origin: str | None, host: str | None, proxied: frozenset[str]) -> bool:
    """May a write with this `Origin` header reach the chat reached as `host`? No Origin: not a
    page's request. `proxied`: names the chat is reached by through a proxy (whose Host it may
    not see)."""
    if origin is None:
        return True
    parts = urlsplit(origin.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return False  # "null" (a sandboxed page, a file://), or no origin at all
    try:
        port = parts.port
    except ValueError:
        return False
    default = 443 if parts.scheme == "https" else 80
    name = parts.hostname.lower().rstrip(".")
    if host is not None and (name, port or default) == _name_and_port(host.strip().lower(), default):
        return True
    return name in proxied


def _name_and_port(host: str, default: int) -> tuple[str, int]:
    """A Host header's name and port: "[::1]:7860" -> ("::1", 7860), "example.org" -> (…, default)."""
    after = host[host.find("]") + 1 :] if host.startswith("[") else host if host.count(":") == 1 else ""
    port = after.rsplit(":", 1)[1] if ":" in after else ""
    return host_name(host).rstrip("."), int(port) if port.isdigit() else default


class SameOrigin:
    """ASGI middleware: 403 for a write from another site's page (see the module's docstring)."""

    def __init__(self, app, proxied: frozenset[str] = frozenset()):
        self.app = app
        self.proxied = proxied

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope.get("method") in _WRITES:
            if not same_origin(_header(scope, b"origin"), _header(scope, b"host"), self.proxied):
                await _refuse(send, 403, "Requests from another site's page are refused: open the chat itself.\n")
                return
        await self.app(scope, receive, send)


class BodyLimit:
    """ASGI middleware: at most `limit` bytes of body for any request but an upload's."""

    def __init__(self, app, limit: int, unbounded_suffix: str = "/upload"):
        self.app = app
        self.limit = limit
        self.unbounded_suffix = unbounded_suffix

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("path", "").rstrip("/").endswith(self.unbounded_suffix):
            await self.app(scope, receive, send)
            return
        length = _header(scope, b"content-length")
        if length is not None and length.strip().isdigit() and int(length) > self.limit:
            await _refuse(send, 413, f"The request is larger than this chat takes ({self.limit:,} bytes).\n")
            return
        seen = 0

        async def bounded():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:  # sent in chunks, with no length said: the client is let go
                    return {"type": "http.disconnect"}
            return message

        await self.app(scope, bounded, send)


class UploadBudget:
    """ASGI middleware: what one client may send to the upload route (see the module's docstring)."""

    def __init__(
        self,
        app,
        budget: int,
        window: float,
        folder: str,
        at_once: int = 2,
        reserve: int = 512 * 2**20,
        suffix: str = "/upload",
        clock=time.monotonic,
    ):
        self.app, self.budget, self.window, self.folder = app, budget, window, folder
        self.at_once, self.reserve, self.suffix, self.clock = at_once, reserve, suffix, clock
        self.sent: dict[str, deque[list]] = {}  # client -> [[when, bytes], ...] within the window
        self.receiving: dict[str, int] = {}

    def used(self, client: str, now: float) -> int:
        """Bytes `client` sent to the upload route in the last `window` seconds."""
        sent = self.sent.get(client)
        while sent and sent[0][0] < now - self.window:
            sent.popleft()
        if sent is not None and not sent and not self.receiving.get(client):
            del self.sent[client]  # forget clients gone quiet: the table stays as small as the traffic
        return sum(n for _, n in sent or ())

    def refusal(self, client: str, length: int | None, used: int) -> str | None:
        if self.receiving.get(client, 0) >= self.at_once:
            return f"{self.at_once} uploads from {client} are being received: send more when they are done.\n"
        if used + (length or 0) > self.budget:
            return (
                f"{client} has sent {used / 1e6:,.1f} MB of uploads in the last {self.window / 60:.0f} minutes; "
                f"the chat takes at most {self.budget / 1e6:,.1f} MB from one client in that time. "
                "Add large folders on the server with `rag index`.\n"
            )
        free = shutil.disk_usage(self.folder).free if os.path.isdir(self.folder) else None
        if free is not None and free - (length or 0) < self.reserve:
            return "The server is short of disk space for uploads: ask its administrator.\n"
        return None

    async def __call__(self, scope, receive, send):
        path = scope.get("path", "").rstrip("/")
        if scope["type"] != "http" or scope.get("method") != "POST" or not path.endswith(self.suffix):
            await self.app(scope, receive, send)
            return
        client = (scope.get("client") or ("unknown",))[0]
        now = self.clock()
        for other in [c for c in self.sent if c != client]:
            self.used(other, now)  # forgets the clients whose uploads have all left the window
        used = self.used(client, now)
        length = _header(scope, b"content-length")
        refused = self.refusal(client, int(length) if length and length.strip().isdigit() else None, used)
        if refused:
            await _refuse(send, 429, refused)
            return
        record = [now, 0]
        self.sent.setdefault(client, deque()).append(record)
        self.receiving[client] = self.receiving.get(client, 0) + 1

        async def counted():
            message = await receive()
            if message["type"] == "http.request":
                record[1] += len(message.get("body", b""))
                if used + record[1] > self.budget:  # sent with no length said: the client is let go
                    return {"type": "http.disconnect"}
            return message

        try:
            await self.app(scope, counted, send)
        finally:
            self.receiving[client] -= 1
            if not self.receiving[client]:
                del self.receiving[client]


def body_limit(max_question_chars: int) -> int:
    """The largest body a request but an upload needs: a question of the longest length allowed,
    every character escaped in JSON ("\\uXXXX", 6 bytes), with the rest of an event's data."""
    return 6 * max_question_chars + 64_000
