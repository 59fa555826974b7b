"""A small OpenAI-compatible chat-completions server on 127.0.0.1, with failure modes.

Real HTTP (stdlib ThreadingHTTPServer in a thread), so the client, retries, timeouts and
the breaker are tested end to end. Modes:

    good           answers from an oracle (segment text -> corrected text, verse id)
    down           nothing listens on the port
    500            every call answers HTTP 500
    hang           never answers (until the server stops)
    slow           answers like good after `delay_s`
    malformed      HTTP 200 whose message content is not JSON
    429            the first `limited_calls` calls get 429 with Retry-After, then good
    flaky          every other call (the 1st, 3rd, ...) gets HTTP 503, the rest good
    hallucinating  every suggestion is wrong in one of several ways validation must catch
    varying        answers change on every call: odd calls mark each flagged word's first
                   "a" long (a plausible fix validation accepts), even calls change nothing
    linebreaks     hostile: each flagged word comes back split by a line or paragraph break
                   ("\n\n", "\r\n\r\n", U+2028, "\n" in turn), which would split the cue
"""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal

Mode = Literal[
    "good",
    "down",
    "500",
    "hang",
    "slow",
    "malformed",
    "429",
    "flaky",
    "hallucinating",
    "varying",
    "linebreaks",
]
BREAKS = ("\n\n", "\r\n\r\n", "\u2028", "\n")


@dataclass(frozen=True, slots=True)
class Oracle:
    """The right answer for one hard segment: its corrected text and verse id (if any)."""

    text: str
    verse: str | None = None


@dataclass
class FakeState:
    mode: Mode
    oracle: Mapping[str, Oracle]
    delay_s: float = 0.0
    retry_after: str = "1"
    limited_calls: int = 1
    requests: list[dict[str, object]] = field(default_factory=list)
    authorizations: list[str | None] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    stopping: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)


def _hallucinate(segment: dict[str, object]) -> dict[str, object]:
    """A wrong suggestion; which kind depends on the segment id, so every kind appears."""
    text = str(segment["text"])
    raw = segment.get("flagged")
    flagged = [str(word) for word in raw] if isinstance(raw, list) else []
    first = flagged[0] if flagged else text.split()[0]
    segment_id = int(str(segment["id"]))
    words = text.split()
    kind = segment_id % 5
    if kind == 0:  # rewrites an English word nobody flagged
        unflagged = next((i for i, w in enumerate(words) if w not in flagged), 0)
        words[unflagged] = "ātmā"
        return {"id": segment_id, "text": " ".join(words), "verse": None}
    if kind == 1:  # invents a verse
        return {"id": segment_id, "text": text.replace(first, "satyam"), "verse": "BG 19.99"}
    if kind == 2:  # names a real verse but writes a word that is not in it
        near_miss = first.replace("a", "ā", 1) + "ḥ"
        return {"id": segment_id, "text": text.replace(first, near_miss), "verse": "BG 2.47"}
    if kind == 3:  # not IAST
        return {"id": segment_id, "text": text.replace(first, "ध्यान42"), "verse": None}
    # rewrites far more than a spelling fix
    return {"id": segment_id, "text": text.replace(first, "brahmasūtrabhāṣyam"), "verse": None}


def _vary(segment: dict[str, object], number: int) -> dict[str, object]:
    """Call `number`'s answer for a segment: odd calls lengthen an "a" in each flagged word."""
    text = str(segment["text"])
    raw = segment.get("flagged")
    if number % 2 == 1 and isinstance(raw, list):
        for word in raw:
            text = text.replace(str(word), str(word).replace("a", "ā", 1), 1)
    return {"id": segment["id"], "text": text, "verse": None}


