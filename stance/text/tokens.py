"""Word tokens with their offsets: the unit cue matching and speaker finding work on.

Several stages tokenize the same document piece by piece (the segmenter each sentence, attribution each
paragraph).  `tokenize` therefore tokenizes a long document once and answers a call for a stretch of it
with a slice of those tokens when the stretch begins and ends at white space (or at the text's ends):
no token crosses white space, so the slice is exactly what tokenizing the stretch alone gives.
"""

from __future__ import annotations

import bisect
import functools
import re
from itertools import accumulate
from operator import itemgetter
from typing import NamedTuple

__all__ = ["Token", "tokenize"]

# "U.S." as one token; words with inner apostrophes or hyphens ("Japan’s", "co-operation"); any other symbol alone
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:[\u2019'\-]\w+)*|[^\w\s]")
# texts at least this long are tokenized whole once and sliced (shorter ones are cheaper to tokenize again)
_WHOLE_TEXT_MIN = 1000


class Token(NamedTuple):
    """One token: ``text[start:end]`` and its lower-cased form.

    A named tuple (immutable, fields read in C) rather than a frozen dataclass: every word of every
    document becomes one, and a frozen dataclass costs several times more to build.
    """

    start: int
    end: int
    text: str
    lower: str

    @property
    def is_capitalized(self) -> bool:
        return self.text[:1].isupper()


# builds a Token from its four fields in C, without the Python-level __new__ of the named tuple
_new_token = functools.partial(tuple.__new__, Token)
# the token pattern as one capturing group: ``split`` then gives separators and tokens alternately
_SPLIT = re.compile(f"({_TOKEN.pattern})")


def _scan(text: str, start: int, end: int) -> list[Token]:
    """The tokens of ``text[start:end]``, built without a Python loop.

    ``re.split`` with the capturing pattern returns ``[gap, token, gap, token, ..., gap]``; the running sum
    of the parts' lengths gives every token's offsets, and ``map`` builds the tokens (the same matches as
    ``finditer``: the pattern looks at nothing outside its match, so cutting the text first changes nothing).
    """
    piece = text if start == 0 and end == len(text) else text[start:end]
    parts = _SPLIT.split(piece)
    offsets = list(accumulate(map(len, parts), initial=start))  # offsets[k]: where parts[k] starts
    words = parts[1::2]
    return list(map(_new_token, zip(offsets[1::2], offsets[2::2], words, map(str.lower, words))))


@functools.lru_cache(maxsize=2)
def _whole_text(text: str) -> tuple[list[Token], list[int]]:
    """All tokens of ``text`` and their start offsets (for bisect); kept for the last two texts only."""
    tokens = _scan(text, 0, len(text))
    return tokens, list(map(itemgetter(0), tokens))


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]``, offsets into ``text``."""
    n = len(text)
    end = n if end is None else min(max(end, 0), n)
    start = min(max(start, 0), n)
    if (n >= _WHOLE_TEXT_MIN and (start == 0 or text[start - 1].isspace())
            and (end == n or text[end].isspace())):
        tokens, starts = _whole_text(text)
        return tokens[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]
    return _scan(text, start, end)
