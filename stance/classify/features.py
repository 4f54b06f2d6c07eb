"""What a classifier sees of a statement: its fields, and the transparent lexicon signals.

A statement reaches a classifier as a mapping with ``content`` (required) and,
when known, ``cue``, ``context``, ``quote_type`` and ``speaker`` -- the JSON
record of `stance.records`.  `statement_fields` normalises a batch of them;
`lexicon_signals` turns one into named counts of lexicon evidence: the
features of the cue-lexicon baseline and the hand-made column of the linear
models (`stance.classify.linear`).

The evidence, all read from the team's lexicon files in
``stance/resources/lexicons/<lang>/`` or from the fixed patterns below:

- the act the **cue** carries (``cue_label``: "urged" -> demand, "said" -> none),
  and whether the cue is negated ("did not call for", "will not support");
- **content signals** (``content_signals.tsv``): "must", "cannot accept",
  "a violation of", ...;
- **modality and negation** of the content (`modality_signals`): obligation
  ("must", "should", "needs to"), negated obligation ("must not"), negated
  ability ("cannot approve"), negated volition ("will not", "refuses to"),
  plain negation, the future, first and second person, questions;
- **cues inside the content** (`text_cue_labels`): the acts of lexicon cues
  found in the content itself, which is what a statement without a separate
  cue (a source-voice sentence, a whole news sentence) has;
- the **quote type**.
"""

from __future__ import annotations

import csv
import functools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path

from ..segment.lexicon import Lexicon
from ..text.tokens import tokenize

__all__ = ["statement_fields", "cue_label", "cue_is_negated", "lexicon_signals", "content_signals",
           "modality_signals", "text_cue_labels", "FIELDS", "MODALITY_NAMES"]

FIELDS = ("content", "cue", "context", "quote_type", "speaker")

# Negation and modality of a statement's content, the "cannot approve" / "must" / "will not" evidence of
# ANNOTATION.md 3 and 3.1, read from its tokens in one pass (`modality_signals`): single words, and a word
# followed by another ("will" + "not").
MODALITY_WORDS = {
    "obligation": frozenset({"must", "should", "shall", "ought"}),
    "negation": frozenset({"not", "never", "no", "neither", "nor", "nothing", "cannot"}),
    "future": frozenset({"will", "shall"}),
    "first_person": frozenset({"we", "our", "us", "i", "my", "me"}),
    "second_person": frozenset({"you", "your"}),
}
MODALITY_PAIRS = {
    "obligation": {"need": {"to"}, "needs": {"to"}, "has": {"to"}, "have": {"to"}},
    "neg_obligation": {"must": {"not"}, "should": {"not"}, "shall": {"not"}, "need": {"not"}},
    "neg_ability": {"can": {"not"}, "could": {"not"}, "unable": {"to"}},
    "neg_volition": {"will": {"not", "never"}, "would": {"not", "never"}, "refuse": {"to"}, "refuses": {"to"},
                     "refused": {"to"}, "no": {"intention"}},
}
MODALITY_CONTRACTIONS = {  # negated contractions: "can't" -> neg_ability
    "can't": "neg_ability", "couldn't": "neg_ability", "won't": "neg_volition", "wouldn't": "neg_volition",
    "mustn't": "neg_obligation", "shouldn't": "neg_obligation", "cannot": "neg_ability",
}
MODALITY_NAMES = ("obligation", "neg_obligation", "neg_ability", "neg_volition", "negation", "future",
                  "first_person", "second_person", "question")
_NEGATORS = MODALITY_WORDS["negation"]
# the same tables keyed by token (and by token pair), so that `modality_signals` does one look-up per token
_WORD_MODALITIES: dict[str, list[str]] = {}
for _name, _words in MODALITY_WORDS.items():
    for _word in _words:
        _WORD_MODALITIES.setdefault(_word, []).append(_name)
_PAIR_MODALITIES: dict[tuple[str, str], list[str]] = {}
for _name, _pairs in MODALITY_PAIRS.items():
    for _first, _seconds in _pairs.items():
        for _second in _seconds:
            _PAIR_MODALITIES.setdefault((_first, _second), []).append(_name)


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


def _verb_label(tokens: list[str], i: int, lexicon: Lexicon) -> str | None:
    """The label of the verb form at ``tokens[i]``: the first lexicon row whose particle condition holds."""
    entries = lexicon.verbs.get(tokens[i])
    if not entries:
        return None
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    for entry in entries:
        if entry.requires_particle and nxt not in entry.particles:
            continue
        return entry.label
    return None


