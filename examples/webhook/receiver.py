"""A webhook receiver that moderates an existing forum's new posts with connectguard.

The forum POSTs a signed "post created" event; the receiver checks the post and
answers with the moderation outcome: the decision, whether to hold or remove the
post, the member messages, the moderator notes and the redacted text. Standard
library only (plus connectguard)::

    CONNECTGUARD_WEBHOOK_SECRET=... python examples/webhook/receiver.py --port 8080

See README.md next to this file and docs/integrations.md.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import logging
import os
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from connectguard import Action, Guard, InvalidPostError, Report
from connectguard.post import POST_KEYS

#: The header carrying ``sha256=<hex HMAC-SHA256 of the raw request body>``.
SIGNATURE_HEADER = "X-Forum-Signature"
SECRET_ENV = "CONNECTGUARD_WEBHOOK_SECRET"
#: Largest event accepted, in bytes.
MAX_BODY_BYTES = 256 * 1024
#: Past this, a too-large body is not even drained before answering 413.
DRAIN_LIMIT = 4 * 1024 * 1024
#: The event types that carry a post to check; other events are acknowledged and ignored.
POST_EVENTS = frozenset({"post.created", "post.edited"})

log = logging.getLogger("connectguard.examples.webhook")


class BadEvent(ValueError):
    """The request is signed but is not a post event connectguard can check (answered 400)."""


# -- the event and the outcome ----------------------------------------------------------

def signature(secret: bytes, body: bytes) -> str:
    """The header value the forum sends for ``body``: ``sha256=`` + hex HMAC-SHA256."""
    return "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()


def signature_ok(secret: bytes, body: bytes, header: str | None) -> bool:
    """Whether ``header`` signs ``body``, compared in constant time."""
    if not header:
        return False
    expected = signature(secret, body).encode("ascii")
    return hmac.compare_digest(expected, header.strip().encode("utf-8", "replace"))


def parse_event(body: bytes) -> tuple[str, dict[str, Any]]:
    """``(event type, post record)`` from ``{"event": "post.created", "post": {...}}``.

    Adapt this function to your forum's payload. Keys of the post other than
    connectguard's (id, title, body, author, context) are ignored.
    """
    try:
        event = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadEvent(f"the body is not valid JSON ({type(exc).__name__})") from None
    if not isinstance(event, dict) or not isinstance(event.get("event"), str):
        raise BadEvent("expected a JSON object with an 'event' string")
    if event["event"] not in POST_EVENTS:
        return event["event"], {}
    post = event.get("post")
    if not isinstance(post, dict):
        raise BadEvent("a post event needs a 'post' object")
    return event["event"], {k: v for k, v in post.items() if k in POST_KEYS}


def moderation_outcome(report: Report) -> dict[str, Any]:
    """What the forum should do, with personal data masked (the JSON contract's masking)."""
    record = report.to_dict()
    enforced = [v for v in record["violations"] if v["mode"] == "enforce"]
    outcome: dict[str, Any] = {
        "id": record["id"],
        "decision": record["decision"],
        "publish": report.decision < Action.HOLD,   # for `edit`, publish `redacted`
        "hold": report.decision is Action.HOLD,     # wait for a moderator's approval
        "remove": report.decision is Action.REMOVE,
        "member_messages": _unique(v["message"] for v in enforced),
        "moderator_notes": _unique(v["note"] for v in enforced),
        "violations": record["violations"],
    }
    if "redacted" in record:
        outcome["redacted"] = record["redacted"]
    return outcome


def _unique(texts: Any) -> list[str]:
    """Non-empty texts in order, each once (a rule matching twice says the same thing)."""
    seen: list[str] = []
    for text in texts:
        if text and text not in seen:
            seen.append(text)
    return seen


# -- HTTP -------------------------------------------------------------------------------

class WebhookServer(ThreadingHTTPServer):
    """A threading HTTP server holding the shared secret and the one Guard every request uses."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], secret: bytes, guard: Guard,
                 max_body_bytes: int = MAX_BODY_BYTES) -> None:
        super().__init__(address, WebhookHandler)
        self.secret = secret
        self.guard = guard
        self.max_body_bytes = max_body_bytes


class WebhookHandler(BaseHTTPRequestHandler):
    """``POST /`` (any path) receives events; ``GET /healthz`` answers ok."""

    server: WebhookServer
    timeout = 15  # seconds a slow client may take: a stalled request never holds a thread forever
    server_version = "connectguard-webhook/1"

    def do_POST(self) -> None:
        length = self._content_length()
        if length is None:
            self._send(HTTPStatus.LENGTH_REQUIRED, {"error": "a Content-Length header is required"})
            return
        if length > self.server.max_body_bytes:
            self._drain(length)
            self._send(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                       {"error": f"the event is larger than {self.server.max_body_bytes} bytes"})
            return
        try:
            body = self.rfile.read(length)
        except TimeoutError:
            self._send(HTTPStatus.REQUEST_TIMEOUT, {"error": "the event took too long to arrive"})
            return
        if len(body) < length:
            self._send(HTTPStatus.BAD_REQUEST, {"error": "the body is shorter than its Content-Length"})
            return
        if not signature_ok(self.server.secret, body, self.headers.get(SIGNATURE_HEADER)):
            self._send(HTTPStatus.UNAUTHORIZED, {"error": f"missing or wrong {SIGNATURE_HEADER} signature"})
            return
        try:
            status, payload = HTTPStatus.OK, self._handle(body)
        except BadEvent as exc:
            status, payload = HTTPStatus.BAD_REQUEST, {"error": str(exc)}
        except Exception as exc:  # noqa: BLE001 -- never a traceback or a quote of the post in the answer or the log
            log.error("unexpected %s while checking an event", type(exc).__name__)
            status, payload = HTTPStatus.INTERNAL_SERVER_ERROR, {"error": "internal error"}
        self._send(status, payload)

    def do_GET(self) -> None:
        if self.path.split("?", 1)[0] == "/healthz":
            self._send(HTTPStatus.OK, {"status": "ok", "rules": len(self.server.guard.rules)})
        else:
            self._send(HTTPStatus.NOT_FOUND, {"error": "not found"})

    def _handle(self, body: bytes) -> dict[str, Any]:
        """Check the event's post; raises BadEvent for anything that is not a checkable post."""
        kind, record = parse_event(body)
        if kind not in POST_EVENTS:
            return {"ignored": True, "event": kind}
        try:
            report = self.server.guard.check(record)
        except InvalidPostError as exc:
            raise BadEvent(f"not a post: {exc}") from None
        # The outcome only: never the title, body or matched text (personal data).
        log.info("checked post %s: decision=%s rules=%s", report.id, report.decision.value,
                 sorted({v.rule for v in report.violations}))
        return moderation_outcome(report)

    def _content_length(self) -> int | None:
        value = self.headers.get("Content-Length")
        if value is None or "Transfer-Encoding" in self.headers:
            return None
        try:
            length = int(value)
        except ValueError:
            return None
        return length if length >= 0 else None

    def _drain(self, length: int) -> None:
        """Read and drop a rejected body, so the client reads our 413 instead of a reset connection."""
        if length > DRAIN_LIMIT:
            return
        while length > 0:
            chunk = self.rfile.read(min(length, 64 * 1024))
            if not chunk:
                return
            length -= len(chunk)

    def _send(self, status: HTTPStatus, payload: dict[str, Any]) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        """Request lines go to logging (method, path, status: no body, no headers)."""
        log.info("%s - %s", self.address_string(), format % args)


def make_server(port: int, secret: str | bytes, guard: Guard, *, host: str = "127.0.0.1",
                max_body_bytes: int = MAX_BODY_BYTES) -> WebhookServer:
    """A ready server on ``host:port`` (port 0: any free port, see ``server.server_address``)."""
    key = secret.encode("utf-8") if isinstance(secret, str) else secret
    if not key:
        raise ValueError("the webhook secret must not be empty")
    return WebhookServer((host, port), key, guard, max_body_bytes)


def main(argv: list[str] | None = None) -> None:
    """Serve until interrupted; the secret comes from the environment, never the command line."""
    parser = argparse.ArgumentParser(description="connectguard webhook receiver")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, help="port to listen on (default 8080)")
    args = parser.parse_args(argv)
    secret = os.environ.get(SECRET_ENV, "")
    if not secret:
        parser.error(f"set {SECRET_ENV} to the secret shared with the forum")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    server = make_server(args.port, secret, Guard.default(), host=args.host)
    log.info("listening on http://%s:%d", *server.server_address[:2])
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
