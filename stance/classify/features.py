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
- **cue frames** (`cue_frame_signals`): the cue's lemma joined with the shape
  of its content ("asked" + an addressee and an infinitive, "insisted" + a
  negated clause), the combinations a linear model cannot form by itself;
- **what the act is aimed at** (`object_kind`): a claim or a proposal named
  right after the cue ("dismissed the allegations", "opposes the draft"),
  which turns ``reject`` / ``oppose`` into a rejection rather than a concern
  (ANNOTATION.md 3.1, 6.4), and **denials** in the content's own words
  (`denial_signals`: "I never said", "we did not", "is not true");
- the **quote type**.

It also holds the functions the fitted models call at prediction time --
`statement_table` and `lexicon_feature_dicts` (the `FunctionTransformer` steps
of the linear models) and `lexicon_rule` (the rules of the cue-lexicon
baseline) -- so that the plain-data models of `stance.classify.plain` can call
the very same code without importing scikit-learn.  This module must
therefore never import scikit-learn.
"""

from __future__ import annotations

import csv
import functools
import itertools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from importlib import resources
from operator import or_
from pathlib import Path

import numpy as np

from ..segment.lexicon import Lexicon, load_lexicon
from ..text.tokens import tokenize

__all__ = ["statement_fields", "statement_table", "lexicon_feature_dicts", "cue_entry", "cue_label", "cue_is_negated",
           "lexicon_signals", "content_signals", "modality_signals", "text_cue_labels", "content_frame",
           "cue_frame_signals", "inner_cue_frame_signals", "object_kind", "denial_signals", "rule_lexicon",
           "rule_names", "lexicon_rule", "rule_probabilities", "lexicon_group", "LEXICON_GROUPS", "FIELDS",
           "MODALITY_NAMES"]

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
# every token `modality_signals` looks at besides contractions (none of them holds an apostrophe)
_MODALITY_TOKENS = frozenset(_WORD_MODALITIES) | frozenset(first for first, _ in _PAIR_MODALITIES) | {"cannot", "?"}


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


def statement_table(X) -> np.ndarray:
    """Statement records (or strings) as an object array of shape ``(n, len(FIELDS))``.

    The field extractor of the text pipelines (step ``fields`` of
    `stance.classify.linear.make_features`); refuses a lone record or string
    like `statement_fields`.
    """
    fields = statement_fields(X)
    table = np.empty((len(fields), len(FIELDS)), dtype=object)
    for i, f in enumerate(fields):
        table[i] = [f[k] for k in FIELDS]
    return table


# the groups of `lexicon_signals`' features by name prefix, first match wins (``content_cue=`` before ``content_``);
# a name joined with a frame (``cue_label=demand&frame=that``) belongs to the cue frames
LEXICON_GROUPS = (("content_cue=", "content_cues"), ("first_content_cue=", "content_cues"),
                  ("cue_lemma=", "cue_frames"), ("frame=", "cue_frames"), ("inner_", "cue_frames"),
                  ("cue_label=", "cue_label"), ("cue_negated", "cue_label"), ("mod:", "modality"),
                  ("quote_type=", "quote_type"), ("content_", "content_signals"), ("object=", "objects"),
                  ("denial:", "objects"))


def lexicon_group(name: str) -> str:
    """The group of a lexicon feature name (`LEXICON_GROUPS`), ``"other"`` for a name of none."""
    if "&frame=" in name:
        return "cue_frames"
    if "&object=" in name:
        return "objects"
    return next((group for prefix, group in LEXICON_GROUPS if name.startswith(prefix)), "other")


def lexicon_feature_dicts(table, lexicon: str = "en", cue_frames: bool = True, exclude=(),
                          objects: bool = False) -> list[dict]:
    """One dict of named lexicon features per row of a `statement_table` (a `DictVectorizer`'s input).

    ``cue_frames=False`` leaves out the cue frames (`cue_frame_signals`);
    ``objects=True`` adds what the act is aimed at and denials (`object_kind`,
    `denial_signals`; off by default so that models fitted before them keep
    their features);
    ``exclude`` names groups of `LEXICON_GROUPS` to leave out (for ablations).
    """
    lex = load_lexicon(lexicon)
    rows = [lexicon_signals(dict(zip(FIELDS, row)), lex, cue_frames=cue_frames, objects=objects) for row in table]
    if exclude:
        rows = [{k: v for k, v in row.items() if lexicon_group(k) not in exclude} for row in rows]
    return rows


def _verb_entry(tokens: list[str], i: int, lexicon: Lexicon):
    """The lexicon row of the verb form at ``tokens[i]``: the first whose particle condition holds, or None."""
    entries = lexicon.verbs.get(tokens[i])
    if not entries:
        return None
    nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
    for entry in entries:
        if entry.requires_particle and nxt not in entry.particles:
            continue
        return entry
    return None


def _verb_label(tokens: list[str], i: int, lexicon: Lexicon) -> str | None:
    """The label of the verb form at ``tokens[i]`` (see `_verb_entry`)."""
    entry = _verb_entry(tokens, i, lexicon)
    return None if entry is None else entry.label


def _memo_by_cue(function):
    """Memoise ``function(cue, lexicon)`` by cue text, for each lexicon object (not when more is passed).

    Why: a corpus has few distinct cue texts ("said", "urged"), and every statement asks the same
    questions of its cue several times (label, negation, frame); the answers depend on nothing else.
    """
    caches: dict[int, tuple[object, dict]] = {}

    @functools.wraps(function)
    def memoised(cue, lexicon=None, *more, **options):
        if more or options:
            return function(cue, lexicon, *more, **options)
        held = caches.get(id(lexicon))
        if held is None or held[0] is not lexicon:
            if len(caches) >= 16:  # a few lexicons at a time: never grows without end
                caches.clear()
            held = caches[id(lexicon)] = (lexicon, {})
        cache = held[1]
        if cue not in cache:
            if len(cache) >= 100_000:  # bounded: a corpus run never grows it without end
                cache.clear()
            cache[cue] = function(cue, lexicon)
        return cache[cue]

    return memoised


@_memo_by_cue
def cue_entry(cue: str, lexicon: Lexicon, tokens: list[str] | None = None):
    """The lexicon row that gives a cue text its act (a `CueEntry`: ``lemma``, ``label``), or None.

    A phrase wins first ("declined to comment" beats "decline"), then a
    reporting noun after a light verb ("reiterated Japan's demand"), then the
    first verb whose lexicon row fits and carries an act (a row that needs a
    particle -- "called on" -- counts only with its particle; "shut down
    questions by rejecting" is carried by "rejecting", not by the neutral
    "questions"), then the first neutral verb, then any reporting noun.
    """
    if tokens is None:
        tokens = [t.lower for t in tokenize(cue)]
    for i, tok in enumerate(tokens):
        for toks, entry in lexicon.phrases.get(tok, ()):
            if tuple(tokens[i:i + len(toks)]) == toks:
                return entry
    for tok in tokens:
        if tok in lexicon.nouns and tokens[0] in lexicon.light_verbs | {tok}:
            return lexicon.nouns[tok]
    neutral = None
    for i in range(len(tokens)):
        entry = _verb_entry(tokens, i, lexicon)
        if entry is not None:
            if entry.label != "neutral":
                return entry
            neutral = neutral or entry
    if neutral is not None:
        return neutral
    for tok in tokens:
        if tok in lexicon.nouns:
            return lexicon.nouns[tok]
    return None


def cue_label(cue: str, lexicon: Lexicon) -> str | None:
    """The label the lexicon gives a cue text ("expressed concerns about" -> concern), or None.

    The row is the one `cue_entry` picks; neutral cues ("said") give ``"neutral"``.
    """
    entry = cue_entry(cue, lexicon)
    return None if entry is None else entry.label


@_memo_by_cue
def cue_is_negated(cue: str, lexicon: Lexicon | None = None) -> bool:
    """Whether the cue itself is negated ("did not call for", "won't support", "never accused").

    With a ``lexicon``, a negation that belongs to the cue's own lexicon phrase
    ("cannot accept", "will not tolerate": the act is the refusal) does not count.
    """
    tokens = [t.lower for t in tokenize(cue)]
    own: set[str] = set()
    if lexicon is not None:
        entry = cue_entry(cue, lexicon, tokens)
        if entry is not None and entry.kind == "phrase":
            own = {t.lower for t in tokenize(entry.lemma)}
    return any((t in _NEGATORS or t.endswith(("n't", "n’t"))) and t not in own for t in tokens)


def _cue_starts(lexicon: Lexicon) -> frozenset:
    """The words a cue of `text_cue_labels` can start with (phrases' first words, verb and noun forms)."""
    held = _CUE_STARTS.get(id(lexicon))
    if held is None or held[0] is not lexicon:
        if len(_CUE_STARTS) >= 16:  # a few lexicons at a time: never grows without end
            _CUE_STARTS.clear()
        held = _CUE_STARTS[id(lexicon)] = (lexicon, frozenset(lexicon.phrases) | frozenset(lexicon.verbs)
                                           | frozenset(lexicon.nouns))
    return held[1]


_CUE_STARTS: dict[int, tuple[Lexicon, frozenset]] = {}


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
    # no cue starts at a word the lexicon does not know (most words): visit only the others
    for j in itertools.compress(itertools.count(), map(_cue_starts(lexicon).__contains__, tokens)):
        if j < i:
            continue  # inside the phrase just found
        i = j
        tok = tokens[i]
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
    # only the tokens the tables know, contractions and "?" count: the loop visits those alone
    relevant = map(or_, map(_MODALITY_TOKENS.__contains__, tokens),
                   map(str.endswith, tokens, itertools.repeat(("n't", "n’t"))))
    for i in itertools.compress(itertools.count(), relevant):
        tok = tokens[i].replace("’", "'")
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


_QUOTE_MARKS = frozenset('"\'“”‘’«»„‟‹›「」『』')
_WH_WORDS = frozenset({"whether", "if", "why", "how", "what", "who", "whom", "when", "where", "which"})
_FRAME_PREPOSITIONS = frozenset({"against", "for", "of", "about", "on", "over", "with", "to"})


def content_frame(tokens: list[str]) -> str:
    """The shape of the content's opening, which tells what the cue governs.

    ``that`` (a clause: "insisted that…"), ``to`` (an infinitive: "refused to
    sign"), ``not_to`` ("warned not to…"), ``obj_to`` / ``obj_not_to`` /
    ``obj_against`` (an addressee, then the act asked of it: "asked the firm
    to…", "warned Venezuela against…"), ``wh`` (an embedded question),
    ``prep_<word>`` (a prepositional object: "warned of…", "called for…"),
    ``quote`` (a quotation) or ``np`` (anything else: a noun phrase or a clause).
    """
    words = [t for t in tokens if t not in _QUOTE_MARKS]
    if tokens and tokens[0] in _QUOTE_MARKS:
        return "quote"
    if not words:
        return "none"
    first = words[0]
    if first == "that":
        return "that"
    if first == "to":
        return "to"
    if first in ("not", "never") and words[1:2] == ["to"]:
        return "not_to"
    if first in _WH_WORDS:
        return "wh"
    if first in _FRAME_PREPOSITIONS:
        return f"prep_{first}"
    for i, tok in enumerate(words[1:8], 1):
        if tok in ("that", ";", ":"):
            break
        if tok == "to" and words[i - 1] in ("not", "never"):
            return "obj_not_to"
        if tok == "to":
            return "obj_to"
        if tok == "against":
            return "obj_against"
    return "np"


def cue_frame_signals(cue: str, tokens: list[str], lexicon: Lexicon) -> dict[str, float]:
    """What the cue does with its content: the cue's lemma, alone and joined with the content's shape.

    A linear model cannot combine two features by itself, and the act often
    lies in the combination: "asked" + "the firm to pay" is a demand but
    "asked" + "whether…" is not; "warned" + "X against…" is a demand but
    "warned of…" a concern; "insisted" + a negated clause is a denial
    (ANNOTATION.md 3.1, 6.4).  Features: ``cue_lemma``, its negation, and the
    lemma and the cue's label each joined with `content_frame` and with
    whether the content is negated.
    """
    entry = cue_entry(cue, lexicon) if cue else None
    label = entry.label if entry is not None else "none"
    lemma = entry.lemma if entry is not None else ("none" if not cue else "unknown")
    frame = content_frame(tokens)
    feats = {f"cue_lemma={lemma}": 1.0, f"frame={frame}": 1.0, f"cue_lemma={lemma}&frame={frame}": 1.0,
             f"cue_label={label}&frame={frame}": 1.0}
    if cue and cue_is_negated(cue, lexicon):
        feats[f"cue_lemma={lemma}&negated"] = 1.0
    if any(t in _NEGATORS or t.endswith(("n't", "n’t")) for t in tokens):
        feats[f"cue_lemma={lemma}&content_negated"] = 1.0
        feats[f"cue_label={label}&content_negated"] = 1.0
    return feats


def inner_cue_frame_signals(tokens: list[str], lexicon: Lexicon) -> dict[str, float]:
    """`cue_frame_signals` for the first lexicon verb inside a content that has no cue of its own.

    A source-voice sentence or a whole news sentence carries its cue inside:
    "The ministry asked the firm to pay" -> ``inner_lemma=ask&frame=obj_to``;
    a negator among the three words before the verb ("did not call for")
    negates it.
    """
    found = _inner_cue(tokens, lexicon)
    if found is None:
        return {}
    entry, i, j = found
    frame = content_frame(tokens[j:])
    negated = any(t in _NEGATORS or t.endswith(("n't", "n’t")) for t in tokens[max(0, i - 3):i])
    feats = {f"inner_lemma={entry.lemma}": 1.0, f"inner_lemma={entry.lemma}&frame={frame}": 1.0,
             f"inner_label={entry.label}&frame={frame}": 1.0}
    if negated:
        feats[f"inner_lemma={entry.lemma}&negated"] = 1.0
    return feats


def _inner_cue(tokens: list[str], lexicon: Lexicon):
    """(lexicon row, its index, the index past it and its particle) of the first lexicon verb in ``tokens``, or None."""
    for i in range(len(tokens)):
        entry = _verb_entry(tokens, i, lexicon)
        if entry is None:
            continue
        j = i + 1
        if j < len(tokens) and tokens[j] in entry.particles:
            j += 1
        return entry, i, j
    return None


# What a rejection answers (ANNOTATION.md 3: "a demand, protest, proposal, claim, accusation or decision") as the
# head noun right after the cue: rejecting or opposing one of these is `rejection`, rejecting a phenomenon
# ("we reject violence") or opposing a measure in force is `concern` (6.4).
OBJECT_NOUNS = {
    "claim": frozenset({"claim", "claims", "allegation", "allegations", "accusation", "accusations", "charge",
                        "charges", "report", "reports", "assertion", "assertions", "suggestion", "suggestions",
                        "notion", "rumor", "rumors", "rumour", "rumours", "speculation", "criticism", "criticisms",
                        "story", "stories", "narrative", "characterization", "characterisation", "premise",
                        "contention", "insinuation", "insinuations", "idea", "comparison", "comparisons"}),
    "proposal": frozenset({"proposal", "proposals", "plan", "plans", "request", "requests", "demand", "demands",
                           "offer", "offers", "bill", "bills", "deal", "draft", "invitation", "invitations",
                           "call", "calls", "appeal", "appeals", "nomination", "nominee", "treaty", "ultimatum",
                           "initiative", "terms", "conditions", "protest", "protests", "representations",
                           "amendment", "resolution", "legislation", "measure"}),
}
_OBJECT_SKIP = frozenset({"the", "a", "an", "this", "these", "those", "its", "their", "his", "her", "our",
                          "your", "any", "all", "such", "latest", "new", "recent", "so", "-", "called", "u.s", "us"})
# what a first-person subject's negation denies: having said something ("I never said that") or other words and
# conduct ("we did not", "I never took", "I am not", "I never promised")
_DENIED_SPEECH = frozenset({"said", "say", "says", "claimed", "told"})
_DENIED_OTHER = frozenset({"saying", "claim", "tell", "promised", "promise", "suggested", "suggest", "called", "meant",
                           "mean", "did", "do", "was", "were", "am", "is", "are", "have", "had", "has", "took", "take",
                           "used", "knew", "know"})
_FIRST_PERSON_SUBJECTS = frozenset({"i", "we"})


def object_kind(tokens: list[str]) -> str | None:
    """``claim`` or ``proposal`` when the content opens with such a noun phrase, else None.

    Looks at the opening noun phrase only (past determiners, possessives and a
    few modifiers, at most three other words in): the thing the cue's act is
    aimed at, "dismissed *the allegations*", "opposes *Tokyo's latest proposal*".
    """
    seen = 0
    for tok in tokens:
        if tok in _QUOTE_MARKS or tok in _OBJECT_SKIP or tok in ("'s", "’s"):
            continue
        for kind, nouns in OBJECT_NOUNS.items():
            if tok in nouns:
                return kind
        seen += 1
        if seen >= 3 or tok in ("that", "to", ",", ";", ":", "and", "of"):
            return None
    return None


def denial_signals(tokens: list[str]) -> dict[str, float]:
    """Denials in a content's own words: the counter-claims of ANNOTATION.md 3.1 and 6.4.

    ``denial:self_negation``: a first-person subject followed within two words
    by a negation ("I never said", "we did not order", "I don't believe"),
    joined with ``speech`` or ``act`` when a verb of saying or of conduct
    follows the negation; ``denial:not_true``: "not true", "no truth", "not the case", "never
    happened"-style flat contradictions.
    """
    out: dict[str, float] = {}
    for i, tok in enumerate(tokens):
        negator = tok in _NEGATORS or tok.endswith(("n't", "n’t"))
        if not negator:
            continue
        if any(t in _FIRST_PERSON_SUBJECTS for t in tokens[max(0, i - 2):i]):
            out["denial:self_negation"] = 1.0
            nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
            if nxt in _DENIED_SPEECH:
                out["denial:self_negation&speech"] = 1.0
            elif nxt in _DENIED_OTHER:
                out["denial:self_negation&act"] = 1.0
        nxt = tokens[i + 1:i + 3]
        if nxt[:1] in (["true"], ["truth"], ["basis"], ["evidence"], ["happened"]) or nxt == ["the", "case"]:
            out["denial:not_true"] = 1.0
    return out


def lexicon_signals(fields: Mapping, lexicon: Lexicon, *, cue_frames: bool = True,
                    objects: bool = False) -> dict[str, float]:
    """Named counts of lexicon evidence for one statement (a `DictVectorizer` row).

    Counts are clipped at 3, so one long quotation does not outweigh the cue.
    ``cue_frames`` adds `cue_frame_signals` (and, for a statement without a
    cue, `inner_cue_frame_signals`); ``objects`` adds `object_kind` and
    `denial_signals`.
    """
    feats: dict[str, float] = {}
    cue = fields.get("cue") or ""
    label = cue_label(cue, lexicon) if cue else None
    feats[f"cue_label={label or 'none'}"] = 1.0
    if cue and cue_is_negated(cue, lexicon):
        feats["cue_negated"] = 1.0
        feats[f"cue_label={label or 'none'}&negated"] = 1.0
    content = fields.get("content", "")
    tokens = [t.lower for t in tokenize(content)]
    if cue_frames:
        feats.update(cue_frame_signals(cue, tokens, lexicon))
        if not cue:
            feats.update(inner_cue_frame_signals(tokens, lexicon))
    for name, count in content_signals(content).items():
        if count:
            feats[f"content_{name}"] = float(min(count, 3))
    for name, count in modality_signals(content, tokens).items():
        if count:
            feats[f"mod:{name}"] = float(min(count, 3))
    content_cues = text_cue_labels(content, lexicon, tokens)
    for name, count in Counter(content_cues).items():
        feats[f"content_cue={name}"] = float(min(count, 3))
    if content_cues:
        feats[f"first_content_cue={content_cues[0]}"] = 1.0
    if objects:
        kind = object_kind(tokens)
        if kind:
            feats[f"object={kind}"] = 1.0
            feats[f"cue_label={label or 'none'}&object={kind}"] = 1.0
        inner = None if cue else _inner_cue(tokens, lexicon)
        if inner is not None:  # no cue of its own: what the verb inside it is aimed at
            kind = object_kind(tokens[inner[2]:])
            if kind:
                feats[f"inner_label={inner[0].label}&object={kind}"] = 1.0
        feats.update(denial_signals(tokens))
    if fields.get("quote_type"):
        feats[f"quote_type={fields['quote_type']}"] = 1.0
    return feats


# -- the rules of the cue-lexicon baseline (stance.classify.lexicon_model) ---------------------------------------
def rule_lexicon(lexicon: str = "en") -> Lexicon:
    """The lexicon of a cue-lexicon classifier: a bundled language ("en") or a folder holding one."""
    return load_lexicon(lexicon) if lexicon in ("en",) else load_lexicon("en", lexicon)


def rule_names(scheme) -> list[str]:
    """Every rule `lexicon_rule` can name under ``scheme``, in a fixed order (the rows of ``rule_counts_``)."""
    return ([f"cue:{lab}" for lab in scheme.labels] + ["cue_negated"]
            + [f"content:{lab}" for lab in scheme.labels]
            + [f"content_cue:{lab}" for lab in scheme.labels] + ["fallback"])


def lexicon_rule(fields: Mapping, lexicon: Lexicon, scheme) -> tuple[str, str]:
    """(rule name, label) of one statement (fields of `statement_fields`) under a `LabelScheme`.

    1. a cue that carries an act gives it (``cue:<label>``), unless the cue
       is negated ("did not call for": the act did not happen, ANNOTATION
       6.4), which gives the fallback (``cue_negated``);
    2. otherwise the content's signals, in the scheme's priority order
       (``content:<label>``);
    3. a statement without a cue of its own is labelled by the first
       lexicon cue in its content ("Yemen has rejected a request…",
       ``content_cue:<label>``);
    4. otherwise the fallback.
    """
    cue_text = fields["cue"]
    cue = cue_label(cue_text, lexicon) if cue_text else None
    if cue in scheme.labels:
        if cue != scheme.fallback and cue_is_negated(cue_text, lexicon):
            return "cue_negated", scheme.fallback
        return f"cue:{cue}", cue  # a cue of the fallback act ("announced", "welcomed") decides too
    signals = content_signals(fields["content"])
    for label in scheme.priority:
        if signals.get(label):
            return f"content:{label}", label
    if not cue_text:
        for label in text_cue_labels(fields["content"], lexicon):
            if label in scheme.labels:
                return f"content_cue:{label}", label
    return "fallback", scheme.fallback


def rule_probabilities(counts: np.ndarray, label_index: int, smoothing: float) -> np.ndarray:
    """A rule's smoothed training counts as probabilities, its own label (``label_index``) always the highest."""
    row = counts + smoothing
    if row[label_index] < row.max():  # the rule decides the label; training only sets the confidence
        row = row.copy()
        row[label_index] = row.max() + smoothing
    return row / row.sum()
