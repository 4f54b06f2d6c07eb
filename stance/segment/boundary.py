"""Where reported content ends: a learned chooser over the token boundaries after a cue.

Reported speech without quotation marks ends where the writer takes over again,
and the signs are many and weak: ``, which`` or ``, who`` (a relative clause
about the object), ``, but``/``, and`` before a new predicate, a trailing time
or place adjunct, ``, saying``.  A rule for each misfires on the others
(``said the plan, which failed, would return``), so the choice is learned:
a logistic regression trained on PolNeAR's training split
(``experiments/train_boundary_model.py``) scores every token boundary of a
content and its longest end, and the content ends at the best-scoring one.
The rule cut of the segmenter (`RuleSegmenter._clause_of`) is one of the
features.  The model ships as plain data (`stance.segment.plain_model`,
``stance/resources/models/content_end.json``).  It gains nothing over the rules
on PolNeAR dev, whose own ends are inconsistent, and costs time, so the
segmenter uses it only when asked (``RuleSegmenter(content_ends="learned")``).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping, Sequence

from ..text.tokens import Token
from .plain_model import LinearModel, bundled_model

__all__ = ["ContentEndModel", "end_features", "is_boundary", "load_content_end_model", "MODEL_FILE"]

MODEL_FILE = "content_end.json"
KIND = "content_end"
_PUNCT_NAMES = {",": "COMMA", ";": "SEMI", ":": "COLON", "(": "LPAR", ")": "RPAR", "\u2014": "DASH",
                "\u2013": "DASH", "-": "DASH", "--": "DASH", ".": "DOT", "?": "Q", "!": "EXCL"}
_QUOTE_CHARS = frozenset("\"'\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb\u2039\u203a\u300c\u300d\u300e\u300f")


# the words a content may end before (besides punctuation and quotation marks): conjunctions, prepositions,
# relative and subordinating words; ending elsewhere (inside a noun phrase) is never right, and scoring fewer
# boundaries keeps the model cheap
BOUNDARY_WORDS = frozenset("""and but or nor yet so while whereas although though because since as if unless until
when where which who whom whose that than after before despite amid among during including in on at by for with
without from to of over under about against through into toward towards via per like""".split())


def is_boundary(tok: Token) -> bool:
    """Whether a content may end before ``tok``: punctuation, a quotation mark, a word of `BOUNDARY_WORDS`,
    or an -ing form (", saying …", "… while visiting")."""
    return not tok.text[:1].isalnum() or tok.lower in BOUNDARY_WORDS or tok.lower.endswith("ing")


def _word(tok: Token | None) -> str:
    """A token as a feature value: punctuation by name, quotation marks as one class, words lower-cased."""
    if tok is None:
        return "<END>"
    if tok.text in _PUNCT_NAMES:
        return _PUNCT_NAMES[tok.text]
    if tok.text in _QUOTE_CHARS:
        return "QUOTE"
    return tok.lower


def _shape(tok: Token | None) -> str:
    if tok is None:
        return "end"
    t = tok.text
    if t[:1].isupper():
        return "cap"
    if t[:1].isdigit():
        return "num"
    if t[:1].isalpha():
        return "low"
    return "punct"


def _bucket(n: int) -> str:
    for limit, name in ((1, "1"), (2, "2"), (3, "3"), (5, "4-5"), (8, "6-8"), (12, "9-12"), (20, "13-20")):
        if n <= limit:
            return name
    return "21+"


def end_features(tokens: Sequence[Token], k: int, lo: int, hi: int, *, cue: str, rule: int,
                 verbs: Mapping, commas: int | None = None) -> list[str]:
    """The features of ending a content that starts at token ``lo`` just before token ``k``.

    ``hi`` is the first token after the longest content, ``rule`` the token the
    rules end it before, ``cue`` the cue's lemma, ``verbs`` the lexicon's verb forms,
    ``commas`` the number of commas in ``tokens[lo:k]`` (counted here when not given).
    """
    b, p = (tokens[k] if k < len(tokens) else None), tokens[k - 1]
    n = tokens[k + 1] if k + 1 < len(tokens) else None
    bw, pw, nw = _word(b), _word(p), _word(n)
    first = _word(tokens[lo])
    start = first if first in ("that", "to", "QUOTE", "how", "what", "whether", "if", "why") else "other"
    if commas is None:
        commas = sum(1 for t in tokens[lo:k] if t.text == ",")
    commas = min(commas, 3)
    ahead = any(t.lower in verbs for t in tokens[k + 1:k + 4])
    where = "rule" if k == rule else ("past_rule" if k > rule else "before_rule")
    return [f"b={bw}", f"p={pw}", f"n={nw}", f"bn={bw}|{nw}", f"pb={pw}|{bw}", f"ns={_shape(n)}",
            f"bs={_shape(b)}|ns={_shape(n)}", f"d={_bucket(k - lo)}", f"r={_bucket(hi - k)}", where,
            f"{where}|b={bw}", f"cue={cue}|b={bw}", f"start={start}|b={bw}", f"start={start}|d={_bucket(k - lo)}",
            f"commas={commas}|b={bw}", f"ing={nw.endswith('ing')}|b={bw}", f"verb_ahead={ahead}|b={bw}"]


class ContentEndModel(LinearModel):
    """The content-end model: the end with the highest score wins (`LinearModel` holds the weights)."""

    def __init__(self, weights, intercept, threshold=0.5, *, kind=KIND, metadata=None):
        super().__init__(weights, intercept, threshold, kind=kind, metadata=metadata)

    def choose(self, span: tuple[int, int], candidates: Iterable[tuple[int, Sequence[str]]]) -> int | None:
        """The end of ``span`` with the highest score (the first of equals), None when there is no candidate."""
        best, best_score = None, -math.inf
        for end, features in candidates:
            z = self.score(features)
            if z > best_score:
                best, best_score = end, z
        return best

    @classmethod
    def from_dict(cls, data, kind=KIND):
        return super().from_dict(data, kind)

    @classmethod
    def load(cls, path, kind=KIND):
        return super().load(path, kind)


@functools.lru_cache(maxsize=1)
def load_content_end_model() -> ContentEndModel | None:
    """The bundled model (``stance/resources/models/content_end.json``), or None when it is not there."""
    return bundled_model(ContentEndModel, MODEL_FILE, KIND)
