"""Word tokens with their offsets: the unit cue matching and speaker finding work on."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Token", "tokenize"]

# "U.S." as one token; words with inner apostrophes or hyphens ("Japan’s", "co-operation"); any other symbol alone
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:[\u2019'\-]\w+)*|[^\w\s]")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    lower: str

    @property
    def is_capitalized(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]``, offsets into ``text``."""
    return [Token(m.start(), m.end(), m.group(), m.group().lower())
            for m in _TOKEN.finditer(text, start, len(text) if end is None else end)]
