"""Sentence splitting that knows abbreviations, initials, numbers and quotation marks.

A boundary is a run of ``.``, ``!`` or ``?`` (with closing quotes or brackets
glued to it) followed by white space and a plausible sentence start.  It is
refused after an abbreviation (``Mr.``, ``Gen.``, ``Jan.``, ``U.S.`` before a
name), after a single initial (``J. Smith``), and inside a quotation: a
quotation of several sentences stays in one unit, which the segmenter splits
again by `split_inside` (one statement per sentence of content).  Paragraph
ends always end a sentence.  Linear in the length of the text.
"""

from __future__ import annotations

import bisect
import re

from .quotes import Quote

__all__ = ["split_sentences", "split_inside", "ABBREVIATIONS"]

# lower-cased, without the final period
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof gen lt col maj capt cmdr adm sgt cpl pvt rep sen gov lt.gov pres sec amb
st mt ft jr sr co corp inc ltd llc bros dept univ assn est fig no nos vol vs etc al approx
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
u.s u.n u.k u.s.a e.u d.c n.y l.a p.m a.m i.e e.g cf op rev hon gov't
ariz calif colo conn fla ga ill ind kan ky la mass md mich minn miss mo mont neb nev okla ore pa tenn
tex va wash wis wyo
""".split())
# abbreviations that often end a sentence: a boundary after them when a sentence-like word follows
_TERMINAL_ABBREVIATIONS = frozenset({"u.s", "u.n", "u.k", "u.s.a", "e.u", "d.c", "p.m", "a.m", "etc", "jr", "co", "inc",
                                     "ltd", "corp"})
_SENTENCE_STARTERS = frozenset("""
the a an he she it they we i you this that these those but and however in on at for if when while
his her its their our there here what who why how
""".split())

_BOUNDARY = re.compile(r"[.!?\u2026\u3002\uff01\uff1f]+[\"'\u201d\u2019\u00bb\u203a\u300d\u300f)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"([\w.\u2019'-]+)$")
_CLOSERS = "\"'\u201d\u2019\u00bb\u203a\u300d\u300f)]"


def _inside(sorted_quotes: list[Quote], starts: list[int], pos: int) -> bool:
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and sorted_quotes[k].open < pos < sorted_quotes[k].close


def _is_abbreviation(text: str, lo: int, dot: int) -> bool:
    """Whether the period at ``dot`` ends an abbreviation or an initial rather than a sentence."""
    m = _WORD_BEFORE.search(text, max(lo, dot - 20), dot)
    if not m:
        return False
    word = m.group(1).lower().strip("'\u2019-")
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "J. Smith"
    return word in ABBREVIATIONS


_NEXT_WORD = re.compile(r"\s*(\S*)")  # (``\s`` is exactly ``str.isspace``)


def _next_word(text: str, pos: int, hi: int) -> str:
    return _NEXT_WORD.match(text, pos, hi).group(1)


def split_sentences(text: str, paragraphs: list[tuple[int, int]], quotes: list[Quote]) -> list[tuple[int, int]]:
    """Sentences as ``(start, end)`` offsets, never cutting inside a quotation.

    ``end`` includes the final punctuation and closing marks; surrounding
    white space is excluded.
    """
    starts = [q.open for q in quotes]
    out = []
    for p_lo, p_hi in paragraphs:
        lo = p_lo
        for m in _BOUNDARY.finditer(text, p_lo, p_hi):
            end = m.end()
            if _inside(quotes, starts, m.start()) and _inside(quotes, starts, end):
                continue  # inside a quotation (a boundary whose closing mark ends the quote is fine)
            nxt = _next_word(text, end, p_hi)
            if not nxt:
                continue
            first = nxt.lstrip("\"'\u201c\u2018\u201e\u00ab\u00bb(\u2014-")
            if first and first[0].islower():
                continue
            if m.group(0)[0] == "." and len(m.group(0).rstrip(_CLOSERS)) == 1 and _is_abbreviation(text, lo, m.start()):
                word = _WORD_BEFORE.search(text, max(lo, m.start() - 20), m.start()).group(1).lower()
                if word not in _TERMINAL_ABBREVIATIONS or first.lower() not in _SENTENCE_STARTERS:
                    continue
            out.append(_trim(text, lo, end))
            lo = end
        if text[lo:p_hi].strip():
            out.append(_trim(text, lo, p_hi))
    return [piece for s in out if s[1] > s[0] for piece in _bounded(text, s)]


MAX_SENTENCE = 3000  # characters: longer runs without a boundary (a 5 MB line) are cut at white space


def _bounded(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """``span`` cut into pieces of at most about `MAX_SENTENCE` characters, at white space, so that no
    later stage sees an unbounded sentence (and the cost stays linear in the text's length)."""
    lo, hi = span
    if hi - lo <= MAX_SENTENCE:
        return [span]
    pieces = []
    while hi - lo > MAX_SENTENCE:
        cut = text.rfind(" ", lo + MAX_SENTENCE // 2, lo + MAX_SENTENCE)
        cut = cut if cut > lo else lo + MAX_SENTENCE
        pieces.append(_trim(text, lo, cut))
        lo = cut
    pieces.append(_trim(text, lo, hi))
    return [p for p in pieces if p[1] > p[0]]


def split_inside(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Sentences within ``text[lo:hi]`` (e.g. the inside of one quotation), ignoring quotation marks."""
    return split_sentences(text, [(lo, hi)], [])


def _trim(text: str, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    return lo, hi