def _break_words(segment: dict[str, object]) -> dict[str, object]:
    """Each flagged word split in two by a line break: a cue would become two."""
    text = str(segment["text"])
    raw = segment.get("flagged")
    for index, word in enumerate(raw if isinstance(raw, list) else []):
        word = str(word)
        text = text.replace(word, word[:2] + BREAKS[index % len(BREAKS)] + word[2:], 1)
    return {"id": segment["id"], "text": text, "verse": None}


def _answer(state: FakeState, body: dict[str, object], number: int) -> dict[str, object]:
    messages = body["messages"]
    assert isinstance(messages, list)
    batch = json.loads(messages[-1]["content"])
    corrections = []
    for segment in batch["segments"]:
        if state.mode == "varying":
            corrections.append(_vary(segment, number))
            continue
        if state.mode == "linebreaks":
            corrections.append(_break_words(segment))
            continue
        if state.mode == "hallucinating":
            corrections.append(_hallucinate(segment))
            continue
        known = state.oracle.get(segment["text"])
        if known is not None:
            corrections.append({"id": segment["id"], "text": known.text, "verse": known.verse})
        else:
            corrections.append({"id": segment["id"], "text": segment["text"], "verse": None})
    return {"corrections": corrections}


def _completion(content: str) -> bytes:
    body = {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}}],
    }
    return json.dumps(body, ensure_ascii=False).encode()


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the test output stays readable."""

    def _send(self, status: int, payload: bytes, headers: Mapping[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def do_POST(self) -> None:
        state = self.server.state
        length = int(self.headers.get("Content-Length", "0"))
        body = json.loads(self.rfile.read(length))
        with state.lock:
            state.requests.append(body)
            state.authorizations.append(self.headers.get("Authorization"))
            number = len(state.requests)
            state.in_flight += 1
            state.max_in_flight = max(state.max_in_flight, state.in_flight)
        try:
            self._respond(state, body, number)
        finally:
            with state.lock:
                state.in_flight -= 1

    def _respond(self, state: FakeState, body: dict[str, object], number: int) -> None:
        if self.path.rstrip("/") != "/v1/chat/completions":
            self._send(404, b'{"error": "not found"}')
        elif state.mode == "500":
            self._send(500, b'{"error": "internal"}')
        elif state.mode == "hang":
            state.stopping.wait(30)
        elif state.mode == "malformed":
            self._send(200, _completion('Sure! Here are the corrections: {"corrections": [{'))
        elif state.mode == "429" and number <= state.limited_calls:
            self._send(429, b'{"error": "slow down"}', {"Retry-After": state.retry_after})
        elif state.mode == "flaky" and number % 2 == 1:
            self._send(503, b'{"error": "busy"}')
        else:
            if state.mode == "slow":
                state.stopping.wait(state.delay_s)
            answer = json.dumps(_answer(state, body, number), ensure_ascii=False)
            self._send(200, _completion(answer))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: FakeState


def _closed_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@dataclass
class FakeOpenAI:
    """A running fake endpoint: `base_url` to point the client at, `state` to inspect."""

    base_url: str
    state: FakeState

    @property
    def calls(self) -> int:
        return len(self.state.requests)


@contextmanager
def fake_openai(
    mode: Mode,
    oracle: Mapping[str, Oracle] | None = None,
    *,
    delay_s: float = 0.0,
    retry_after: str = "1",
    limited_calls: int = 1,
) -> Iterator[FakeOpenAI]:
    """Serve the fake on a free loopback port for the duration of the block."""
    state = FakeState(
        mode=mode,
        oracle=oracle or {},
        delay_s=delay_s,
        retry_after=retry_after,
        limited_calls=limited_calls,
    )
    if mode == "down":
        yield FakeOpenAI(f"http://127.0.0.1:{_closed_port()}/v1", state)
        return
    server = _Server(("127.0.0.1", 0), _Handler)
    server.state = state
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.02}, name="fake-openai", daemon=True
    )
    thread.start()
    try:
        yield FakeOpenAI(f"http://127.0.0.1:{server.server_address[1]}/v1", state)
    finally:
        state.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
