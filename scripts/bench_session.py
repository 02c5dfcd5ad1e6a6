"""One long web session against the real app: bytes per streamed answer and server memory.

    .venv/bin/python scripts/bench_session.py [QUESTIONS]   # default 300, over corpus/ and .rag/index

Drives Gradio's queue over plain HTTP (server-sent events) as the browser does, one session
hash for every question, and prints every so often the largest message of an answer, the bytes
of the whole answer and the process's RSS (the server runs in this process). Issue 12 item 7.
"""

from __future__ import annotations

import os
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
QUESTIONS = ["How many migrants were in the caravan?", "Who is Marcelo Ebrard?", "What did Trump say about the wall?"]
REPORT_AT = {1, 10, 50, 100, 150, 200, 300, 500}


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb() -> int:
    return int(Path("/proc/self/status").read_text().split("VmRSS:")[1].split()[0]) // 1024


def main() -> None:
    import httpx

    from rag import Assistant
    from ui.app import build_app
    from ui.service import ChatService

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    assistant = Assistant(corpus_dir=ROOT / "corpus", index_dir=ROOT / ".rag" / "index")
    demo = build_app(ChatService(assistant, stream_delay=0))
    demo.queue()
    _, url, _ = demo.launch(prevent_thread_lock=True, server_port=free_port(), quiet=True)
    config = httpx.get(url + "config").json()
    ask = next(d["id"] for d in config["dependencies"] if any(t[1] == "submit" for t in d["targets"]))
    session = uuid.uuid4().hex[:10]
    with httpx.Client(timeout=60) as client:
        for i in range(1, n + 1):
            t0 = time.perf_counter()
            client.post(
                url + "gradio_api/queue/join",
                json={
                    "data": [QUESTIONS[i % 3], None, 5, "extractive"],
                    "fn_index": ask,
                    "session_hash": session,
                    "event_data": None,
                    "trigger_id": None,
                },
            )
            sizes = []
            with client.stream("GET", url + f"gradio_api/queue/data?session_hash={session}") as events:
                for line in events.iter_lines():
                    if line.startswith("data:"):
                        sizes.append(len(line))
                        if '"process_completed"' in line:
                            break
            if i in REPORT_AT or i == n:
                print(
                    f"question {i}: {len(sizes)} messages, largest {max(sizes) / 1e3:.1f} kB, "
                    f"answer {sum(sizes) / 1e3:.1f} kB, {time.perf_counter() - t0:.2f} s, RSS {rss_mb()} MB",
                    flush=True,
                )
    os._exit(0)  # the Gradio server threads do not stop on their own


if __name__ == "__main__":
    main()
