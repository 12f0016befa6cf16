"""Smoke tests of examples/fastapi_app/app.py: the pre-submit check a forum's editor calls."""

from __future__ import annotations

import importlib.util
import logging
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

with warnings.catch_warnings():  # newer Starlette prefers httpx2; httpx is what the extras install
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

from conftest import REPO, shipped

APP = REPO / "examples" / "fastapi_app" / "app.py"
PHONE = "507-555-0142"


def load_example(path: Path, name: str) -> ModuleType:
    """Import an example by path (examples/ is not a package); registered so pydantic finds its models."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def example() -> ModuleType:
    return load_example(APP, "connectguard_example_fastapi_app")


@pytest.fixture(scope="module")
def client(example: ModuleType) -> Iterator[TestClient]:
    """The example app with the shipped packs, lifespan run (the Guard is built there, once)."""
    with TestClient(example.create_app(shipped())) as test_client:
        yield test_client


def check(client: TestClient, **draft: Any) -> dict[str, Any]:
    response = client.post("/check", json=draft)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def test_a_clean_post_is_allowed_and_published(client: TestClient) -> None:
    answer = check(client, title="Still tired six months after starting levothyroxine",
                   body="My TSH finally came back in range. Has anyone else felt this way?",
                   author={"role": "member", "account_age_days": 41, "post_count": 3},
                   context={"new_discussion": True})
    assert answer == {"decision": "allow", "publish": True, "nudges": [], "violations": []}


def test_advice_is_nudged_with_the_member_message(client: TestClient) -> None:
    answer = check(client, title="Question about my thyroid dose", body="You need to double your dose, trust me.")
    assert answer["decision"] == "nudge"
    assert answer["publish"] is True  # the member may edit, or post anyway
    assert [v["rule"] for v in answer["violations"]] == ["advice.directive"]
    assert len(answer["nudges"]) == 1
    assert "Share your story, not medical advice" in answer["nudges"][0]
    assert answer["nudges"][0] == answer["violations"][0]["message"]
    assert "redacted" not in answer


def test_a_phone_number_is_masked_and_redacted(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        response = client.post("/check", json={"title": "Support group",
                                               "body": f"Call me at {PHONE} before the meeting."})
    assert response.status_code == 200
    answer = response.json()
    assert answer["decision"] == "edit" and answer["publish"] is True
    phone = next(v for v in answer["violations"] if v["rule"] == "privacy.phone")
    assert phone["text"] == "507-***-**42"
    assert answer["redacted"]["body"] == "Call me at [phone number removed] before the meeting."
    assert any("phone number" in message for message in answer["nudges"])
    assert PHONE not in response.text and "0142" not in response.text
    assert PHONE not in caplog.text and "Call me" not in caplog.text
    assert "decision=edit" in caplog.text  # the outcome is logged, the post is not


def test_hold_is_not_published(client: TestClient) -> None:
    answer = check(client, title="Help", body="We need to vote them out in November.")
    assert answer["decision"] == "hold" and answer["publish"] is False
    assert answer["nudges"]  # the member still learns why, before submitting


@pytest.mark.parametrize(("payload", "problem"), [
    ({"title": 1, "body": "x"}, "title: Input should be a valid string"),
    ({"title": "", "body": ""}, "a post needs a 'title' or a 'body'"),
    ({"body": "x", "author": {"post_count": True}}, "author.post_count"),
    ({"body": "x", "context": {"format": "html"}}, "context.format"),
    ({"body": "x", "labels": ["spam"]}, "labels: Extra inputs are not permitted"),
    ({"body": "x" * 40_001}, "body: String should have at most 40000 characters"),
    ([1, 2], "valid dictionary"),
])
def test_bad_input_is_a_422_with_a_clear_message(client: TestClient, payload: Any, problem: str) -> None:
    response = client.post("/check", json=payload)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail.startswith("invalid post: ") and problem in detail
    assert "x" * 50 not in response.text  # the submitted text is never echoed back


def test_invalid_json_and_wrong_content_type_are_422(client: TestClient) -> None:
    bad_json = client.post("/check", content=b'{"title": ', headers={"content-type": "application/json"})
    assert bad_json.status_code == 422
    assert bad_json.json()["detail"] == "invalid post: the request body is not valid JSON"
    form = client.post("/check", content=b"title=x", headers={"content-type": "application/x-www-form-urlencoded"})
    assert form.status_code == 422


def test_oversized_requests_are_413(client: TestClient, example: ModuleType) -> None:
    limit = example.MAX_BODY_BYTES
    declared = client.post("/check", json={"body": "a" * (limit + 10)})
    assert declared.status_code == 413 and str(limit) in declared.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the middleware counts what arrives
        yield b'{"body": "'
        for _ in range(limit // 1000 + 1):
            yield b"a" * 1000
        yield b'"}'

    streamed = client.post("/check", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413


def test_healthz(client: TestClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "rules": len(shipped().rules)}


def test_the_guard_is_built_once_at_startup(example: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def build() -> Any:
        calls.append(1)
        return shipped()

    monkeypatch.setattr(example, "build_guard", build)
    app = example.create_app()
    assert calls == []  # importing or creating the app loads nothing
    with TestClient(app) as test_client:
        for _ in range(3):
            assert test_client.post("/check", json={"title": "Hello", "body": "Thanks, everyone."}).status_code == 200
    assert calls == [1]
