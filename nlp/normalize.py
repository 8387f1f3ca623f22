"""Text folding and tokens: accents off, apostrophes straight, one char in per char out."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Letters NFKD does not decompose; mapped one-to-one so offsets stay aligned.
_EXTRA = str.maketrans({"ø": "o", "Ø": "O", "æ": "a", "Æ": "A", "ß": "s", "ł": "l",
                        "Ł": "L", "đ": "d", "Đ": "D", "’": "'", "‘": "'", "ʼ": "'",
                        "`": "'", "–": "-", "—": "-"})  # fmt: skip


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    base = unicodedata.normalize("NFKD", ch)
    kept = [c for c in base if not unicodedata.combining(c)]
    return kept[0] if kept else ch


def fold(text: str) -> str:
    """Strip accents and straighten quotes, keeping the length (so offsets match the input)."""
    text = text.translate(_EXTRA)
    if text.isascii():
        return text
    return "".join(_fold_char(c) if ord(c) > 127 else c for c in text)


def fold_key(text: str) -> str:
    """Folded, lowercased, single-spaced: how names are compared."""
    return " ".join(fold(text).lower().split())


@dataclass(frozen=True)
class Token:
    """A word of the message: lowercase folded form, original form, offsets, and cues."""

    norm: str
    orig: str
    start: int
    end: int
    possessive: bool
    sentence_start: bool

    @property
    def capitalized(self) -> bool:
        """Whether the writer capitalised it."""
        return self.orig[:1].isupper()


# Combining marks that no precomposed letter absorbs ("ọ́" in Yoruba names) stay in the
# folded text (it keeps its length) but belong to their word and are dropped from its norm.
_MARKS = "\u0300-\u036f"
_WORD = re.compile(rf"[A-Za-z0-9][A-Za-z0-9{_MARKS}]*(?:['&][A-Za-z0-9][A-Za-z0-9{_MARKS}]*)*'?")
_MARK = re.compile(rf"[{_MARKS}]")
_SENTENCE_END = re.compile(r"[.!?:;\n]\s*$")


def tokenize(text: str) -> list[Token]:
    """Split folded text into word tokens; a trailing 's or s' marks a possessive."""
    folded = fold(text)
    tokens: list[Token] = []
    gap_start = 0  # where the text since the previous word begins (it holds no word chars)
    for m in _WORD.finditer(folded):
        raw = m.group(0)
        start, end = m.start(), m.end()
        possessive = False
        if raw.lower().endswith("'s") and len(raw) > 2:
            raw, end, possessive = raw[:-2], end - 2, True
        elif raw.endswith("'"):
            raw, end = raw[:-1], end - 1
            possessive = raw.lower().endswith("s")
        if not raw:
            continue
        # Only the text since the previous word can end a sentence: looking at all of it
        # each time would take quadratic time on a long message.
        gap = folded[gap_start:start]
        gap_start = m.end()
        sentence_start = (not tokens and not gap.strip()) or bool(_SENTENCE_END.search(gap))
        norm = _MARK.sub("", raw).lower()
        tokens.append(Token(norm, text[start:end], start, end, possessive, sentence_start))
    return tokens


#: Text that is nothing but ASCII letters, digits and spaces: its words are its norms.
_PLAIN = re.compile(r"[A-Za-z0-9 ]*").fullmatch


def norms(text: str) -> list[str]:
    """The `norm` of each token of `text`, as `tokenize` gives them, without the tokens.

    Compiling a directory reads hundreds of thousands of names: this is several times
    cheaper than making a Token of every word, and most names take the plain path.
    """
    if _PLAIN(text):
        return text.lower().split()
    out = []
    for raw in _WORD.findall(fold(text)):
        if raw.lower().endswith("'s") and len(raw) > 2:
            raw = raw[:-2]
        elif raw.endswith("'"):
            raw = raw[:-1]
        if raw:
            out.append((raw if raw.isascii() else _MARK.sub("", raw)).lower())
    return out
