"""Pair quotation marks in one left-to-right pass.

Why a pass with a stack and not a regular expression: real text has
unbalanced marks, apostrophes that look like closing quotes, quotes running
over several paragraphs (an opening mark on each paragraph, a closing mark on
the last), and many typographic conventions (“…”, „…“, «…», »…«, ‹…›, 「…」,
『…』, '…', "…").  A single pass costs time linear in the text whatever its
marks do; an unclosed quote is recovered at its paragraph's end instead of
swallowing the rest of the document.
"""

from __future__ import annotations

import bisect
import operator
import re
from dataclasses import dataclass

__all__ = ["Quote", "find_quotes", "paragraph_spans", "QUOTE_CHARS"]

# opening mark -> the marks that may close it
_CLOSERS = {
    "\u201c": "\u201d\"",  # “ … ” (and “ … " as typed in real text)
    "\u201e": "\u201c\u201d",  # „ … “ (German, Polish …)
    "\u00ab": "\u00bb",  # « … »
    "\u2039": "\u203a",  # ‹ … ›
    "\u300c": "\u300d",  # 「 … 」
    "\u300e": "\u300f",  # 『 … 』
    "\u2018": "\u2019",  # ‘ … ’
    '"': '"\u201d',  # " … " (and " … ” as typed in real text)
    "'": "'",
}
# marks that open only in the reversed (German/Nordic) convention: » … «, › … ‹
_REVERSED = {"\u00bb": "\u00ab", "\u203a": "\u2039"}
QUOTE_CHARS = frozenset(_CLOSERS) | frozenset("".join(_CLOSERS.values())) | frozenset(_REVERSED)
_SINGLE = frozenset("'\u2018\u2019")
# any quotation mark, and any single one: `find_quotes` jumps from mark to mark instead of visiting each character
_QUOTE_CHAR = re.compile("[" + re.escape("".join(sorted(QUOTE_CHARS))) + "]")
_SINGLE_CHAR = re.compile("[" + re.escape("".join(sorted(_SINGLE))) + "]")
_start = operator.methodcaller("start")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: ``open`` is the offset of the opening mark, ``close`` of the closing one.

    The quoted text is ``text[open + 1:close]``.  When the quote was not closed
    in its paragraph, ``closed`` is False and ``close`` is the paragraph's end
    (trailing white space excluded).  ``continues`` is True when the next
    paragraph opens with the same mark (the open-quote-per-paragraph
    convention): the speaker carries over.
    """

    open: int
    close: int
    mark: str
    closed: bool = True
    continues: bool = False
    # the mark is "''" for a doubled apostrophe: then ``open`` is its second character

    @property
    def inner(self) -> tuple[int, int]:
        return self.open + 1, self.close


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs as ``(start, end)``, white space at both ends excluded.

    A blank line always ends a paragraph; a single line break does too, unless
    it is a hard wrap inside a sentence (the line does not end a sentence and
    the next one starts in lower case).  Linear in ``len(text)``.
    """
    spans = []
    n = len(text)
    start = 0
    i = text.find("\n")
    while i != -1:
        j = i + 1
        blank = False
        while j < n and text[j] in "\r\n \t\u00a0\u200b\ufeff":
            blank = blank or text[j] == "\n"
            j += 1
        k = i
        while k > start and text[k - 1] in "\r \t\u00a0":
            k -= 1
        soft = (not blank and j < n and k > start and text[k - 1] not in _LINE_END
                and text[j].islower())
        if not soft:
            if text[start:k].strip():
                spans.append((start, k))
            start = j
        i = text.find("\n", j) if j < n else -1
    end = n
    while end > start and text[end - 1].isspace():
        end -= 1
    if text[start:end].strip():
        spans.append((start, end))
    return [_lstrip(text, s, e) for s, e in spans]


_LINE_END = frozenset(".!?:;\"\u201d\u2019\u00bb)")


def _lstrip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    return s, e


def _is_letter(ch: str) -> bool:
    return ch.isalnum()


