"""The JSON record: one statement per object, the exchange format of the library.

The command line writes it, ``stance classify`` and ``stance evaluate`` read it,
experiment scripts store it.  Field names follow the design document::

    {"doc_id": "...", "speaker": "Masashi Nakagome",
     "speaker_text": "Nakagome", "speaker_span": [812, 820],
     "cue": "demanded", "cue_span": [835, 843],
     "content": "that Russia ...", "content_span": [844, 958],
     "quote_type": "indirect", "label": "demand", "score": 0.93}

`validate_record` checks a record and names the first bad field.
"""

from __future__ import annotations

import math
from typing import Mapping

from .document import QUOTE_TYPES, Span, Statement
from .errors import SchemaError

__all__ = ["to_record", "from_record", "validate_record", "statement_context", "RECORD_FIELDS"]

RECORD_FIELDS = (
    "doc_id", "speaker", "speaker_text", "speaker_span", "cue", "cue_span",
    "content", "content_span", "quote_type", "label", "score",
)
_SPANS = (("speaker_span", "speaker_text"), ("cue_span", "cue"), ("content_span", "content"))


def to_record(statement: Statement, text: str) -> dict:
    """The JSON record of ``statement``; ``text`` is its document's original text."""

    def cut(span):
        return None if span is None else span.text(text)

    return {
        "doc_id": statement.doc_id,
        "speaker": statement.speaker,
        "speaker_text": cut(statement.speaker_span),
        "speaker_span": None if statement.speaker_span is None else statement.speaker_span.to_list(),
        "cue": cut(statement.cue_span),
        "cue_span": None if statement.cue_span is None else statement.cue_span.to_list(),
        "content": cut(statement.content_span),
        "content_span": statement.content_span.to_list(),
        "quote_type": statement.quote_type,
        "label": statement.label,
        "score": statement.score,
    }


def from_record(record: Mapping, text: str | None = None) -> Statement:
    """A `Statement` from a record (validated first; against ``text`` when given)."""
    validate_record(record, text)
    return Statement(
        doc_id=str(record["doc_id"]),
        content_span=Span.from_list(record["content_span"]),
        speaker=record.get("speaker"),
        speaker_span=Span.from_list(record.get("speaker_span")),
        cue_span=Span.from_list(record.get("cue_span")),
        quote_type=record.get("quote_type") or "indirect",
        label=record.get("label"),
        score=record.get("score"),
    )


def _check_span(record, key):
    value = record.get(key)
    if value is None:
        return None
    if (not isinstance(value, (list, tuple)) or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)):
        raise SchemaError(key, f"must be [start, end] with two integers, got {value!r}")
    if not 0 <= value[0] <= value[1]:
        raise SchemaError(key, f"must satisfy 0 <= start <= end, got {value!r}")
    return value


def validate_record(record: Mapping, text: str | None = None, *, require_spans: bool = True) -> None:
    """Raise `SchemaError` naming the first field of ``record`` that breaks the format.

    With ``text``, every span must fit it and every ``*_text`` / ``cue`` /
    ``content`` field present must equal the text at its span.
    ``require_spans=False`` accepts records without offsets (statements
    segmented elsewhere, as ``stance classify`` reads them).
    """
    if not isinstance(record, Mapping):
        raise SchemaError("record", f"must be a JSON object, got {type(record).__name__}")
    if require_spans:
        if "doc_id" not in record:
            raise SchemaError("doc_id", "is required")
        if record.get("content_span") is None:
            raise SchemaError("content_span", "is required")
    if "doc_id" in record and not isinstance(record["doc_id"], (str, int)):
        raise SchemaError("doc_id", f"must be a string, got {type(record['doc_id']).__name__}")
    if not require_spans and not isinstance(record.get("content"), str):
        raise SchemaError("content", "is required and must be a string")
    for key in ("speaker", "speaker_text", "cue", "content", "label"):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise SchemaError(key, f"must be a string or null, got {type(record[key]).__name__}")
    if record.get("quote_type") is not None and record["quote_type"] not in QUOTE_TYPES:
        raise SchemaError("quote_type", f"must be one of {list(QUOTE_TYPES)}, got {record['quote_type']!r}")
    score = record.get("score")
    if score is not None and (isinstance(score, bool) or not isinstance(score, (int, float))
                              or not math.isfinite(score) or not 0.0 <= score <= 1.0):
        raise SchemaError("score", f"must be a number in [0, 1] or null, got {score!r}")
    for span_key, text_key in _SPANS:
        span = _check_span(record, span_key)
        if span is None or text is None:
            continue
        if span[1] > len(text):
            raise SchemaError(span_key, f"{span} runs past the end of the text ({len(text)} characters)")
        given = record.get(text_key)
        if given is not None and given != text[span[0]:span[1]]:
            raise SchemaError(text_key, f"{given[:40]!r} is not the text at {span_key} {span}")


# a speaker mention further than this (characters) from the cue and content is not part of the context:
# a resolved mention can lie anywhere before (a title line, an earlier quotation), and a context reaching
# back to it would make the classifier's input, and its cost, grow with the document
CONTEXT_REACH = 1000


def statement_context(text: str, statement: Statement, width: int = 0) -> str:
    """The stretch of text holding the statement's speaker, cue and content (plus ``width`` either side).

    Classifiers get it as the record's ``context`` field.  The speaker's mention counts only when it lies
    within `CONTEXT_REACH` characters of the cue and content, so the context stays local.
    """
    core = [s for s in (statement.cue_span, statement.content_span) if s is not None]
    speaker = statement.speaker_span
    if speaker is not None and (speaker.end >= min(s.start for s in core) - CONTEXT_REACH
                                and speaker.start <= max(s.end for s in core) + CONTEXT_REACH):
        core.append(speaker)
    spans = core
    lo = max(0, min(s.start for s in spans) - width)
    hi = min(len(text), max(s.end for s in spans) + width)
    return text[lo:hi]
