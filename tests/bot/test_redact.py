"""The redacting log filter masks secrets in messages, arguments and tracebacks."""

from __future__ import annotations

import io
import logging

from bot.redact import MASK, Redactor


def test_secrets_are_masked_in_arguments_and_tracebacks() -> None:
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.addFilter(Redactor(["123:SECRETTOKEN", "s"]))
    log = logging.getLogger("test.redact")
    log.addHandler(handler)
    try:
        log.warning("calling %s", "http://api/bot123:SECRETTOKEN/getMe")
        try:
            raise ValueError("bad url http://api/bot123:SECRETTOKEN/x")
        except ValueError:
            log.exception("failed")
    finally:
        log.removeHandler(handler)
    text = out.getvalue()
    assert "SECRETTOKEN" not in text
    assert text.count(MASK) == 3
    assert "calling" in text  # a secret too short to mask safely leaves words alone
