"""A pre-submit check for a forum's post editor, built on FastAPI.

The editor sends the draft to ``POST /check`` before the member submits it. The
answer says whether the post can be published and which messages to show the
member first ("education before removal": they can edit, or post anyway).

Run it from the repository root (``pip install '.[examples]' uvicorn`` first)::

    uvicorn examples.fastapi_app.app:app
    python examples/fastapi_app/app.py            # the same, on 127.0.0.1:8000

See README.md next to this file and docs/integrations.md.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from connectguard import Action, Guard, InvalidPostError, Post, Report

#: Largest request body accepted, in bytes (a long post is ~20 kB of JSON).
MAX_BODY_BYTES = int(os.environ.get("CONNECTGUARD_MAX_BODY_BYTES", str(64 * 1024)))
#: Field limits, checked before any rule runs.
MAX_TITLE_CHARS = 300
MAX_BODY_CHARS = 40_000

log = logging.getLogger("connectguard.examples.fastapi")


# -- request and response ---------------------------------------------------------------

class Strict(BaseModel):
    """Unknown keys are an error, so a typo in a client never goes unnoticed."""

    model_config = ConfigDict(extra="forbid")


class AuthorIn(Strict):
    """What the forum knows about the member (all optional; ``when`` rules use them)."""

    role: StrictStr | None = Field(None, max_length=40, examples=["member"])
    account_age_days: StrictInt | None = Field(None, ge=0)
    post_count: StrictInt | None = Field(None, ge=0)


class ContextIn(Strict):
    """Where the draft sits: a new discussion or a reply, and how its body is written."""

    new_discussion: StrictBool | None = None
    reports: StrictInt = Field(0, ge=0)
    format: Literal["plain", "markdown"] = "plain"


class CheckRequest(Strict):
    """A draft post. Replies have no title; a post needs a title or a body."""

    title: StrictStr = Field("", max_length=MAX_TITLE_CHARS)
    body: StrictStr = Field("", max_length=MAX_BODY_CHARS)
    author: AuthorIn | None = None
    context: ContextIn | None = None

    def to_post(self) -> Post:
        """The connectguard post; raises InvalidPostError when it has neither title nor body."""
        return Post.from_dict(self.model_dump(exclude_none=True))


def outcome(report: Report) -> dict[str, Any]:
    """The answer for the editor: decision, publish, member messages, masked violations, redacted text."""
    record = report.to_dict()  # the JSON contract, personal data masked
    answer: dict[str, Any] = {
        "decision": record["decision"],
        # allow/nudge: publish as written; flag: publish and queue for a moderator;
        # edit: publish the redacted text; hold/remove: a moderator decides first.
        "publish": report.decision < Action.HOLD,
        "nudges": member_messages(record["violations"]),
        "violations": record["violations"],
    }
    if "redacted" in record:
        answer["redacted"] = record["redacted"]
    return answer


def member_messages(violations: list[dict[str, Any]]) -> list[str]:
    """The enforced violations' member messages, in order, each once (shadow rules stay silent)."""
    messages: list[str] = []
    for violation in violations:
        if violation["mode"] == "enforce" and violation["message"] and violation["message"] not in messages:
            messages.append(violation["message"])
    return messages


# -- routes -----------------------------------------------------------------------------

router = APIRouter()


def get_guard(request: Request) -> Guard:
    """The Guard built once at startup (a Guard is immutable and thread-safe)."""
    guard: Guard = request.app.state.guard
    return guard


SharedGuard = Annotated[Guard, Depends(get_guard)]


@router.post("/check")
def check(draft: CheckRequest, guard: SharedGuard) -> dict[str, Any]:
    """Check a draft before it is submitted.

    A plain ``def``: FastAPI runs it in its thread pool, so checking (CPU work)
    never blocks the event loop, and every thread shares the one Guard.
    """
    report = guard.check(draft.to_post())
    # Log the outcome only: never the title, body or matched text (personal data).
    log.info("checked a draft: decision=%s rules=%s", report.decision.value,
             sorted({v.rule for v in report.violations}))
    return outcome(report)


