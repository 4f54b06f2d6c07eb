"""Linear n-gram models of statements, composed from scikit-learn parts.

A statement record (``content``, ``cue``, ``context``, ``quote_type``) goes
through three steps, each a scikit-learn object:

1. ``fields``: a `FunctionTransformer` of the module-level `statement_table`
   (of `stance.classify.features`, like `lexicon_feature_dicts`)
   turns the records into a 2-D object array, one column per field of
   `stance.classify.features.FIELDS`;
2. ``columns``: a `ColumnTransformer` gives each field its own vectoriser --
   word n-grams and character n-grams of the content, word n-grams of the cue
   and of the context -- and a `DictVectorizer` the hand-made lexicon features
   of `lexicon_feature_dicts` (cue label, negation and modality such as
   "cannot approve", "must", "will not", cues inside the content, quote type,
   and cue frames: the cue's lemma joined with its content's shape);
3. ``classifier``: a `CalibratedLinearClassifier` -- `LogisticRegression`,
   `LinearSVC` or a soft vote of both, each wrapped in `CalibratedClassifierCV`
   whose folds keep the documents (``doc_id``) apart -- on the numeric matrix.

`make_linear_model` builds the whole `Pipeline`; it clones, grid-searches
(``GridSearchCV(..., cv=GroupKFold())`` with ``groups=doc_ids``) and saves
with skops like any scikit-learn estimator.  Only module-level functions are
used, so the model serialises without pickling code.

Examples
--------
>>> from stance.classify import make_linear_model
>>> X = [{"content": "Russia to withdraw", "cue": "urged"}, {"content": "the claim", "cue": "rejected"},
...      {"content": "the strikes", "cue": "condemned"}, {"content": "talks were held", "cue": "said"}] * 3
>>> y = ["demand", "rejection", "concern", "other"] * 3
>>> model = make_linear_model(calibration=None).fit(X, y)
>>> list(model.classes_)
['demand', 'concern', 'rejection', 'other']
>>> model.predict([{"content": "Japan to stop the tests", "cue": "urged"}])[0]
'demand'
"""

from __future__ import annotations

import numbers

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, _fit_context
from sklearn.calibration import CalibratedClassifierCV
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import VotingClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, PredefinedSplit, StratifiedKFold
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.svm import LinearSVC
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import _check_sample_weight, check_is_fitted, validate_data

from .features import FIELDS, LEXICON_GROUPS, lexicon_feature_dicts, lexicon_group, statement_table
from .schemes import LabelScheme, get_scheme

__all__ = ["statement_table", "lexicon_feature_dicts", "lexicon_group", "LEXICON_GROUPS", "make_features",
           "make_linear_model", "CalibratedLinearClassifier", "document_groups", "sentence_views", "TOKEN_PATTERN",
           "FIELD_INDEX"]

FIELD_INDEX = {name: i for i, name in enumerate(FIELDS)}
# words with inner apostrophes stay whole, so "can't", "won't" and "don't" are features of their own
TOKEN_PATTERN = r"(?u)\b\w[\w'’]*\b"
_MAX_ITER = 5000


