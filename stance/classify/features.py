"""What a classifier sees of a statement: its fields, and the transparent lexicon signals.

A statement reaches a classifier as a mapping with ``content`` (required) and,
when known, ``cue``, ``context``, ``quote_type`` and ``speaker`` -- the JSON
record of `stance.records`.  `statement_fields` normalises a batch of them;
`lexicon_signals` turns one into counts of lexicon evidence, the features of
the cue-lexicon baseline and of the linear models' hand-made column.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path

from ..segment.lexicon import Lexicon
from ..text.tokens import tokenize

__all__ = ["statement_fields", "cue_label", "lexicon_signals", "content_signals", "FIELDS"]

FIELDS = ("content", "cue", "context", "quote_type", "speaker")


def statement_fields(X) -> list[dict]:
    """``X`` as a list of dicts with every field of `FIELDS` (missing ones empty).

    Accepts mappings (records) and plain strings (taken as the content).
    Refuses a lone record or string, the way scikit-learn's vectorisers refuse
    a bare ``str``.
    """
    if isinstance(X, (str, bytes, Mapping)):
        raise ValueError("expected a sequence of statements (records or strings), got a single "
                         f"{type(X).__name__}; wrap it in a list")
    if not isinstance(X, Sequence) and not hasattr(X, "__iter__"):
        raise ValueError(f"expected a sequence of statements, got {type(X).__name__}")
    out = []
    for i, x in enumerate(X):
        if isinstance(x, str):
            out.append({"content": x, "cue": "", "context": "", "quote_type": "", "speaker": ""})
        elif isinstance(x, Mapping):
            if not isinstance(x.get("content"), str):
                raise ValueError(f"statement {i}: 'content' is required and must be a string")
            out.append({k: (x.get(k) or "") if isinstance(x.get(k) or "", str) else str(x.get(k)) for k in FIELDS})
        else:
            raise ValueError(f"statement {i}: expected a record (mapping) or a string, got {type(x).__name__}")
    return out


def cue_label(cue: str, lexicon: Lexicon) -> str | None:
    """The label the lexicon gives a cue text ("expressed concerns about" -> concern), or None."""
    tokens = [t.lower for t in tokenize(cue)]
    if not tokens:
        return None
    for i, tok in enumerate(tokens):  # a phrase first ("declined to comment" beats "decline")
        for toks, entry in lexicon.phrases.get(tok, ()):
            if tuple(tokens[i:i + len(toks)]) == toks:
                return entry.label
    for tok in tokens:  # a reporting noun next ("reiterated Japan's demand")
        if tok in lexicon.nouns and tokens[0] in lexicon.light_verbs | {tok}:
            return lexicon.nouns[tok].label
    for tok in tokens:
        entries = lexicon.verbs.get(tok)
        if entries:
            return entries[0].label
    for tok in tokens:
        if tok in lexicon.nouns:
            return lexicon.nouns[tok].label
    return None


@functools.lru_cache(maxsize=4)
def _signal_patterns(lang: str = "en") -> tuple:
    path = Path(str(resources.files("stance") / "resources" / "lexicons" / lang / "content_signals.tsv"))
    with open(path, encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    by_label: dict[str, list[str]] = {}
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        by_label.setdefault(row["label"], []).append(row["pattern"])
    return tuple((label, re.compile(r"\b(?:" + "|".join(pats) + r")\b", re.I)) for label, pats in by_label.items())


def content_signals(content: str, lang: str = "en") -> dict[str, int]:
    """How many times each label's content patterns occur in ``content``."""
    return {label: len(pattern.findall(content)) for label, pattern in _signal_patterns(lang)}


def lexicon_signals(fields: Mapping, lexicon: Lexicon) -> dict[str, float]:
    """Named counts of lexicon evidence for one statement (a `DictVectorizer` row)."""
    feats: dict[str, float] = {}
    label = cue_label(fields.get("cue", ""), lexicon) if fields.get("cue") else None
    feats[f"cue_label={label or 'none'}"] = 1.0
    for name, count in content_signals(fields.get("content", "")).items():
        if count:
            feats[f"content_{name}"] = float(count)
    if fields.get("quote_type"):
        feats[f"quote_type={fields['quote_type']}"] = 1.0
    return feats