def cue_label(cue: str, lexicon: Lexicon) -> str | None:
    """The label the lexicon gives a cue text ("expressed concerns about" -> concern), or None.

    A phrase wins first ("declined to comment" beats "decline"), then a
    reporting noun after a light verb ("reiterated Japan's demand"), then the
    first verb whose lexicon row fits (a row that needs a particle -- "called
    on" -- counts only with its particle), then any reporting noun.  Neutral
    cues ("said") give ``"neutral"``.
    """
    tokens = [t.lower for t in tokenize(cue)]
    if not tokens:
        return None
    for i, tok in enumerate(tokens):
        for toks, entry in lexicon.phrases.get(tok, ()):
            if tuple(tokens[i:i + len(toks)]) == toks:
                return entry.label
    for tok in tokens:
        if tok in lexicon.nouns and tokens[0] in lexicon.light_verbs | {tok}:
            return lexicon.nouns[tok].label
    for i in range(len(tokens)):
        label = _verb_label(tokens, i, lexicon)
        if label is not None:
            return label
    for tok in tokens:
        if tok in lexicon.nouns:
            return lexicon.nouns[tok].label
    return None


def cue_is_negated(cue: str) -> bool:
    """Whether the cue itself is negated ("did not call for", "won't support", "never accused")."""
    return any(t.lower in _NEGATORS or t.lower.endswith(("n't", "n’t")) for t in tokenize(cue))


def text_cue_labels(text: str, lexicon: Lexicon, tokens: list[str] | None = None) -> list[str]:
    """The acts of the lexicon cues that occur in ``text``, in text order (neutral cues left out).

    The evidence a statement without a separate cue carries in its own words
    ("Yemen has rejected a request…", "We condemn…"): phrases, reporting verbs
    (with their particle where the lexicon row needs one) and reporting nouns.
    """
    if tokens is None:
        tokens = [t.lower for t in tokenize(text)]
    found: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok not in lexicon.phrases and tok not in lexicon.verbs and tok not in lexicon.nouns:
            i += 1  # no cue starts at a word the lexicon does not know (most words)
            continue
        for toks, entry in lexicon.phrases.get(tok, ()):
            if tuple(tokens[i:i + len(toks)]) == toks:
                if entry.label != "neutral":
                    found.append(entry.label)
                i += len(toks)
                break
        else:
            label = _verb_label(tokens, i, lexicon)
            if label is None and tok in lexicon.nouns:
                label = lexicon.nouns[tok].label
            if label is not None and label != "neutral":
                found.append(label)
            i += 1
    return found


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


def modality_signals(text: str, tokens: list[str] | None = None) -> dict[str, int]:
    """Counts of negation and modality (`MODALITY_NAMES`) in ``text`` (or its lower-cased ``tokens``).

    >>> sorted(k for k, v in modality_signals("We cannot approve it; they must not.").items() if v)
    ['first_person', 'neg_ability', 'neg_obligation', 'negation', 'obligation']
    """
    if tokens is None:
        tokens = [t.lower for t in tokenize(text)]
    out = dict.fromkeys(MODALITY_NAMES, 0)
    for i, tok in enumerate(tokens):
        tok = tok.replace("’", "'")
        for name in _WORD_MODALITIES.get(tok, ()):
            out[name] += 1
        if tok.endswith("n't"):
            out["negation"] += 1
            name = MODALITY_CONTRACTIONS.get(tok)
            if name:
                out[name] += 1
        elif tok == "cannot":
            out["neg_ability"] += 1
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None:
            for name in _PAIR_MODALITIES.get((tok, nxt), ()):
                out[name] += 1
        if tok == "?":
            out["question"] += 1
    return out


def lexicon_signals(fields: Mapping, lexicon: Lexicon) -> dict[str, float]:
    """Named counts of lexicon evidence for one statement (a `DictVectorizer` row).

    Counts are clipped at 3, so one long quotation does not outweigh the cue.
    """
    feats: dict[str, float] = {}
    cue = fields.get("cue") or ""
    label = cue_label(cue, lexicon) if cue else None
    feats[f"cue_label={label or 'none'}"] = 1.0
    if cue and cue_is_negated(cue):
        feats["cue_negated"] = 1.0
        feats[f"cue_label={label or 'none'}&negated"] = 1.0
    content = fields.get("content", "")
    for name, count in content_signals(content).items():
        if count:
            feats[f"content_{name}"] = float(min(count, 3))
    tokens = [t.lower for t in tokenize(content)]
    for name, count in modality_signals(content, tokens).items():
        if count:
            feats[f"mod:{name}"] = float(min(count, 3))
    content_cues = text_cue_labels(content, lexicon, tokens)
    for name, count in Counter(content_cues).items():
        feats[f"content_cue={name}"] = float(min(count, 3))
    if content_cues:
        feats[f"first_content_cue={content_cues[0]}"] = 1.0
    if fields.get("quote_type"):
        feats[f"quote_type={fields['quote_type']}"] = 1.0
    return feats