def make_features(*, word_ngrams=(1, 2), char_ngrams=(2, 5), cue=True, context=True, lexicon=True,
                  context_weight=0.5, word_min_df=1, char_min_df=2, lexicon_lang="en", content_words=True,
                  lexicon_exclude=(), cue_frames=True, objects=False) -> Pipeline:
    """The feature part of the text pipelines: ``fields`` then ``columns`` (see the module docstring).

    ``content_words=False``, ``char_ngrams=None``, ``cue=False``,
    ``context=False`` or ``lexicon=False`` leave that block out (the plain
    n-gram model keeps only the words); ``lexicon_exclude`` leaves groups of
    the lexicon features out (`LEXICON_GROUPS`: ``cue_label``, ``modality``, ...);
    ``cue_frames=False`` leaves the cue-frame features out of the lexicon block
    (`stance.classify.features.cue_frame_signals`); ``objects=True`` adds what
    the act is aimed at and denials (`stance.classify.features.object_kind`,
    `denial_signals`).
    """
    c = FIELD_INDEX
    unknown = sorted(set(lexicon_exclude) - {group for _, group in LEXICON_GROUPS} - {"other"})
    if unknown:
        raise ValueError(f"lexicon_exclude: unknown groups {unknown}; choose from "
                         f"{sorted({group for _, group in LEXICON_GROUPS})}")
    blocks, weights = [], {}
    if content_words:
        blocks.append(("content_words", TfidfVectorizer(ngram_range=tuple(word_ngrams), sublinear_tf=True,
                                                        min_df=word_min_df, token_pattern=TOKEN_PATTERN),
                       c["content"]))
        weights["content_words"] = 1.0
    if char_ngrams:
        blocks.append(("content_chars", TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(char_ngrams),
                                                        sublinear_tf=True, min_df=char_min_df), c["content"]))
        weights["content_chars"] = 1.0
    if cue:
        blocks.append(("cue_words", TfidfVectorizer(ngram_range=(1, 2), token_pattern=TOKEN_PATTERN), c["cue"]))
        weights["cue_words"] = 1.0
    if context:
        blocks.append(("context_words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True,
                                                        min_df=max(2, word_min_df),
                                                        token_pattern=TOKEN_PATTERN), c["context"]))
        weights["context_words"] = float(context_weight)
    if lexicon:
        blocks.append(("lexicon", Pipeline([
            ("signals", FunctionTransformer(lexicon_feature_dicts, kw_args={
                "lexicon": lexicon_lang, "cue_frames": bool(cue_frames)} | (
                {"exclude": list(lexicon_exclude)} if lexicon_exclude else {}) | (
                {"objects": True} if objects else {}))),
            ("vectorize", DictVectorizer()),
        ]), list(range(len(FIELDS)))))
        weights["lexicon"] = 1.0
    if not blocks:
        raise ValueError("make_features: every feature block is switched off")
    return Pipeline([("fields", FunctionTransformer(statement_table)),
                     ("columns", ColumnTransformer(blocks, transformer_weights=weights))])


