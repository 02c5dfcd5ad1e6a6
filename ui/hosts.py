"""The names the web chat answers to: a guard against DNS rebinding.

A page on any web site the user opens can make its own name resolve to 127.0.0.1 and then call
the chat on loopback as "its" server: the browser sends `Host: attacker.example:7860`, the
same-origin rule no longer protects anything, and every endpoint — asking (reading the corpus),
uploading, removing documents — answered it (found by a helper of session 19). Rebinding needs
a *name*: a request for an IP address or for localhost cannot come from another site's page. So
the chat answers a Host that is an IP address, localhost, this machine's own name, the name
`rag serve --host` was given, or a name listed in RAG_UI_ALLOWED_HOSTS (comma-separated: the
name a reverse proxy or a LAN user reaches it by), and refuses any other
with 400 before Gradio sees the request. What Jupyter and Vite's dev server do for the same
reason; Starlette's TrustedHostMiddleware is not used because it reads "[::1]:7860" as "[".
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable


def allowed_host_names(bind_host: str, extra: str | Iterable[str] = ()) -> frozenset[str]:
    """Lower-case names (besides IP addresses, always allowed) the chat answers to; `extra` as
    RAG_UI_ALLOWED_HOSTS gives them ("chat.example.org, nas.local") or as a list."""
    return listed_names([*listed_names(extra), "localhost", bind_host, socket.gethostname(), socket.getfqdn()])


def listed_names(names: str | Iterable[str]) -> frozenset[str]:
    """Lower-case host names from a comma-separated list (RAG_UI_ALLOWED_HOSTS) or an iterable."""
    if isinstance(names, str):
        names = names.split(",")
    return frozenset(n.strip().lower().rstrip(".") for n in names if n and n.strip())


def host_name(header: str) -> str:
    """The name of a Host header without its port: "[::1]:7860" -> "::1", "Example.org:80" -> "example.org"."""
    h = header.strip().lower()
    if h.startswith("["):  # an IPv6 literal, bracketed with or without a port
        return h[1 : h.find("]")] if "]" in h else h
    return h.rsplit(":", 1)[0] if h.count(":") == 1 else h


def host_allowed(header: str | None, names: frozenset[str]) -> bool:
    """Whether a request with this Host header may reach the chat. No header (HTTP/1.0) is a
    client on this machine or a script, never a browser page, which always sends one."""
    if header is None:
        return True
    name = host_name(header).rstrip(".")
    try:
        ipaddress.ip_address(name.split("%", 1)[0])  # "fe80::1%eth0": a scoped address
        return True
    except ValueError:
        return name in names


class HostCheck:
    """ASGI middleware: 400 for an HTTP request, a closed socket for a WebSocket, when the Host
    header names the chat by a name it does not answer to."""

    def __init__(self, app, names: frozenset[str]):
        self.app = app
        self.names = names

    async def __call__(self, scope, receive, send):
        if scope["type"] in ("http", "websocket"):
            header = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"host"), None)
            if not host_allowed(header, self.names):
                if scope["type"] == "websocket":
                    await send({"type": "websocket.close", "code": 1008})
                    return
                port = (scope.get("server") or (None, "PORT"))[1]
                body = (
                    f"This chat does not answer to the name {host_name(header)!r}. Open it by its address "
                    f"(http://127.0.0.1:{port}/), or add the name to RAG_UI_ALLOWED_HOSTS (comma-separated).\n"
                ).encode()
                headers = [
                    (b"content-type", b"text/plain; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                ]
                await send({"type": "http.response.start", "status": 400, "headers": headers})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)
