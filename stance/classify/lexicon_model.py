"""The transparent baseline: a cue-lexicon classifier that a reader can check by hand.

The cue counts first (ANNOTATION.md section 3): a cue that carries an act
("urged", "expressed concerns about", "rejected") gives its label.  A neutral
cue ("said", a colon, a transcript label) or no cue leaves it to the content's
lexicon signals (``must``, ``cannot accept``, ``a violation of``), resolved by
the scheme's priority order; with no signal the statement is the scheme's
fallback (``other``).  ``fit`` learns only how often each rule is right on the
training data, which become the predicted probabilities.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from ..segment.lexicon import Lexicon, load_lexicon
from .features import content_signals, cue_is_negated, cue_label, statement_fields, text_cue_labels
from .schemes import get_scheme

__all__ = ["CueLexiconClassifier"]


class CueLexiconClassifier(ClassifierMixin, BaseEstimator):
    """Label statements from the cue lexicon and content signals.

    Parameters
    ----------
    lexicon : str, default "en"
        Language of the bundled lexicon, or a folder holding one.
    scheme : str or LabelScheme or dict, default "stance4"
        The label scheme; lexicon labels outside it map to its fallback.
    smoothing : float, default 1.0
        Additive smoothing of the per-rule label frequencies learnt in ``fit``.

    Attributes
    ----------
    classes_ : ndarray of str
        The scheme's labels, in scheme order.
    rule_counts_ : ndarray of shape (n_rules, n_classes)
        How often each rule ("cue:demand", "content:concern", "fallback", …)
        met each gold label in training.
    rules_ : list of str
        Rule names, the rows of ``rule_counts_``.
    """

    _parameter_constraints = {"lexicon": [str], "scheme": [str, dict, object], "smoothing": [float, int]}

    def __init__(self, *, lexicon="en", scheme="stance4", smoothing=1.0):
        self.lexicon = lexicon
        self.scheme = scheme
        self.smoothing = smoothing

    def _lex(self) -> Lexicon:
        if self.lexicon in ("en",):
            return load_lexicon(self.lexicon)
        return load_lexicon("en", self.lexicon)

    def _rule(self, fields: dict, lex: Lexicon, scheme) -> tuple[str, str]:
        """(rule name, label) for one statement.

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
        cue = cue_label(cue_text, lex) if cue_text else None
        if cue in scheme.labels:
            if cue != scheme.fallback and cue_is_negated(cue_text, lex):
                return "cue_negated", scheme.fallback
            if cue != scheme.fallback:
                return f"cue:{cue}", cue
            return f"cue:{cue}", cue  # a cue of the fallback act ("announced", "welcomed"): it decides
        signals = content_signals(fields["content"])
        for label in scheme.priority:
            if signals.get(label):
                return f"content:{label}", label
        if not cue_text:
            for label in text_cue_labels(fields["content"], lex):
                if label in scheme.labels:
                    return f"content_cue:{label}", label
        return "fallback", scheme.fallback

    def fit(self, X, y):
        """Count, per rule, the gold labels it meets (the rules themselves are fixed)."""
        if self.smoothing < 0:
            raise ValueError(f"smoothing must be >= 0, got {self.smoothing!r}")
        scheme = get_scheme(self.scheme)
        fields = statement_fields(X)
        y = np.asarray(y, dtype=object)
        if len(fields) != len(y):
            raise ValueError(f"X has {len(fields)} statements but y has {len(y)} labels")
        unknown = sorted(set(y) - set(scheme.labels))
        if unknown:
            raise ValueError(f"labels {unknown} are not in scheme {scheme.name!r} {scheme.labels}")
        lex = self._lex()
        self.classes_ = np.array(scheme.labels, dtype=object)
        self.rules_ = ([f"cue:{lab}" for lab in scheme.labels] + ["cue_negated"]
                       + [f"content:{lab}" for lab in scheme.labels]
                       + [f"content_cue:{lab}" for lab in scheme.labels] + ["fallback"])
        counts = np.zeros((len(self.rules_), len(self.classes_)))
        index = {r: i for i, r in enumerate(self.rules_)}
        for f, gold in zip(fields, y):
            rule, _ = self._rule(f, lex, scheme)
            counts[index[rule], scheme.index(gold)] += 1
        self.rule_counts_ = counts
        self.n_features_in_ = 1
        return self

    def predict_proba(self, X):
        """Per class, how often the statement's rule met that label in training (smoothed).

        The rule's own label always has the highest probability.
        """
        check_is_fitted(self, "rule_counts_")
        scheme = get_scheme(self.scheme)
        lex = self._lex()
        index = {r: i for i, r in enumerate(self.rules_)}
        fields = statement_fields(X)
        if not fields:
            return np.empty((0, len(self.classes_)))
        out = []
        for f in fields:
            rule, label = self._rule(f, lex, scheme)
            row = self.rule_counts_[index[rule]] + self.smoothing
            k = scheme.index(label)
            if row[k] < row.max():  # the rule decides the label; training only sets the confidence
                row = row.copy()
                row[k] = row.max() + self.smoothing
            out.append(row / row.sum())
        return np.asarray(out)

    def decision_function(self, X):
        return np.log(self.predict_proba(X))

    def predict(self, X):
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)] if len(proba) else np.array([], dtype=object)

    def explain(self, x) -> str:
        """The rule that labels one statement, in words."""
        check_is_fitted(self, "rule_counts_")
        rule, label = self._rule(statement_fields([x])[0], self._lex(), get_scheme(self.scheme))
        return f"{label} (rule {rule})"