class CalibratedLinearClassifier(ClassifierMixin, BaseEstimator):
    """Calibrated linear classifier on a numeric feature matrix, with labels in a scheme's order.

    Parameters
    ----------
    estimator : {"logreg", "svm", "both"}, default "logreg"
        `LogisticRegression`, `LinearSVC`, or a soft vote (`VotingClassifier`)
        of the two, each calibrated on its own.
    logreg_C, svm_C : float, default 10.0 and 0.1
        Inverse regularisation strength of each.
    class_weight : "balanced", dict or None, default "balanced"
    calibration : {"sigmoid", "isotonic", "temperature"} or None, default "sigmoid"
        Method of `CalibratedClassifierCV`; None leaves the scores as the
        estimator gives them (``svm`` then has no ``predict_proba``-quality scores:
        its probabilities are a softmax of the decision values).
    cv : int, splitter or iterable of (train, test) indices, default 5
        Folds of the calibration.  An int gives `GroupKFold` folds when
        ``fit`` gets ``groups`` (documents never straddle a fold), else
        `StratifiedKFold` without shuffling; anything else is used as given.
    scheme : str, dict, LabelScheme or None, default None
        When given, ``classes_`` are the scheme's labels in its order (a label
        never seen in training gets probability 0) and ``y`` must use them.
    random_state : int, default 0
        Seed of `LinearSVC`'s coordinate descent; the rest is deterministic.

    Attributes
    ----------
    classes_ : ndarray
    estimator_ : fitted scikit-learn classifier
    n_features_in_ : int
    """

    _parameter_constraints = {
        "estimator": [StrOptions({"logreg", "svm", "both"})],
        "logreg_C": [Interval(numbers.Real, 0, None, closed="neither")],
        "svm_C": [Interval(numbers.Real, 0, None, closed="neither")],
        "class_weight": [StrOptions({"balanced"}), dict, None],
        "calibration": [StrOptions({"sigmoid", "isotonic", "temperature"}), None],
        "cv": ["cv_object"],
        "scheme": [str, dict, LabelScheme, None],
        "random_state": ["random_state"],
    }

    def __init__(self, *, estimator="logreg", logreg_C=10.0, svm_C=0.1, class_weight="balanced",
                 calibration="sigmoid", cv=5, scheme=None, random_state=0):
        self.estimator = estimator
        self.logreg_C = logreg_C
        self.svm_C = svm_C
        self.class_weight = class_weight
        self.calibration = calibration
        self.cv = cv
        self.scheme = scheme
        self.random_state = random_state

    def _splitter(self, y, groups):
        if not isinstance(self.cv, numbers.Integral) and self.cv is not None:
            return self.cv  # a splitter or a list of (train, test) index pairs, used as given
        if groups is not None:
            groups = np.asarray(groups)
            n = min(self.cv or 5, len(np.unique(groups)))
            fold = np.empty(len(y), dtype=np.int64)
            for k, (_, test) in enumerate(GroupKFold(n_splits=n).split(np.zeros(len(y)), y, groups)):
                fold[test] = k
            return PredefinedSplit(fold)
        smallest = min(np.unique(y, return_counts=True)[1])
        return StratifiedKFold(n_splits=max(2, min(self.cv or 5, smallest)))

    def _base(self, kind):
        seed = self.random_state if isinstance(self.random_state, numbers.Integral) else None
        if kind == "logreg":
            return LogisticRegression(C=self.logreg_C, class_weight=self.class_weight, solver="newton-cg",
                                      max_iter=_MAX_ITER)
        return LinearSVC(C=self.svm_C, class_weight=self.class_weight, max_iter=_MAX_ITER, random_state=seed)

    def _calibrated(self, kind, splitter):
        base = self._base(kind)
        if self.calibration is None:
            return base
        return CalibratedClassifierCV(base, method=self.calibration, cv=splitter, ensemble=False)

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y, sample_weight=None, groups=None):
        """Fit on a numeric matrix ``X`` (dense or sparse); ``groups`` (e.g. doc_ids) keep calibration folds apart."""
        X, y = validate_data(self, X, y, accept_sparse=("csr", "csc"))
        check_classification_targets(y)
        seen = np.unique(y)
        if len(seen) < 2:
            raise ValueError(f"CalibratedLinearClassifier needs at least two classes in y (one class given: "
                             f"{seen.tolist()})")
        if sample_weight is not None:
            sample_weight = _check_sample_weight(sample_weight, X, ensure_non_negative=True)
            if not sample_weight.any():
                raise ValueError("all sample weights are zero: at least one must be positive")
            if len(np.unique(y[sample_weight > 0])) < 2:
                raise ValueError("CalibratedLinearClassifier needs at least two classes with positive sample weight "
                                 "(one class has all of it)")
        if self.scheme is not None:
            scheme = get_scheme(self.scheme)
            unknown = sorted(set(seen.tolist()) - set(scheme.labels))
            if unknown:
                raise ValueError(f"labels {unknown} are not in scheme {scheme.name!r} {scheme.labels}")
            self.classes_ = np.array(scheme.labels, dtype=object)
        else:
            self.classes_ = seen
        if groups is not None and len(groups) != len(y):
            raise ValueError(f"groups has {len(groups)} entries but y has {len(y)}")
        splitter = self._splitter(y, groups)
        if self.estimator == "both":  # soft voting needs probabilities: LinearSVC is calibrated even then
            svm = (self._calibrated("svm", splitter) if self.calibration is not None
                   else CalibratedClassifierCV(self._base("svm"), cv=splitter, ensemble=False))
            est = VotingClassifier([("logreg", self._calibrated("logreg", splitter)), ("svm", svm)], voting="soft")
        else:
            est = self._calibrated(self.estimator, splitter)
        kwargs = {} if sample_weight is None else {"sample_weight": sample_weight}
        self.estimator_ = est.fit(X, y, **kwargs)
        order = {c: i for i, c in enumerate(self.classes_.tolist())}
        self.columns_ = np.array([order[c] for c in self.estimator_.classes_.tolist()], dtype=np.int64)
        return self

    def _scores(self, X):
        est = self.estimator_
        if hasattr(est, "predict_proba") and not isinstance(est, LinearSVC):
            return est.predict_proba(X), True
        d = est.decision_function(X)
        if d.ndim == 1:
            d = np.c_[-d, d] / 2
        return d, False

    def predict_proba(self, X):
        """Probabilities, columns in ``classes_`` order (calibrated unless ``calibration=None``)."""
        check_is_fitted(self, "estimator_")
        X = validate_data(self, X, accept_sparse=("csr", "csc"), reset=False)
        scores, is_proba = self._scores(X)
        if not is_proba:  # uncalibrated LinearSVC: a softmax of its decision values
            scores = np.exp(scores - scores.max(axis=1, keepdims=True))
            scores /= scores.sum(axis=1, keepdims=True)
        out = np.zeros((X.shape[0], len(self.classes_)))
        out[:, self.columns_] = scores
        return out

    def decision_function(self, X):
        """Scores whose argmax is the prediction: centred log-probabilities (binary: the log-odds)."""
        logp = np.log(np.clip(self.predict_proba(X), 1e-12, None))
        if len(self.classes_) == 2:
            return logp[:, 1] - logp[:, 0]
        return logp - logp.mean(axis=1, keepdims=True)

    def predict(self, X):
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        return tags