@router.get("/healthz")
def healthz(guard: SharedGuard) -> dict[str, Any]:
    """Liveness and readiness: the rules are loaded."""
    return {"status": "ok", "rules": len(guard.rules)}


# -- errors and limits ------------------------------------------------------------------

async def invalid_request(request: Request, exc: Exception) -> JSONResponse:
    """422 naming each problem by field; the submitted values are never echoed back."""
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    problems = [_problem(error) for error in errors]
    detail = "; ".join(problems) or "the request body must be a JSON object"
    return JSONResponse(status_code=422, content={"detail": f"invalid post: {detail}"})


def _problem(error: dict[str, Any]) -> str:
    """One validation error as ``field: message`` (``author.post_count: ...``)."""
    if error.get("type") == "json_invalid":
        return "the request body is not valid JSON"
    loc = list(error.get("loc", ()))
    if loc[:1] == ["body"]:  # where FastAPI found it, not a field of the post
        loc = loc[1:]
    where = ".".join(str(part) for part in loc)
    message = str(error.get("msg", "invalid value"))
    return f"{where}: {message}" if where else message


async def invalid_post(request: Request, exc: Exception) -> JSONResponse:
    """422 for a draft connectguard cannot read as a post (e.g. neither title nor body)."""
    return JSONResponse(status_code=422, content={"detail": f"invalid post: {exc}"})


async def unexpected(request: Request, exc: Exception) -> JSONResponse:
    """500 without details: an exception message may quote the post."""
    log.error("unexpected %s while handling %s", type(exc).__name__, request.url.path)
    return JSONResponse(status_code=500, content={"detail": "internal error"})


class BodySizeLimit:
    """ASGI middleware: answer 413 when a request body exceeds ``max_bytes``.

    It trusts neither Content-Length nor chunking: it reads at most ``max_bytes``
    (+1) and replays the body to the application.
    """

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self._declared(scope) > self.max_bytes:
            await self._too_large(scope, send)
            return
        body = bytearray()
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > self.max_bytes:
                await self._too_large(scope, send)
                return
            if not message.get("more_body", False):
                break
        await self.app(scope, self._replay(bytes(body), receive), send)

    @staticmethod
    def _declared(scope: Scope) -> int:
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    return int(value)
                except ValueError:
                    return 0
        return 0

    @staticmethod
    def _replay(body: bytes, receive: Receive) -> Receive:
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # then wait for the disconnect, as the server would

        return replay

    async def _too_large(self, scope: Scope, send: Send) -> None:
        response = JSONResponse(status_code=413,
                                content={"detail": f"request body too large (limit {self.max_bytes} bytes)"})
        await response(scope, _no_receive, send)


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}


# -- the application --------------------------------------------------------------------

def build_guard() -> Guard:
    """The Guard this service uses: the built-in packs. Add your site's packs or contacts here,
    e.g. ``Guard.from_paths(default_pack_dir(), "moderation/packs", site_contacts=[...])``."""
    return Guard.default()


def create_app(guard: Guard | None = None, *, max_body_bytes: int = MAX_BODY_BYTES) -> FastAPI:
    """The application; ``guard`` defaults to :func:`build_guard`, called once at startup."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.guard = guard if guard is not None else build_guard()
        log.info("connectguard ready: %d rules", len(app.state.guard.rules))
        yield

    app = FastAPI(title="connectguard pre-submit check", version="1", lifespan=lifespan)
    app.add_middleware(BodySizeLimit, max_bytes=max_body_bytes)
    app.add_exception_handler(RequestValidationError, invalid_request)
    app.add_exception_handler(InvalidPostError, invalid_post)
    app.add_exception_handler(Exception, unexpected)
    app.include_router(router)
    return app


app = create_app()


if __name__ == "__main__":
    try:
        import uvicorn
    except ImportError:
        raise SystemExit("this example needs uvicorn: pip install uvicorn") from None
    logging.basicConfig(level=logging.INFO)
    uvicorn.run(app, host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "8000")))
