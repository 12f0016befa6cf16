"""Smoke tests of examples/webhook/receiver.py: a real server on a free port, real HTTP requests."""

from __future__ import annotations

import http.client
import importlib.util
import json
import logging
import sys
import threading
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest
from conftest import REPO, shipped

RECEIVER = REPO / "examples" / "webhook" / "receiver.py"
SECRET = "test-secret-not-for-production"
LIMIT = 4096


@pytest.fixture(scope="module")
def receiver() -> ModuleType:
    """The example imported by path (examples/ is not a package)."""
    spec = importlib.util.spec_from_file_location("connectguard_example_webhook", RECEIVER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def port(receiver: ModuleType) -> Iterator[int]:
    """The receiver serving in a thread on a free port, with a small size limit."""
    server = receiver.make_server(0, SECRET, shipped(), max_body_bytes=LIMIT)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()
    thread.join(5)


def post(port: int, body: bytes, headers: dict[str, str] | None = None) -> tuple[int, dict[str, Any]]:
    """POST ``body`` to the receiver; (status, JSON answer)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("POST", "/webhook", body=body,
                           headers={"Content-Type": "application/json", **(headers or {})})
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


def signed(receiver: ModuleType, port: int, event: Any, secret: str = SECRET) -> tuple[int, dict[str, Any]]:
    body = event if isinstance(event, bytes) else json.dumps(event).encode("utf-8")
    return post(port, body, {receiver.SIGNATURE_HEADER: receiver.signature(secret.encode(), body)})


def created(**post_fields: Any) -> dict[str, Any]:
    return {"event": "post.created", "post": {"id": "forum-42", **post_fields}}


def test_a_signed_clean_post_is_published(receiver: ModuleType, port: int) -> None:
    status, answer = signed(receiver, port, created(title="Getting used to a CPAP mask",
                                                    body="Any tips from people who have been at this longer?",
                                                    created_at="2024-05-01T10:00:00Z"))  # forum-only keys ignored
    assert status == 200
    assert answer == {"id": "forum-42", "decision": "allow", "publish": True, "hold": False, "remove": False,
                      "member_messages": [], "moderator_notes": [], "violations": []}


def test_a_held_post_carries_messages_notes_and_masked_redaction(receiver: ModuleType, port: int,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO):
        status, answer = signed(receiver, port, created(
            title="Test results", body="My SSN is 078-05-1123 and you can call me at 507-555-0142."))
    assert status == 200
    assert answer["decision"] == "hold" and answer["hold"] is True
    assert answer["publish"] is False and answer["remove"] is False
    assert {"privacy.ssn", "privacy.phone"} <= {v["rule"] for v in answer["violations"]}
    assert answer["member_messages"] and answer["moderator_notes"]
    text = json.dumps(answer)
    assert "078-05-1123" not in text and "507-555-0142" not in text
    assert "[phone number removed]" in answer["redacted"]["body"]
    assert "078-05-1123" not in caplog.text and "My SSN" not in caplog.text
    assert "decision=hold" in caplog.text


def test_bad_or_missing_signature_is_401(receiver: ModuleType, port: int) -> None:
    assert signed(receiver, port, created(body="hello"), secret="wrong-secret")[0] == 401
    assert post(port, json.dumps(created(body="hello")).encode())[0] == 401
    body = json.dumps(created(body="hello")).encode()
    tampered = json.dumps(created(body="hello!")).encode()
    good_for_other_body = {receiver.SIGNATURE_HEADER: receiver.signature(SECRET.encode(), body)}
    assert post(port, tampered, good_for_other_body)[0] == 401


@pytest.mark.parametrize("body", [b"{not json", b"\xff\xfe", b"[1, 2]", b'{"post": {}}'])
def test_bad_json_is_400(receiver: ModuleType, port: int, body: bytes) -> None:
    status, answer = signed(receiver, port, body)
    assert status == 400 and answer["error"]


@pytest.mark.parametrize("post_fields", [{"title": "", "body": ""}, {"body": 12}, {"body": "x", "author": "bob"}])
def test_not_a_post_is_400(receiver: ModuleType, port: int, post_fields: dict[str, Any]) -> None:
    status, answer = signed(receiver, port, {"event": "post.created", "post": post_fields})
    assert status == 400 and answer["error"].startswith("not a post")
    status, answer = signed(receiver, port, {"event": "post.created", "post": "hello"})
    assert status == 400


def test_other_events_are_acknowledged_and_ignored(receiver: ModuleType, port: int) -> None:
    assert signed(receiver, port, {"event": "user.created", "user": {"id": 7}}) == (
        200, {"ignored": True, "event": "user.created"})
    assert signed(receiver, port, {"event": "post.deleted", "post": 4711})[0] == 200


def test_oversized_event_is_413(receiver: ModuleType, port: int) -> None:
    status, answer = signed(receiver, port, created(body="a" * LIMIT))
    assert status == 413 and str(LIMIT) in answer["error"]


def test_healthz_and_unknown_paths(port: int) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", "/healthz")
        response = connection.getresponse()
        assert (response.status, json.loads(response.read())) == (200, {"status": "ok", "rules": len(shipped().rules)})
        connection.close()
        connection.request("GET", "/admin")
        response = connection.getresponse()
        assert response.status == 404
        response.read()
    finally:
        connection.close()


def test_signature_is_hmac_sha256_of_the_raw_body(receiver: ModuleType) -> None:
    import hashlib
    import hmac

    body = b'{"event": "post.created"}'
    expected = "sha256=" + hmac.new(b"k", body, hashlib.sha256).hexdigest()
    assert receiver.signature(b"k", body) == expected
    assert receiver.signature_ok(b"k", body, expected) and not receiver.signature_ok(b"k", body, None)
    assert not receiver.signature_ok(b"k", body, "sha256=é")  # non-ASCII never raises
    with pytest.raises(ValueError):
        receiver.make_server(0, "", shipped())
