"""Recognise the parts of a page that are not running text, without touching a character.

Cleaning here never edits the text: it classifies each paragraph (and a
dateline prefix) as ``body`` or as furniture (headline, dateline, byline,
caption, boilerplate, markup), so that later stages skip furniture while every
offset still indexes the original string.  The rules are about the *shape* of
page furniture (short lines without sentence punctuation, link lists after a
"Related" header, date-only lines, share/cookie/newsletter notices), not about
any one site.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .quotes import paragraph_spans

__all__ = ["Block", "layout", "BLOCK_KINDS"]

BLOCK_KINDS = ("body", "headline", "dateline", "byline", "caption", "boilerplate", "markup")


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph (or a dateline prefix) of the original text and what it is."""

    start: int
    end: int
    kind: str


# A header that starts a list of links or teasers: what follows it is furniture too.
_LIST_HEADER = re.compile(
    r"^(related( articles| stories| news| content| coverage| topics| links)?|top (articles|stories|news)\b.*|"
    r"most (read|popular|viewed|shared)\b.*|(more|latest) (from|in|on|news|stories)\b.*|read (more|also|next)\b.*|"
    r"(\w+ )?(access )?ranking\w*|trending( now)?\b.*|you (may|might) (also )?like\b.*|recommended( for you)?|"
    r"popular (now|stories)|editor'?s picks|see also|further reading|tags?:.*|topics?:.*)$",
    re.I,
)
# A notice that is furniture on its own line, whatever its length.
_NOTICE = re.compile(
    r"^\W*(advertisement|sponsored|share (this|on|via)\b|share$|follow (us|@)|sign up\b|subscribe\b|"
    r"get (our|the) \w+ newsletter|newsletter\b|we use cookies|this (site|website) uses cookies|"
    r"(accept|manage) cookies|cookie (policy|settings)|click here\b|copyright\b|©|all rights reserved|"
    r"(photo|image|picture|video|credit|source|file photo)\s*:|\(?(ap|afp|reuters|getty|epa)\b[^)]*photo|"
    r"skip to (main )?content|back to top|print this|email this|comments?\s*\(\d+\)|listen to this article)",
    re.I,
)
_BYLINE = re.compile(r"^(by|from|written by|reporting by|story by)\s+[A-Z\u00c0-\u024f]", re.I)
_DATE_WORDS = re.compile(
    r"\b(\d{1,2}:\d{2}|jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sept?(ember)?|"
    r"oct(ober)?|nov(ember)?|dec(ember)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"updated|published|posted|(19|20)\d\d|[ap]\.?m\.?|gmt|utc|[a-z]st|[a-z]dt)\b",
    re.I,
)
# "NAIROBI, March 3 (Reuters) - " / "WASHINGTON —" at the start of the first paragraphs.
_DATELINE_PREFIX = re.compile(
    r"^[A-Z][A-Z\u00c0-\u00de .'\u2019-]{2,40}(,\s*[A-Z][\w .\u2019-]{1,30})?(\s*\([^)\n]{1,40}\))?"
    r"\s*[-\u2013\u2014]{1,2}\s+(?=\S)"
)
_SENTENCE_END = ".!?:;,\"'\u201d\u2019\u00bb\u300d\u300f\u2026"


def _words(s: str) -> list[str]:
    return s.split()


def _is_unpunctuated_line(s: str) -> bool:
    return bool(s) and s[-1] not in _SENTENCE_END and len(_words(s)) <= 30


def _title_case(s: str) -> bool:
    """Most content words capitalised, as in headlines and link lists."""
    content = [w for w in _words(s) if len(w) > 3 and w[0].isalpha()]
    return len(content) >= 2 and sum(w[0].isupper() for w in content) >= 0.7 * len(content)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_NON_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())


def _latin_share(s: str) -> float:
    """The share of the letters of ``s`` that are Latin (below U+0250).

    ASCII letters are counted in C (encode, then delete the non-letters); only the non-ASCII characters,
    usually a few curly quotes and dashes, are looked at one by one.
    """
    if s.isascii():
        return 1.0
    ascii_letters = len(s.encode("ascii", "ignore").translate(None, _ASCII_NON_LETTERS))
    other_letters = [c for c in _NON_ASCII.findall(s) if c.isalpha()]
    if not ascii_letters and not other_letters:
        return 1.0
    latin = ascii_letters + sum(c < "\u0250" for c in other_letters)
    return latin / (ascii_letters + len(other_letters))


def layout(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[Block]:
    """Classify every paragraph of ``text``; dateline prefixes become blocks of their own."""
    if paragraphs is None:
        return list(_cached_layout(text))
    return _layout(text, paragraphs)


@functools.lru_cache(maxsize=16)
def _cached_layout(text: str) -> tuple[Block, ...]:
    """Stages that both need the layout of one document (segmenter, attributor) compute it once."""
    return tuple(_layout(text, paragraph_spans(text)))


def _layout(text: str, paragraphs: list[tuple[int, int]]) -> list[Block]:
    doc_latin = _latin_share(text[:20000]) > 0.8
    blocks: list[Block] = []
    in_list = False
    seen_body = 0
    for start, end in paragraphs:
        s = text[start:end]
        words = _words(s)
        kind = "body"
        if not any(c.isalpha() for c in s):
            kind = "markup"
        elif _LIST_HEADER.match(s) and len(words) <= 12:
            kind, in_list = "boilerplate", True
        elif _NOTICE.match(s) and len(words) <= 40:
            kind = "boilerplate"
        elif in_list and (_is_unpunctuated_line(s) or len(words) <= 12 or _title_case(s)):
            kind = "boilerplate"
        elif _BYLINE.match(s) and len(words) <= 12 and s[-1] not in ".!?":
            kind = "byline"
        elif len(words) <= 12 and _DATE_WORDS.search(s) and s[-1] not in ".!?\u201d\"" and \
                len(_DATE_WORDS.findall(s)) * 3 >= len(words):
            kind = "dateline"
        elif doc_latin and _latin_share(s) < 0.5 and len(words) <= 30:
            kind = "boilerplate"
        elif _is_unpunctuated_line(s):
            kind = "headline" if seen_body == 0 and not blocks else "caption"
            if blocks and blocks[-1].kind == "boilerplate":
                kind = "boilerplate"
        if kind == "body":
            in_list = False
            m = _DATELINE_PREFIX.match(s) if seen_body < 2 else None
            if m and m.end() < len(s):
                blocks.append(Block(start, start + len(m.group().rstrip()), "dateline"))
                start += m.end()
            seen_body += 1
        blocks.append(Block(start, end, kind))
    return blocks
