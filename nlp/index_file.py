"""A compiled Matcher as bytes and back, so a process can start without compiling.

The format is our own and holds only data: a first line naming it, a JSON header (format,
code version, byte order, the caller's key, section sizes), then the sections: JSON lists
of strings and raw arrays of integers. Nothing in it is executed; bytes that do not read
back exactly (another format or code version, a short or altered file) give None.
"""

from __future__ import annotations

import json
import sys
from array import array
from hashlib import blake2b
from pathlib import Path
from typing import Any

from nlp.index import MIN_VOCAB, Entries, Matcher
from nlp.patterns import PatternTable
from nlp.spelling import NearIndex

MAGIC = b"rapport-directory-index\n"
FORMAT = 1
#: The modules whose code decides what a compiled matcher holds: any change to them makes
#: earlier files stale.
_SOURCES = ("index.py", "index_file.py", "lexicon.py", "normalize.py", "patterns.py",
            "spelling.py")  # fmt: skip


def _code_version() -> str:
    digest = blake2b(digest_size=12)
    for name in _SOURCES:
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()


CODE_VERSION = _code_version()
_TABLE_ARRAYS = ("hashes", "offsets", "starts", "targets")


def dump(matcher: Matcher, key: dict[str, Any], note: dict[str, Any] | None = None) -> bytes:
    """`matcher` (freshly compiled: nothing added since) as bytes, marked with `key`.

    `note` is kept beside it for the reader (what the directory was read at, say).
    """
    if not matcher.is_compiled():
        raise ValueError("only a freshly compiled matcher is written")
    entries = matcher.entries
    # A company's name once, and an index per entry: most people share a few companies.
    firms = sorted({c for c in entries.companies if c is not None})
    firm_index = {name: i for i, name in enumerate(firms)}
    sections: list[bytes] = [
        _json(entries.names),
        bytes(entries.kinds),
        _json(entries.keys),
        _json(firms),
        array("i", (-1 if c is None else firm_index[c] for c in entries.companies)).tobytes(),
        _json({str(i): list(a) for i, a in enumerate(entries.aliases) if a}),  # few have any
        _json(sorted(matcher.words)),
        _json(sorted(matcher.first_names)),
    ]
    for table in (matcher.table, matcher.everyday_table):
        sections += [getattr(table, name).tobytes() for name in _TABLE_ARRAYS]
        sections += [table.text.encode(), table.flags]
    near = matcher.near()  # built now if it was not yet: the reader then need not
    sections += [near.hashes.tobytes(), near.targets.tobytes()]
    header = {
        "format": FORMAT,
        "code": CODE_VERSION,
        "byteorder": sys.byteorder,
        "key": key,
        "note": note or {},
        "sizes": [len(s) for s in sections],
    }
    return b"".join([MAGIC, _json(header), b"\n", *sections])


def load(data: bytes, key: dict[str, Any]) -> tuple[Matcher, dict[str, Any]] | None:
    """The matcher in `data` and its note, if written for `key` by this code; else None."""
    try:
        return _load(data, key)
    except (ValueError, TypeError, KeyError, IndexError, UnicodeDecodeError):
        return None  # a damaged file is a missing one: the caller compiles


def _load(data: bytes, key: dict[str, Any]) -> tuple[Matcher, dict[str, Any]] | None:
    if not data.startswith(MAGIC):
        return None
    end = data.index(b"\n", len(MAGIC))
    header = json.loads(data[len(MAGIC) : end])
    if (
        not isinstance(header, dict)
        or header.get("format") != FORMAT
        or header.get("code") != CODE_VERSION
        or header.get("byteorder") != sys.byteorder
        or header.get("key") != key
    ):
        return None
    sizes = header["sizes"]
    if len(sizes) != 22 or sum(sizes) != len(data) - end - 1:
        return None
    view = memoryview(data)
    at = end + 1
    parts: list[memoryview] = []
    for size in sizes:
        parts.append(view[at : at + size])
        at += size
    names, keys, firms, some_aliases = (json.loads(bytes(parts[i])) for i in (0, 2, 3, 5))
    kinds = bytearray(parts[1])
    firm_of = array("i")
    firm_of.frombytes(parts[4])
    n = len(names)
    if not (len(kinds) == len(keys) == len(firm_of) == n) or (
        firm_of and max(firm_of) >= len(firms)
    ):
        return None
    companies = [None if i < 0 else firms[i] for i in firm_of]
    aliases: list[tuple[str, ...]] = [()] * n
    for i, words in some_aliases.items():
        aliases[int(i)] = tuple(words)
    matcher = Matcher()
    matcher.entries = Entries(names, kinds, keys, companies, aliases)
    words = json.loads(bytes(parts[6]))  # sorted when written
    matcher.words = frozenset(words)
    matcher.vocab = [w for w in words if len(w) >= MIN_VOCAB]
    matcher.first_names = set(json.loads(bytes(parts[7])))
    matcher.table = _table(parts[8:14], n)
    matcher.everyday_table = _table(parts[14:20], n)
    hashes, targets = array("q"), array("i")
    hashes.frombytes(parts[20])
    targets.frombytes(parts[21])
    if len(hashes) != len(targets) or (targets and max(targets) >= len(matcher.vocab)):
        return None
    matcher._near = NearIndex(matcher.vocab, hashes, targets)
    matcher.seal()
    note = header.get("note")
    return (matcher, note) if isinstance(note, dict) else None


def _table(parts: list[memoryview], entries: int) -> PatternTable:
    arrays = []
    for part, code in zip(parts[:4], ("q", "i", "i", "i"), strict=True):
        values = array(code)
        values.frombytes(part)
        arrays.append(values)
    hashes, offsets, starts, targets = arrays
    table = PatternTable(
        hashes, bytes(parts[4]).decode(), offsets, starts, targets, bytes(parts[5])
    )
    rows = len(hashes)
    # Only sizes and bounds are checked: enough that a lookup cannot fail or point past
    # the entries. Altered contents within bounds would only mismatch, as a stale file would.
    if not (
        len(offsets) == len(starts) == rows + 1
        and len(table.flags) == rows
        and offsets[-1] == len(table.text)
        and starts[-1] == len(targets)
        and (not targets or (min(targets) >= 0 and max(targets) < entries))
    ):
        raise ValueError("inconsistent table")
    return table


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
