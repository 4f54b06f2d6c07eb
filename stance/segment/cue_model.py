"""The learned verb-cue model: is a speech verb of the lexicon, here, the head of a reporting cue?

Why learned: the lexicon knows which words can report speech, but whether one does at a given position
("to say", "the support", "Calls the plan a mistake", "a source said" vs "the questions raised") depends on
its neighbours in ways a few hand rules cover only partly.  A logistic regression trained on PolNeAR's
train split (`experiments/train_cue_model.py`, config `experiments/configs/cue_model.toml`) weighs the
neighbouring words and shapes together with the verdict of the rules (`stance.segment.cues.verb_refusal`).

The fitted model ships as plain data (``stance/resources/models/cue_model.json``, the format of
`stance.segment.plain_model`): scoring a candidate is a few dictionary look-ups and a sum, with no
scikit-learn, and reading the file cannot run code.
"""

from __future__ import annotations

from ..errors import ModelFileError
from ..text.tokens import Token
from .plain_model import LinearModel, bundled_model, bundled_path

__all__ = ["CueModel", "cue_features", "load_cue_model", "MODEL_FILE"]

MODEL_FILE = "cue_model.json"

_PRONOUNS = frozenset("i you he she it we they who".split())
# between a subject and its verb: "has repeatedly said", "will not say"
_AUXILIARIES = frozenset("has have had will would could can should may might must did does do is are was were "
                         "be been being also not never just still again already even then".split())
_QUOTES = frozenset("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb")


def _shape(tok: Token | None) -> str:
    if tok is None:
        return "none"
    t = tok.text
    if t[:1].isupper():
        return "Cap"
    if t[:1].isdigit():
        return "num"
    if t[:1].isalpha():
        return "low"
    return t if len(t) == 1 else "sym"


def _subject_shape(tokens: list[Token], i: int) -> str:
    """The word left of the verb past auxiliaries and adverbs: a pronoun, a name, a noun, punctuation."""
    j = i - 1
    while j >= 0 and j > i - 5 and (tokens[j].lower in _AUXILIARIES
                                    or (tokens[j].lower.endswith("ly") and tokens[j].text[:1].islower())):
        j -= 1
    if j < 0:
        return "start"
    tok = tokens[j]
    if tok.lower in _PRONOUNS:
        return "pronoun"
    return _shape(tok) + ("+aux" if j < i - 1 else "")


def cue_features(tokens: list[Token], i: int, lemma: str, refusal: str | None, title_case: bool = False) -> list[str]:
    """The features of the verb form at ``tokens[i]`` (``lemma`` its lexicon lemma, ``refusal`` the rule verdict).

    Cheap by design: only the two tokens on either side, the word left of the verb past auxiliaries, and
    whether a quotation mark is near.
    """
    tok = tokens[i]
    low = tok.lower
    p1 = tokens[i - 1] if i > 0 else None
    p2 = tokens[i - 2] if i > 1 else None
    n1 = tokens[i + 1] if i + 1 < len(tokens) else None
    n2 = tokens[i + 2] if i + 2 < len(tokens) else None
    p1w = p1.lower if p1 else "<s>"
    n1w = n1.lower if n1 else "</s>"
    if low.endswith("ing"):
        form = "ing"
    elif low == lemma:
        form = "base"
    elif low.endswith("s") and not low.endswith("ss"):
        form = "s"
    else:
        form = "past"
    rule = refusal or "none"
    p1s, n1s = _shape(p1), _shape(n1)
    feats = [
        "w=" + low, "lemma=" + lemma, "form=" + form, "rule=" + rule, "rule|form=" + rule + "|" + form,
        "p1=" + p1w, "p2=" + (p2.lower if p2 else "<s>"), "n1=" + n1w, "n2=" + (n2.lower if n2 else "</s>"),
        "p1s=" + p1s, "n1s=" + n1s, "p2s|p1s=" + _shape(p2) + "|" + p1s,
        "subj=" + _subject_shape(tokens, i), "lemma|n1=" + lemma + "|" + n1w, "lemma|p1=" + lemma + "|" + p1w,
        "form|n1s=" + form + "|" + n1s, "lemma|rule=" + lemma + "|" + rule,
    ]
    if tok.text[:1].isupper():
        feats.append("cap" + ("|title" if title_case else "|first" if i == 0 else ""))
    if any(t.text in _QUOTES for t in tokens[max(0, i - 3):i]):
        feats.append("quote_before")
    if any(t.text in _QUOTES for t in tokens[i + 1:i + 3]):
        feats.append("quote_after")
    return feats


class CueModel(LinearModel):
    """The verb-cue model: a speech verb of the lexicon is a cue when it `passes`."""

    kind = "cue"


def load_cue_model(path: str | None = None) -> CueModel:
    """The bundled cue model (read once), or the one in the JSON file at ``path``."""
    if path is not None:
        return CueModel.load(path)
    model = bundled_model(CueModel, MODEL_FILE)
    if model is None:
        raise ModelFileError(f"the bundled cue model {bundled_path(MODEL_FILE)} is missing")
    return model
