"""A Telegram Bot API on 127.0.0.1: a queue of updates for getUpdates, and recorded calls."""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.adapters.waiting import Signal

BOT = {"id": 4242, "is_bot": True, "first_name": "Rapport", "username": "rapport_bot",
       "can_join_groups": True, "can_read_all_group_messages": False,
       "supports_inline_queries": False}  # fmt: skip


@dataclass
class FakeTelegram:
    """Feed updates with push_*; read what the bot did with `named(method)`."""

    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    blocked: set[str] = field(default_factory=set)
    # Answers Telegram's error for a call when it returns one: (method, params) -> error.
    refuse: Callable[[str, dict[str, Any]], dict[str, Any] | None] | None = None
    # Group ids upgraded to supergroups: every send there fails with the new id.
    migrated: dict[str, int] = field(default_factory=dict)
    confirmed: int = 0  # updates below this id were acknowledged and are gone
    bot_id: int = 4242  # what getMe says; update_ids count per bot
    port: int = 0
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _msg_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(100))
    _runner: web.AppRunner | None = None
    _called: Signal = field(default_factory=Signal)
    _pushed: Signal = field(default_factory=Signal)

    @property
    def url(self) -> str:
        """What TELEGRAM_API_URL is set to."""
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        """Listen on a free loopback port."""
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        """Stop listening."""
        if self._runner:
            await self._runner.cleanup()

    def push_text(self, user: int, text: str, chat: int | None = None,
                  chat_type: str = "private", first_name: str = "Dana") -> dict[str, Any]:  # fmt: skip
        """Queue a text message update; returns it."""
        update_id = next(self._ids)
        update = {"update_id": update_id, "message": {
            "message_id": update_id, "date": int(time.time()), "text": text,
            "from": {"id": user, "is_bot": False, "first_name": first_name},
            "chat": {"id": chat or user, "type": chat_type}}}  # fmt: skip
        if text.startswith("/"):
            update["message"]["entities"] = [
                {"type": "bot_command", "offset": 0, "length": len(text.split()[0])}
            ]
        self.updates.append(update)
        self._pushed.fire()
        return update

    def push_migration(self, old: int, new: int) -> None:
        """Queue the service message a group gets when it becomes a supergroup."""
        update_id = next(self._ids)
        self.updates.append({"update_id": update_id, "message": {
            "message_id": update_id, "date": int(time.time()), "migrate_to_chat_id": new,
            "from": {"id": 999, "is_bot": False, "first_name": "Dana"},
            "chat": {"id": old, "type": "group", "title": "Field team"}}})  # fmt: skip
        self._pushed.fire()

    def push_callback(self, user: int, data: str, message_id: int, chat: int | None = None,
                      chat_type: str = "private") -> None:  # fmt: skip
        """Queue a button press on one of the bot's messages."""
        update_id = next(self._ids)
        self.updates.append({"update_id": update_id, "callback_query": {
            "id": f"cb{update_id}", "chat_instance": "ci", "data": data,
            "from": {"id": user, "is_bot": False, "first_name": "Dana"},
            "message": {"message_id": message_id, "date": int(time.time()), "text": "card",
                        "chat": {"id": chat or user, "type": chat_type}}}})  # fmt: skip
        self._pushed.fire()

    async def _params(self, request: web.Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            params.update(await request.json())
        elif request.content_type.startswith("multipart/"):
            async for part in await request.multipart():
                data = await part.read()  # type: ignore[union-attr]
                name = part.name or ""  # type: ignore[union-attr]
                params[name] = data if name == "photo" else data.decode()
        elif request.can_read_body:
            for key, value in (await request.post()).items():
                try:
                    params[key] = json.loads(str(value))
                except ValueError:
                    params[key] = value
        return params

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await self._params(request)
        if method == "getUpdates":
            # Like Telegram: an offset confirms every update below it, for good, and one
            # call returns at most `limit` (100) updates.
            offset = int(params.get("offset") or 0)
            self.confirmed = max(self.confirmed, offset)
            limit = int(params.get("limit") or 100)

            def ready() -> list[dict[str, Any]]:
                return [u for u in self.updates if u["update_id"] >= self.confirmed][:limit]

            wait = min(float(params.get("timeout") or 0), 1.0)
            await self._pushed.wait(lambda: bool(ready()), wait)  # may end empty, like Telegram
            return web.json_response({"ok": True, "result": ready()})
        self.calls.append((method, params))
        self._called.fire()
        if (
            method in ("sendMessage", "editMessageText")
            and str(params.get("chat_id")) in self.blocked
        ):
            return web.json_response({"ok": False, "error_code": 403,
                                      "description": "Forbidden: bot was blocked by the user"},
                                     status=403)  # fmt: skip
        chat = str(params.get("chat_id", ""))
        if method.startswith("send") and chat in self.migrated:
            return web.json_response({"ok": False, "error_code": 400,
                                      "description": "Bad Request: group chat was upgraded to a supergroup chat",
                                      "parameters": {"migrate_to_chat_id": self.migrated[chat]}},
                                     status=400)  # fmt: skip
        error = self.refuse(method, params) if self.refuse else None
        if error is not None:
            return web.json_response({"ok": False, **error}, status=int(error["error_code"]))
        return web.json_response({"ok": True, "result": self._result(method, params)})

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        if method == "getMe":
            return {**BOT, "id": self.bot_id}
        if method in ("sendMessage", "editMessageText", "sendPhoto"):
            chat = params.get("chat_id") or 0
            return {"message_id": int(params.get("message_id") or next(self._msg_ids)),
                    "date": int(time.time()), "text": params.get("text", ""),
                    "chat": {"id": int(chat), "type": "private"}}  # fmt: skip
        return True

    def named(self, method: str) -> list[dict[str, Any]]:
        """Every call of one method, oldest first."""
        return [p for m, p in self.calls if m == method]

    async def wait_for(
        self, method: str, count: int = 1, timeout: float = 10.0
    ) -> list[dict[str, Any]]:
        """Wait until the bot called `method` `count` times."""
        await self._called.expect(
            lambda: len(self.named(method)) >= count,
            timeout,
            f"{count}x {method} (got {len(self.named(method))}: {self.calls})",
        )
        return self.named(method)