def make_linear_model(*, estimator="logreg", logreg_C=10.0, svm_C=0.1, class_weight="balanced",
                      calibration="sigmoid", cv=5, scheme="stance4", random_state=0, word_ngrams=(1, 2),
                      char_ngrams=(2, 5), cue=True, context=True, lexicon=True, context_weight=0.5,
                      word_min_df=1, content_words=True, lexicon_exclude=(), cue_frames=True, objects=False,
                      memory=None) -> Pipeline:
    """A text pipeline from statement records to calibrated labels: ``features`` then ``classifier``.

    The feature keywords go to `make_features`, the others to
    `CalibratedLinearClassifier`.  Fit with ``model.fit(X, y,
    classifier__groups=document_groups(X))`` so that calibration folds keep
    documents apart, and ``classifier__sample_weight=`` to weight rows.
    """
    features = make_features(word_ngrams=word_ngrams, char_ngrams=char_ngrams, cue=cue, context=context,
                             lexicon=lexicon, context_weight=context_weight, word_min_df=word_min_df,
                             content_words=content_words, lexicon_exclude=lexicon_exclude, cue_frames=cue_frames,
                             objects=objects)
    classifier = CalibratedLinearClassifier(estimator=estimator, logreg_C=logreg_C, svm_C=svm_C,
                                            class_weight=class_weight, calibration=calibration, cv=cv,
                                            scheme=scheme, random_state=random_state)
    return Pipeline([("features", features), ("classifier", classifier)], memory=memory)


def document_groups(X) -> list[str] | None:
    """The ``doc_id`` of each record, or None when any record lacks one (calibration then stratifies)."""
    ids = [x.get("doc_id") if hasattr(x, "get") else None for x in X]
    return None if any(i is None or i == "" for i in ids) else [str(i) for i in ids]


def sentence_views(X, y, *, weight=0.1):
    """Extra training rows that show each cued statement as a whole sentence without a cue.

    A statement ``{"cue": "rejected", "content": "the claim", "context":
    "Yemen rejected the claim"}`` gets a copy ``{"content": "Yemen rejected
    the claim", "cue": ""}`` with the same label: the shape of a statement the
    model meets without segmentation (an event-data sentence, a segmenter that
    found no cue).  Returns ``(X_extra, y_extra, sample_weight_extra)``; the
    originals are not repeated.  The copies come from the same gold rows (no
    new labels).  ``weight`` is one number or one per row of ``X`` (a row's
    own weight times the views' weight).
    """
    weights = np.broadcast_to(np.asarray(weight, dtype=float), (len(X),))
    X_extra, y_extra, w_extra = [], [], []
    for x, label, w in zip(X, y, weights):
        if x.get("cue") and x.get("context"):
            extra = {"content": x["context"], "cue": "", "context": x["context"],
                     "quote_type": x.get("quote_type") or "", "doc_id": x.get("doc_id", "")}
            X_extra.append(extra)
            y_extra.append(label)
            w_extra.append(w)
    return X_extra, y_extra, np.array(w_extra, dtype=float)