def _can_open(text: str, i: int) -> bool:
    """A mark at ``i`` opens a quote when it is not glued to a preceding word (apostrophes are)."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if nxt.isspace() and text[i] in "\"'":
        return False
    return not _is_letter(prev) and not (text[i] in _SINGLE and prev in ".,")


def _can_close(text: str, i: int) -> bool:
    """A single mark closes only when no letter follows it (``don’t`` is an apostrophe)."""
    if text[i] not in _SINGLE:
        return True
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return not _is_letter(nxt)


def find_quotes(text: str, paragraphs: list[tuple[int, int]] | None = None) -> list[Quote]:
    """All quotations of ``text``, outermost only, in order.

    Nested quotations stay inside their outer quote.  A mark that opens the
    same kind of quote as the one still open means the open one was never
    closed: it is recovered there.  Linear in ``len(text)``.
    """
    if paragraphs is None:
        paragraphs = paragraph_spans(text)
    quotes: list[Quote] = []
    for p_index, (start, end) in enumerate(paragraphs):
        stack: list[tuple[int, str, str]] = []  # (offset, mark, closers)
        single_closers = None  # offsets of possible closing single marks, computed on first need
        skip = -1
        for m in _QUOTE_CHAR.finditer(text, start, end):  # only the marks: the other characters never matter
            i = m.start()
            if i <= skip:
                continue
            ch = text[i]
            if ch == "'" and i + 1 < end and text[i + 1] == "'":
                # '' as a double quotation mark (a newswire convention): the quote's inside starts after the
                # second mark and ends before the first one, so text[open + 1:close] is still the inside
                skip = i + 1
                if stack and stack[-1][1] == "''" and i > start and not text[i - 1].isspace():
                    o, mark, _ = stack.pop()
                    if not stack:
                        quotes.append(Quote(o, i, mark))
                elif i + 2 < end and not text[i + 2].isspace() and (i == start or not _is_letter(text[i - 1])):
                    stack.append((i + 1, "''", ""))
                continue
            if stack and ch in stack[-1][2] and _can_close(text, i):
                o, mark, _ = stack.pop()
                if not stack:
                    quotes.append(Quote(o, i, mark))
                continue
            if ch in _CLOSERS and _can_open(text, i):
                if ch in _SINGLE:
                    if stack and stack[-1][1] in _SINGLE:
                        continue
                    if single_closers is None:
                        single_closers = _single_closers(text, start, end)
                    k = bisect.bisect_left(single_closers, i + 2)
                    if k == len(single_closers) or single_closers[k] > i + _SINGLE_WINDOW:
                        continue  # an apostrophe such as ’90s or 'em
                elif len(stack) == 1 and stack[0][1] == ch:
                    o, mark, _ = stack.pop()  # the open quote was never closed
                    quotes.append(Quote(o, _rstrip(text, o, i), mark, closed=False))
                stack.append((i, ch, _CLOSERS[ch]))
            elif ch in _REVERSED and not stack and _can_open(text, i) and i + 1 < end and _is_letter(text[i + 1]):
                stack.append((i, ch, _REVERSED[ch]))
        if stack:
            o, mark, _ = stack[0]
            nxt = paragraphs[p_index + 1][0] if p_index + 1 < len(paragraphs) else None
            continues = nxt is not None and text.startswith(mark, nxt)
            quotes.append(Quote(o, _rstrip(text, o, end), mark, closed=False, continues=continues))
    return quotes


_SINGLE_WINDOW = 600


def _rstrip(text: str, lo: int, end: int) -> int:
    while end > lo + 1 and text[end - 1].isspace():
        end -= 1
    return end


def _single_closers(text: str, start: int, end: int) -> list[int]:
    """Offsets in ``[start, end)`` where a single mark could close a quote (sorted, for bisect)."""
    return [j for j in map(_start, _SINGLE_CHAR.finditer(text, start + 1, end))
            if _can_close(text, j) and not text[j - 1].isspace()]
