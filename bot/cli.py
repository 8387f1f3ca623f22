"""The `rapport` command line."""

from __future__ import annotations

import asyncio
import contextlib
import getpass
import logging
import sys
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import typer
from pydantic import ValidationError

from bot.config import Settings, load_settings

app = typer.Typer(
    help="Rapport: a CRM that lives in team chat.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


#: Where a terminal chat's logs go when LOG_FILE is unset (never into the conversation).
CHAT_LOG = "rapport.log"


def _log_handler(settings: Settings, conversation: bool) -> logging.Handler:
    """LOG_FILE if set; a file for a chat a person types in; stderr otherwise."""
    if settings.log_file:
        return logging.FileHandler(settings.log_file, encoding="utf-8")
    if conversation and sys.stdin.isatty():
        return logging.FileHandler(CHAT_LOG, encoding="utf-8")
    return logging.StreamHandler(sys.stderr)


def _settings(conversation: bool | None = False) -> Settings:
    """Load the settings and set up logging.

    Args:
        conversation: whether this command opens the terminal chat; None: when no
            platform is configured (`rapport run`).
    """
    try:
        settings = load_settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        typer.echo(f"Bad setting: {problems}", err=True)
        raise typer.Exit(2) from exc
    if conversation is None:
        conversation = not (settings.slack_configured or settings.telegram_configured)
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=[_log_handler(settings, conversation)],
    )
    # Schema upgrades are routine; say so only when asked for detail.
    logging.getLogger("alembic").setLevel(max(logging.WARNING, logging.root.level))
    # HTTP client request lines carry the Telegram token in the URL: never log them.
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    # Each scheduler tick would otherwise log twice, drowning the terminal chat.
    logging.getLogger("apscheduler").setLevel(max(logging.WARNING, logging.root.level))
    return settings


def _check_tz(tz: str | None) -> str | None:
    if tz is None:
        return None
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        typer.echo(f"Unknown time zone {tz!r}: use an IANA name such as Europe/Berlin.", err=True)
        raise typer.Exit(2) from exc
    return tz


def _default_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "you"


@app.command()
def run(
    workers: Annotated[
        int | None,
        typer.Option(min=1, max=64, help="Processes serving one port (PostgreSQL only)."),
    ] = None,
    worker: Annotated[int, typer.Option(hidden=True, min=0)] = 0,
) -> None:
    """Start every configured platform and the scheduler; with none, the terminal chat."""
    from bot import workers as pool
    from bot.run import build_core, serve

    settings = _settings(conversation=None)
    if workers is not None:
        settings = settings.model_copy(update={"workers": workers})
    refused = pool.refusal(settings)
    if refused:
        typer.echo(refused, err=True)
        raise typer.Exit(2)
    core = build_core(settings)
    others = pool.start_others(settings.workers) if worker == 0 and settings.workers > 1 else []
    try:
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(serve(core, settings, user=_default_user(), tz=None, worker=worker))
    finally:
        pool.stop_others(others)


@app.command()
def chat(
    user: Annotated[str | None, typer.Option(help="Who you are in the chat.")] = None,
    tz: Annotated[str | None, typer.Option(help="Your IANA time zone, e.g. Europe/Berlin.")] = None,
) -> None:
    """Chat with the bot in the terminal (one reply per line when input is piped)."""
    from bot.run import build_core
    from bot.run import chat as run_chat

    settings = _settings(conversation=True)
    zone = _check_tz(tz)
    core = build_core(settings)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run_chat(core, user or _default_user(), zone))


@app.command()
def parse(
    directory: Annotated[
        Path, typer.Option(help="Team directory JSON (companies and people).", exists=True)
    ],
) -> None:
    """Read JSONL messages on stdin and print what the parser understood, one line each."""
    from bot.parse_cmd import run_parse

    raise typer.Exit(run_parse(directory, sys.stdin, sys.stdout))


@app.command("import")
def import_(
    file: Annotated[
        Path,
        typer.Argument(help="A DIRECTORY.json, a CSV of contacts, or a folder `export` wrote."),
    ],
) -> None:
    """Import contacts and companies, or restore an export; re-importing never duplicates."""
    from bot.run import build_core
    from handlers.importer import import_path

    if not file.exists():
        typer.echo(f"No such file or folder: {file}", err=True)
        raise typer.Exit(2)
    core = build_core(_settings())
    report = core.in_unit(import_path, file, core.clock())
    core.store.refresh_statistics()
    typer.echo(report.summary())
    raise typer.Exit(0 if report.ok else 1)


@app.command()
def export(
    directory: Annotated[Path, typer.Argument(help="Folder to write the files into.")],
    format: Annotated[
        Literal["csv", "json"], typer.Option("--format", help="csv or json.")
    ] = "csv",
) -> None:
    """Export every contact, company, interaction, task and deal."""
    from bot.run import build_core
    from handlers.exporter import export_all

    core = build_core(_settings())
    paths = core.in_unit(export_all, directory, format)
    for path in paths:
        typer.echo(str(path))


@app.command()
def invite() -> None:
    """Make a one-time code (valid 24 hours) that lets one person join on Telegram."""
    from bot.run import build_core
    from handlers.access import make_code

    core = build_core(_settings())
    code = core.in_unit(make_code, core.clock(), None, None)
    typer.echo(f"Invite code: {code}")
    typer.echo(f"They send the Telegram bot: /start {code}  (valid 24 hours, one use)")


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
