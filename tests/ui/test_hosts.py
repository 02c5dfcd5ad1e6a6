"""The chat answers only to its own names (ui/hosts.py): a web page that rebinds its name to
127.0.0.1 could ask, upload and remove documents through every endpoint (session 19)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from ui.hosts import allowed_host_names, host_allowed, host_name


@pytest.mark.unit
@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("127.0.0.1:7860", "127.0.0.1"),
        ("[::1]:7860", "::1"),
        ("[::1]", "::1"),
        ("Example.ORG:80", "example.org"),
        ("localhost", "localhost"),
    ],
)
def test_the_name_of_a_host_header_leaves_its_port(header, name):
    assert host_name(header) == name


@pytest.mark.unit
def test_addresses_localhost_and_listed_names_are_answered_other_names_not():
    names = allowed_host_names("127.0.0.1", "chat.example.org, nas.local")
    for ok in [
        "127.0.0.1:7860",
        "[::1]:7860",
        "10.0.0.5",
        "[fe80::1%25eth0]:80",
        "localhost:7860",
        "LOCALHOST",
        "chat.example.org",
        "NAS.local.:7860",
        None,
    ]:
        assert host_allowed(ok, names), ok
    for bad in [
        "attacker.example:7860",
        "localhost.attacker.example",
        "127.0.0.1.attacker.example",
        "chat.example.org.evil",
        "",
    ]:
        assert not host_allowed(bad, names), bad


def _post(url: str, host: str, data: dict) -> tuple[int, str]:
    req = urllib.request.Request(url, json.dumps(data).encode(), {"Host": host, "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


@pytest.mark.browser
def test_a_request_by_a_rebound_name_is_refused_before_it_reaches_the_chat(server):
    port = server.port
    ask = {
        "data": [
            "How many migrants were in the caravan that Trump attacked Mexico over?",
            None,
            5,
            "extractive",
            "evidence",
        ]
    }
    status, body = _post(f"{server.url}gradio_api/call/on_ask", f"attacker.example:{port}", ask)
    assert status == 400
    assert "does not answer to the name 'attacker.example'" in body and f"http://127.0.0.1:{port}/" in body
    status, _ = _post(f"{server.url}gradio_api/upload", f"attacker.example:{port}", {})
    assert status == 400
    # The same call by the chat's own names reaches it (a queued event's id comes back).
    for host in (f"127.0.0.1:{port}", f"localhost:{port}"):
        status, body = _post(f"{server.url}gradio_api/call/on_ask", host, ask)
        assert status == 200 and "event_id" in body, (host, status, body)


@pytest.mark.browser
def test_gradios_traffic_monitoring_is_off(server):
    """/monitoring/summary listed every handler's name and how often it ran, to anyone."""
    host = f"127.0.0.1:{server.port}"
    for route in ("monitoring", "monitoring/summary", "gradio_api/monitoring/summary"):
        request = urllib.request.Request(f"{server.url}{route}", headers={"Host": host})
        try:
            with urllib.request.urlopen(request, timeout=30) as r:
                status, body = r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            status, body = e.code, e.read().decode()
        assert status in (403, 404) and "on_ask" not in body, (route, status, body[:200])
