"""What a helper of session 34 found by trying to break the web chat over HTTP, each tested on the
real app in this process (`ui.app.launch` on a free loopback port) over a corpus of its own:
Gradio's direct routes ran events past the queue, a page on another site could post files,
request bodies had no bound, and the upload event fetched a link given as a file's path."""

from __future__ import annotations

import http.client
import http.server
import json
import threading
import uuid

import pytest

from tests.helpers import assistant_over, free_port

pytestmark = pytest.mark.integration

NOTE = "The harbour master of Tollmouth is Ines Varga. The ferry leaves at noon.\n"


class App:
    def __init__(self, root, **settings):
        from ui import app as ui_app

        self.assistant = assistant_over(root, {"harbour.txt": NOTE}, **settings)
        self.port = free_port()
        self.demo = ui_app.launch(self.assistant, port=self.port, prevent_thread_lock=True, quiet=True)
        self.fn = {fn.name: i for i, fn in self.demo.fns.items()}

    def post(self, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            c.request("POST", path, body, headers)
            r = c.getresponse()
            return r.status, r.read().decode("utf-8", "replace")
        finally:
            c.close()

    def event(self, name: str, data: list) -> dict:
        """Run event `name` through the queue, as the page does: its final message."""
        session = uuid.uuid4().hex
        body = {
            "data": data,
            "fn_index": self.fn[name],
            "session_hash": session,
            "event_data": None,
            "trigger_id": None,
        }
        status, text = self.post(
            "/gradio_api/queue/join", json.dumps(body).encode(), {"Content-Type": "application/json"}
        )
        assert status == 200, text
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            c.request("GET", f"/gradio_api/queue/data?session_hash={session}")
            for line in c.getresponse():
                if line.startswith(b"data:") and (m := json.loads(line[5:])).get("msg") == "process_completed":
                    return m
        finally:
            c.close()
        raise AssertionError("the event never completed")


@pytest.fixture
def app(tmp_path):
    app = App(tmp_path)
    try:
        yield app
    finally:
        app.demo.close()


def test_direct_routes_do_not_run_events_past_the_queue(app):
    """/gradio_api/api/<event> ran uploads and removals with none of the queue's bounds (30
    uploads at once all ran; through the queue 6), and a removal with no confirmation."""
    for name in ("on_ask", "on_upload"):
        status, text = app.post(f"/gradio_api/api/{name}", b'{"data": []}', {"Content-Type": "application/json"})
        assert status == 404 and "does not accept direct HTTP POST requests" in text
    assert [d.source for d in app.assistant.documents()] == ["harbour.txt"]


def test_a_write_from_another_sites_page_is_refused(app):
    """A form post needs no CORS preflight: a page on another port stored files in Gradio's temp
    folder through the chat. Its own page, and clients that are no page (no Origin), still may."""
    form = b'--b\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\nhello\r\n--b--\r\n'
    headers = {"Content-Type": "multipart/form-data; boundary=b"}
    for origin in (
        f"http://127.0.0.1:{free_port()}",
        f"http://localhost:{app.port + 1}",
        "null",
        "http://evil.example",
    ):
        status, text = app.post("/gradio_api/upload", form, {**headers, "Origin": origin})
        assert status == 403 and "another site's page" in text, origin
    for own in ({"Origin": f"http://127.0.0.1:{app.port}"}, {}):
        status, text = app.post("/gradio_api/upload", form, {**headers, **own})
        assert status == 200 and text.startswith("["), (own, text)


def test_a_body_over_the_bound_is_not_read(app):
    """A question of 100 MB was read, parsed and echoed back whole (1 GB of the server's memory)."""
    from ui.guards import body_limit

    limit = body_limit(app.assistant.settings.max_question_chars)
    big = json.dumps({"data": ["x" * (limit + 10)], "fn_index": app.fn["on_ask"], "session_hash": "s"}).encode()
    status, text = app.post("/gradio_api/queue/join", big, {"Content-Type": "application/json"})
    assert status == 413 and f"{limit:,} bytes" in text
    # Sent in chunks with no length said, it is cut off once over the bound: never taken.
    c = http.client.HTTPConnection("127.0.0.1", app.port, timeout=30)
    try:
        c.request(
            "POST", "/gradio_api/queue/join", iter([big[:limit], big[limit:]]), {"Content-Type": "application/json"}
        )
        assert c.getresponse().status != 200
    except (ConnectionError, http.client.HTTPException):
        pass  # the server let the connection go
    finally:
        c.close()
    # A question of the longest length allowed still goes through.
    fits = "Who is the harbour master of Tollmouth? " + "x" * 1900
    assert app.event("on_ask", [fits, None, 5, "extractive", None])["success"]


def test_the_upload_event_does_not_fetch_a_link(app, tmp_path, monkeypatch):
    """Given a URL as a file's path, Gradio fetched it (whole, in memory, past the upload limit)
    and the event indexed it: "Added secret.txt". A server on loopback stands in for a public one
    (Gradio refuses loopback addresses itself, so that check is opened for it here)."""
    import safehttpx

    fetched = []

    class Secret(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            fetched.append(self.path)
            body = b"The vault password is HUNTER2.\n"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Secret)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    real = safehttpx.async_validate_url

    async def loopback_as_public(hostname):
        return "127.0.0.1" if hostname == "127.0.0.1" else await real(hostname)

    monkeypatch.setattr(safehttpx, "async_validate_url", loopback_as_public)
    try:
        url = f"http://127.0.0.1:{server.server_port}/secret.txt"
        file = {"path": url, "orig_name": "secret.txt", "meta": {"_type": "gradio.FileData"}}
        done = app.event("on_upload", [[file], False])
    finally:
        server.shutdown()
    assert not done["success"] and "does not fetch links" in json.dumps(done)
    assert fetched == [] and [d.source for d in app.assistant.documents()] == ["harbour.txt"]


def test_a_path_never_uploaded_names_no_server_folder(app):
    """Gradio's own refusal of a file path that was never uploaded was shown to the page with the
    path made absolute: "Cannot move /srv/chat/relative.txt …" told a visitor the server's working
    folder. Refused still, in Gradio's word for it, naming nothing of the server."""
    import os

    for path in ("relative.txt", "../../etc/passwd", "/etc/passwd"):
        file = {"path": path, "orig_name": "notes.txt", "meta": {"_type": "gradio.FileData"}}
        done = app.event("on_upload", [[file], False])
        text = json.dumps(done)
        assert not done["success"], path
        assert os.getcwd() not in text and "/etc" not in text, text
    assert [d.source for d in app.assistant.documents()] == ["harbour.txt"]


def _form(files: int, size: int) -> bytes:
    parts = b"".join(
        b'--b\r\nContent-Disposition: form-data; name="files"; filename="f%d.txt"\r\n\r\n' % i + b"x" * size + b"\r\n"
        for i in range(files)
    )
    return parts + b"--b--\r\n"


def test_uploads_from_one_client_are_bounded(tmp_path):
    """Gradio's upload route stored up to 1,000 files per request for an hour, with no bound per
    client: one script could fill the server's disk. Here max_file_mb is 0.01, so one client may
    send 50 x 10 KB in the hour; another client (a proxy on this machine names it) still may."""
    from ui.app import UPLOAD_FILES_PER_CLIENT

    app = App(tmp_path, max_file_mb=0.01)
    budget = int(UPLOAD_FILES_PER_CLIENT * 0.01 * 1e6)
    headers = {"Content-Type": "multipart/form-data; boundary=b"}
    try:
        # Said to be over the budget: refused before a byte is read.
        status, text = app.post("/gradio_api/upload", _form(30, 19_000), headers)
        assert status == 429 and "at most 0.5 MB from one client" in text, text
        # Within it, requests are taken until the budget is spent.
        form = _form(5, 19_000)
        taken = 0
        for _ in range(budget // len(form)):
            status, text = app.post("/gradio_api/upload", form, headers)
            assert status == 200 and text.startswith("["), text
            taken += 1
        assert taken >= 4
        status, text = app.post("/gradio_api/upload", form, headers)
        assert status == 429 and "from one client" in text, text
        # Sent in chunks with no length said, it is not taken either.
        c = http.client.HTTPConnection("127.0.0.1", app.port, timeout=30)
        try:
            c.request("POST", "/gradio_api/upload", iter([form[:100], form[100:]]), headers)
            assert c.getresponse().status != 200
        except (ConnectionError, http.client.HTTPException):
            pass
        finally:
            c.close()
        # Another client is not held by this one's uploads.
        status, text = app.post("/gradio_api/upload", form, {**headers, "X-Forwarded-For": "192.0.2.7"})
        assert status == 200 and text.startswith("["), text
        # Questions are not uploads: the spent budget does not stop them.
        assert app.event("on_ask", ["Who is the harbour master of Tollmouth?", None, 5, "extractive", None])["success"]
    finally:
        app.demo.close()


def test_the_upload_budget_is_spent_per_window():
    """The bytes a client sent count for `window` seconds (the hour Gradio keeps uploads), then no more."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from ui.guards import UploadBudget

    now = [1000.0]
    seen = []

    async def app(scope, receive, send):
        while (m := await receive())["type"] == "http.request" and m.get("more_body"):
            pass
        seen.append(m["type"])
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    guard = UploadBudget(app, budget=1000, window=3600, folder="/nonexistent", clock=lambda: now[0])

    def post(size: int, client: str = "10.0.0.1") -> int:
        statuses = []

        async def receive():
            return {"type": "http.request", "body": b"x" * size, "more_body": False}

        async def send(message):
            if message["type"] == "http.response.start":
                statuses.append(message["status"])

        scope = {
            "type": "http",
            "method": "POST",
            "path": "/gradio_api/upload",
            "client": (client, 5),
            "headers": [(b"content-length", str(size).encode())],
        }
        # In a thread of its own: the browser tests leave an event loop running in this one.
        with ThreadPoolExecutor(1) as pool:
            pool.submit(asyncio.run, guard(scope, receive, send)).result()
        return statuses[0]

    assert [post(400), post(400), post(400)] == [200, 200, 429]
    now[0] += 1800
    assert post(300) == 429  # within the hour both 400s still count
    now[0] += 1801
    assert post(400) == 200 and guard.used("10.0.0.1", now[0]) == 400
    now[0] += 3601
    assert guard.used("10.0.0.1", now[0]) == 0 and guard.sent == {}
    # A client gone quiet is forgotten when another uploads: the table holds only recent senders.
    assert post(100) == 200 and list(guard.sent) == ["10.0.0.1"]
    now[0] += 3601
    assert post(100, "10.0.0.2") == 200 and list(guard.sent) == ["10.0.0.2"]
