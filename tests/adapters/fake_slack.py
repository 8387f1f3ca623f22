"""A Slack Web API on 127.0.0.1 that answers like Slack and records every call."""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.adapters.waiting import Signal


@dataclass
class Call:
    """One recorded API call."""

    method: str
    args: dict[str, Any]


@dataclass
class FakeSlack:
    """Start with `await fake.start()`; `fake.url` is the base URL for slack_sdk."""

    calls: list[Call] = field(default_factory=list)
    rate_limit_once: set[str] = field(default_factory=set)
    uploads: dict[str, bytes] = field(default_factory=dict)
    fail_channels: dict[str, str] = field(default_factory=dict)
    # Methods refused with this error (Slack's `ok: false`), whatever the channel.
    fail_methods: dict[str, str] = field(default_factory=dict)
    # Channels the bot is not a member of (conversations.info says is_member: false).
    outside: set[str] = field(default_factory=set)
    # users.info fields per user id, over the defaults (a member of T1, not an admin).
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    port: int = 0
    _runner: web.AppRunner | None = None
    _ts: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _called: Signal = field(default_factory=Signal)

    @property
    def url(self) -> str:
        """Base URL of the Web API (what SLACK_API_URL is set to)."""
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str) -> str:
        """A response_url that records what is posted to it."""
        return f"http://127.0.0.1:{self.port}/respond/{name}"

    async def start(self) -> None:
        """Listen on a free loopback port."""
        app = web.Application()
        app.router.add_post("/api/{method}", self._api)
        app.router.add_get("/api/{method}", self._api)
        app.router.add_post("/respond/{name}", self._respond)
        app.router.add_post("/upload/{file_id}", self._upload)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        """Stop listening."""
        if self._runner:
            await self._runner.cleanup()

    async def _args(self, request: web.Request) -> dict[str, Any]:
        args: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            args.update(await request.json())
        elif request.can_read_body:
            args.update(dict(await request.post()))
        return args

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await self._args(request)
        if method in self.rate_limit_once:
            self.rate_limit_once.discard(method)
            self.record(Call(method + ":429", args))
            return web.json_response({"ok": False, "error": "ratelimited"}, status=429,
                                     headers={"Retry-After": "1"})  # fmt: skip
        self.record(Call(method, args))
        error = self.fail_channels.get(str(args.get("channel", "")))
        if error and method.startswith("chat."):
            return web.json_response({"ok": False, "error": error})
        if method in self.fail_methods:
            return web.json_response({"ok": False, "error": self.fail_methods[method]})
        return web.json_response(self._answer(method, args))

    async def _respond(self, request: web.Request) -> web.Response:
        self.record(Call("respond", {"name": request.match_info["name"], **await request.json()}))
        return web.Response(text="ok")

    async def _upload(self, request: web.Request) -> web.Response:
        body = await request.read()
        self.uploads[request.match_info["file_id"]] = body
        return web.Response(text="OK")

    def _answer(self, method: str, args: dict[str, Any]) -> dict[str, Any]:
        if method == "files.getUploadURLExternal":
            file_id = f"F{len(self.uploads) + 1}"
            return {"ok": True, "file_id": file_id,
                    "upload_url": f"http://127.0.0.1:{self.port}/upload/{file_id}"}  # fmt: skip
        if method == "files.completeUploadExternal":
            return {"ok": True, "files": [{"id": f["id"]} for f in json.loads(args["files"])]
                    if isinstance(args.get("files"), str) else args.get("files", [])}  # fmt: skip
        if method == "auth.test":
            return {
                "ok": True,
                "user_id": "UBOT",
                "bot_id": "B1",
                "team_id": "T1",
                "user": "rapport",
            }
        if method == "users.info":
            user = str(args.get("user"))
            name = {"U1": "Sam Seller", "U2": "Blair Field"}.get(user, user)
            info = {"id": user, "team_id": "T1", "name": user, "real_name": name,
                    "tz": "America/New_York", "profile": {"real_name": name},
                    "is_admin": False, "is_owner": False, "is_restricted": False,
                    "is_ultra_restricted": False, **self.users.get(user, {})}  # fmt: skip
            return {"ok": True, "user": info}
        if method == "conversations.info":
            channel = str(args.get("channel"))
            return {
                "ok": True,
                "channel": {"id": channel, "is_member": channel not in self.outside},
            }
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + str(args.get("users", ""))}}
        if method in ("chat.postMessage", "chat.update", "chat.postEphemeral"):
            return {
                "ok": True,
                "channel": args.get("channel"),
                "ts": f"1800000000.{next(self._ts):06d}",
            }
        return {"ok": True}

    def named(self, method: str) -> list[dict[str, Any]]:
        """The arguments of every call of one method."""
        return [c.args for c in self.calls if c.method == method]

    def record(self, call: Call) -> None:
        """Keep a call and wake whoever waits for one."""
        self.calls.append(call)
        self._called.fire()

    async def wait_for(
        self, method: str, count: int = 1, timeout: float = 10.0
    ) -> list[dict[str, Any]]:
        """Wait until `method` was called `count` times."""
        await self._called.expect(
            lambda: len(self.named(method)) >= count,
            timeout,
            f"{count}x {method} (got {len(self.named(method))}: {self.calls})",
        )
        return self.named(method)


def blocks_text(args: dict[str, Any]) -> str:
    """All the text in a posted message's blocks, for assertions."""
    blocks = args.get("blocks")
    if isinstance(blocks, str):
        blocks = json.loads(blocks)
    return json.dumps(blocks or [], ensure_ascii=False)
