"""Plain-data models: a fitted classifier as JSON settings plus NumPy arrays, predicted with NumPy alone.

Why: importing scikit-learn (with SciPy and pandas) takes seconds, longer
than analysing a short article, and a file of plain data can never run code
when it is read.  `stance.classify.export` reads the parameters of a fitted
scikit-learn model (the component family of `stance.classify.linear` and
`stance.classify.lexicon_model`) into a `PlainModel`; `PlainModel` predicts
exactly what the scikit-learn model predicts (the tests compare both to
1e-9) using NumPy, the standard library and the feature functions of
`stance.classify.features`.

On disk a plain model is two files of a model folder (`stance.classify.persistence`):

- ``inference.json``: a tree of nodes, one per fitted component, each with a
  ``kind`` and its settings and vocabularies (``{"kind": "tfidf",
  "analyzer": "word", "vocabulary": [...], "idf": "<array name>", ...}``);
- ``inference.npz``: the arrays the nodes name (coefficients, intercepts,
  idf weights, calibration parameters), read with ``allow_pickle=False``.

A node may call a function only when it is public in
`stance.classify.features` (`FUNCTIONS`); the names in the file are looked up
in that fixed table, never imported from the file.
"""

from __future__ import annotations

import io
import json
import numbers
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

import numpy as np

from . import features as _features
from ..errors import ModelFileError

__all__ = ["PlainModel", "FUNCTIONS", "SPEC_FILE", "ARRAYS_FILE", "PLAIN_FORMAT", "make_analyzer", "zip_bytes"]

SPEC_FILE = "inference.json"
ARRAYS_FILE = "inference.npz"
PLAIN_FORMAT = 1
# the functions a node may call, by full name: the public functions of stance.classify.features
FUNCTIONS: dict[str, Callable] = {
    f"{_features.__name__}.{name}": getattr(_features, name)
    for name in _features.__all__ if callable(getattr(_features, name))
}
_FIXED_DATE = (1980, 1, 1, 0, 0, 0)
_RUNS_OF_SPACE = re.compile(r"\s\s+")


def zip_bytes(members: list[tuple[str, bytes]]) -> bytes:
    """A zip archive of ``(name, payload)`` members, deflated, dated 1980-01-01: same members, same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name, payload in members:
            info = zipfile.ZipInfo(name, date_time=_FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            dst.writestr(info, payload, compresslevel=9)
    return out.getvalue()


# -- text analysers, the same as scikit-learn's vectorisers' build_analyzer() -------------------------------------
def _strip_accents_unicode(text: str) -> str:
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _strip_accents_ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _word_ngrams(tokens: list[str], low: int, high: int) -> list[str]:
    grams = []
    for n in range(low, high + 1):  # the n-grams of each size in text order, joined in C (zip of shifted lists)
        grams.extend(tokens if n == 1 else map(" ".join, zip(*(tokens[k:] for k in range(n)))))
    return grams


def _char_ngrams(text: str, low: int, high: int) -> list[str]:
    text = _RUNS_OF_SPACE.sub(" ", text)
    return [text[i:i + n] for n in range(low, high + 1) for i in range(len(text) - n + 1)]


def _char_wb_ngrams(text: str, low: int, high: int) -> list[str]:
    grams = []
    for word in text.split():
        word = f" {word} "
        for n in range(low, high + 1):
            if n >= len(word):  # a word no longer than n (with its padding) counts once, whole
                grams.append(word)
                break
            grams.extend(word[i:i + n] for i in range(len(word) - n + 1))
    return grams


def make_analyzer(analyzer: str = "word", *, lowercase: bool = True, strip_accents: str | None = None,
                  token_pattern: str = r"(?u)\b\w\w+\b", ngram_range=(1, 1), stop_words=None,
                  encoding: str = "utf-8", decode_error: str = "strict") -> Callable[[str], list[str]]:
    """A function from a document to its terms, as a scikit-learn vectoriser with these settings makes them.

    Lower-cases, then strips accents, then splits into word n-grams (tokens
    of ``token_pattern`` without ``stop_words``, joined by a space),
    character n-grams (runs of white space made one space) or character
    n-grams inside words padded with a space (``char_wb``).
    """
    low, high = (int(n) for n in ngram_range)
    if not 1 <= low <= high:
        raise ValueError(f"ngram_range must be (low, high) with 1 <= low <= high, got {tuple(ngram_range)}")
    accents = {None: None, "ascii": _strip_accents_ascii, "unicode": _strip_accents_unicode}
    if strip_accents not in accents:
        raise ValueError(f"strip_accents must be None, 'ascii' or 'unicode', got {strip_accents!r}")
    strip = accents[strip_accents]

    def prepare(doc) -> str:
        if isinstance(doc, bytes):
            doc = doc.decode(encoding, decode_error)
        if lowercase:
            doc = doc.lower()
        return strip(doc) if strip is not None else doc

    if analyzer == "word":
        pattern = re.compile(token_pattern)
        if pattern.groups > 1:
            raise ValueError(f"token_pattern {token_pattern!r} has more than one capturing group")
        stop = None if stop_words is None else frozenset(stop_words)

        def analyze(doc) -> list[str]:
            tokens = pattern.findall(prepare(doc))
            if stop is not None:
                tokens = [t for t in tokens if t not in stop]
            return _word_ngrams(tokens, low, high)
    elif analyzer in ("char", "char_wb"):
        grams = _char_ngrams if analyzer == "char" else _char_wb_ngrams

        def analyze(doc) -> list[str]:
            return grams(prepare(doc), low, high)
    else:
        raise ValueError(f"analyzer must be 'word', 'char' or 'char_wb', got {analyzer!r}")
    return analyze


# -- sparse rows: coordinates, enough for vectorisers, column blocks and linear scores ------------------------------
class _Sparse(NamedTuple):
    rows: np.ndarray
    cols: np.ndarray
    data: np.ndarray
    shape: tuple[int, int]

    def dot(self, weights: np.ndarray) -> np.ndarray:
        """``self @ weights.T`` for a dense ``weights`` of shape (k, n_cols)."""
        n = self.shape[0]
        out = np.empty((n, weights.shape[0]))
        for k, row in enumerate(weights):
            out[:, k] = np.bincount(self.rows, weights=self.data * row[self.cols], minlength=n)
        return out


def _row_sums(m: _Sparse, values: np.ndarray) -> np.ndarray:
    return np.bincount(m.rows, weights=values, minlength=m.shape[0])


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _expit(x: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore"):
        return 1.0 / (1.0 + np.exp(-x))


# -- nodes: one per kind of fitted component -------------------------------------------------------------------------
class _Reader:
    """Reads one node's fields, naming the node in every error."""

    def __init__(self, spec: Mapping, arrays: Mapping[str, np.ndarray], where: str):
        self.spec, self.arrays, self.where = spec, arrays, where

    def __call__(self, key: str, default=...):
        if key not in self.spec:
            if default is not ...:
                return default
            raise ModelFileError(f"{self.where}: field {key!r} is missing")
        return self.spec[key]

    def array(self, key: str, ndim: int) -> np.ndarray:
        name = self(key)
        if name not in self.arrays:
            raise ModelFileError(f"{self.where}: array {name!r} is not in {ARRAYS_FILE}")
        value = np.asarray(self.arrays[name])
        if value.ndim != ndim or value.dtype.kind not in "fiu":
            raise ModelFileError(f"{self.where}: array {name!r} should be numeric with {ndim} dimension(s), "
                                 f"is {value.dtype} with shape {value.shape}")
        return value

    def child(self, key: str):
        return _node(self(key), self.arrays, f"{self.where}.{key}")

    def children(self, key: str) -> list:
        return [_node(s, self.arrays, f"{self.where}.{key}[{i}]") for i, s in enumerate(self(key))]

    def check(self, condition: bool, message: str) -> None:
        if not condition:
            raise ModelFileError(f"{self.where}: {message}")


def _classes(values) -> np.ndarray:
    return np.array(values, dtype=object) if all(isinstance(v, str) for v in values) else np.array(values)


class _Passthrough:
    width = None

    def __init__(self, r: _Reader):
        pass

    def transform(self, X):
        return X


class _Function:
    """FunctionTransformer of a function of `FUNCTIONS`."""

    width = None

    def __init__(self, r: _Reader):
        name = r("function")
        r.check(name in FUNCTIONS, f"function {name!r} is not one a plain model may call ({sorted(FUNCTIONS)})")
        self.function, self.kw_args = FUNCTIONS[name], dict(r("kw_args", {}) or {})

    def transform(self, X):
        return self.function(X, **self.kw_args)


class _Vectorizer:
    """CountVectorizer / TfidfVectorizer: term counts, then (tfidf) sublinear tf, idf and row norm."""

    def __init__(self, r: _Reader):
        self.analyze = make_analyzer(r("analyzer"), lowercase=r("lowercase"), strip_accents=r("strip_accents"),
                                     token_pattern=r("token_pattern"), ngram_range=r("ngram_range"),
                                     stop_words=r("stop_words"), encoding=r("encoding", "utf-8"),
                                     decode_error=r("decode_error", "strict"))
        terms = r("vocabulary")
        self.vocabulary = {t: i for i, t in enumerate(terms)}
        r.check(len(self.vocabulary) == len(terms), "vocabulary has repeated terms")
        self.width = len(terms)
        self.binary = bool(r("binary"))
        self.tfidf = r("kind") == "tfidf"
        if self.tfidf:
            self.sublinear_tf, self.norm = bool(r("sublinear_tf")), r("norm")
            r.check(self.norm in (None, "l1", "l2"), f"norm {self.norm!r} is not None, 'l1' or 'l2'")
            self.idf = None if r("idf") is None else r.array("idf", 1).astype(np.float64)
            r.check(self.idf is None or len(self.idf) == self.width, "idf and vocabulary differ in length")

    def transform(self, docs) -> _Sparse:
        rows, cols, counts = [], [], []
        vocabulary = self.vocabulary
        for i, doc in enumerate(docs):
            found = Counter(map(vocabulary.get, self.analyze(doc)))  # counted in C, in first-seen order
            found.pop(None, None)  # the terms not in the vocabulary
            rows.extend([i] * len(found))
            cols.extend(found)
            counts.extend(found.values())
        m = _Sparse(np.array(rows, dtype=np.intp), np.array(cols, dtype=np.intp),
                    np.array(counts, dtype=np.float64), (len(docs), self.width))
        data = np.ones_like(m.data) if self.binary else m.data
        if self.tfidf:
            if self.sublinear_tf:
                data = np.log(data) + 1.0
            if self.idf is not None:
                data = data * self.idf[m.cols]
            if self.norm is not None:
                norms = _row_sums(m, data * data if self.norm == "l2" else np.abs(data))
                if self.norm == "l2":
                    norms = np.sqrt(norms)
                norms[norms == 0] = 1.0
                data = data / norms[m.rows]
        return m._replace(data=data)


class _DictVectorizer:
    """DictVectorizer: ``name=value`` for strings, ``name`` with the number otherwise."""

    def __init__(self, r: _Reader):
        terms = r("vocabulary")
        self.vocabulary = {t: i for i, t in enumerate(terms)}
        self.separator, self.width = r("separator"), len(terms)

    def transform(self, dicts) -> _Sparse:
        rows, cols, values = [], [], []

        def add(i, name, value):
            j = self.vocabulary.get(name)
            if j is not None:
                rows.append(i)
                cols.append(j)
                values.append(float(value))

        for i, d in enumerate(dicts):
            for name, value in d.items():
                if isinstance(value, str):
                    add(i, f"{name}{self.separator}{value}", 1.0)
                elif isinstance(value, numbers.Number) or value is None:
                    add(i, name, np.nan if value is None else value)
                elif isinstance(value, Iterable) and not isinstance(value, Mapping):
                    for item in value:
                        if not isinstance(item, str):
                            raise TypeError(f"{name}: only strings may be listed, got {type(item).__name__}")
                        add(i, f"{name}{self.separator}{item}", 1.0)
                else:
                    raise TypeError(f"unsupported value type {type(value).__name__} for {name}: {value!r}")
        return _Sparse(np.array(rows, dtype=np.intp), np.array(cols, dtype=np.intp), np.array(values, dtype=np.float64),
                       (len(dicts), self.width))


class _Columns:
    """ColumnTransformer: each block's columns of the input table, transformed, weighted, side by side."""

    def __init__(self, r: _Reader):
        self.blocks = []
        for i, block in enumerate(r("blocks")):
            b = _Reader(block, r.arrays, f"{r.where}.blocks[{i}]")
            node = b.child("node")
            columns = b("columns")
            b.check(isinstance(columns, int)
                    or (isinstance(columns, list) and all(isinstance(c, int) for c in columns)),
                    f"columns must be an int or a list of ints, got {columns!r}")
            b.check(node.width is not None, "the block does not give a known number of columns")
            weight = b("weight", None)
            self.blocks.append((node, columns, None if weight is None else float(weight)))
        self.width = sum(node.width for node, _, _ in self.blocks)

    def transform(self, X) -> _Sparse:
        table = X if isinstance(X, np.ndarray) else np.asarray(X, dtype=object)
        parts, offset = [], 0
        for node, columns, weight in self.blocks:
            m = node.transform(table[:, columns])
            if not isinstance(m, _Sparse):
                raise ModelFileError(f"a column block gave {type(m).__name__}, not term or feature counts")
            parts.append(m._replace(cols=m.cols + offset, data=m.data if weight is None else m.data * weight))
            offset += node.width
        return _Sparse(np.concatenate([p.rows for p in parts]), np.concatenate([p.cols for p in parts]),
                       np.concatenate([p.data for p in parts]), (len(table), offset))


class _Linear:
    """LogisticRegression / LinearSVC: ``X @ coef.T + intercept``; probabilities for logistic regression."""

    def __init__(self, r: _Reader):
        self.classes_ = _classes(r("classes"))
        self.coef, self.intercept = r.array("coef", 2).astype(np.float64), r.array("intercept", 1).astype(np.float64)
        r.check(self.coef.shape[0] == len(self.intercept), "coef and intercept differ in the number of rows")
        r.check(self.coef.shape[0] == (1 if len(self.classes_) == 2 else len(self.classes_)),
                "coef has the wrong number of rows for its classes")
        self.n_features = self.coef.shape[1]
        self.has_proba = bool(r("logistic"))

    def decision_function(self, X: _Sparse) -> np.ndarray:
        scores = X.dot(self.coef) + self.intercept
        return scores.ravel() if scores.shape[1] == 1 else scores

    def predict_proba(self, X: _Sparse) -> np.ndarray:
        if not self.has_proba:
            raise ModelFileError("this linear model has no predict_proba (a LinearSVC)")
        d = self.decision_function(X)
        if d.ndim == 1:
            p = _expit(d)
            return np.vstack([1 - p, p]).T
        return _softmax(d)


def _logits(predictions: np.ndarray) -> np.ndarray:
    """Decision values as logits, or probabilities (all in [0, 1], rows summing to 1) as their logarithm."""
    if predictions.ndim == 2 and predictions.shape[1] > 1:
        if np.all((predictions >= 0) & (predictions <= 1)) and np.all(
                np.abs(predictions.sum(axis=1) - 1.0) <= 1e-8 + 1e-5):
            return np.log(predictions + 1e-12)
        return predictions
    d = predictions.reshape(-1, 1)
    return np.hstack([-d, d])


class _Calibrated:
    """CalibratedClassifierCV: per fold, the estimator's scores through fitted calibrators; folds averaged."""

    def __init__(self, r: _Reader):
        self.classes_ = _classes(r("classes"))
        self.folds = []
        for i, fold in enumerate(r("folds")):
            f = _Reader(fold, r.arrays, f"{r.where}.folds[{i}]")
            method, response = f("method"), f("response")
            f.check(method in ("sigmoid", "isotonic", "temperature"), f"unknown calibration method {method!r}")
            f.check(response in ("decision_function", "predict_proba"), f"unknown response {response!r}")
            estimator = f.child("estimator")
            f.check(hasattr(estimator, response), f"the estimator has no {response}")
            calibrators = [_Reader(c, r.arrays, f"{f.where}.calibrators[{k}]") for k, c in enumerate(f("calibrators"))]
            if method == "sigmoid":
                calibrators = [(float(c("a")), float(c("b"))) for c in calibrators]
            elif method == "isotonic":
                calibrators = [(c.array("x", 1).astype(np.float64), c.array("y", 1).astype(np.float64),
                                float(c("x_min")), float(c("x_max"))) for c in calibrators]
            else:
                calibrators = [float(c("beta")) for c in calibrators]
            class_indices, binary = [int(k) for k in f("class_indices")], bool(f("binary"))
            f.check(len(calibrators) == (1 if method == "temperature" or binary else len(class_indices)),
                    "the number of calibrators does not fit the method and classes")
            self.folds.append((estimator, response, binary, method, calibrators, class_indices))
        r.check(bool(self.folds), "no calibrated folds")
        self.n_features = self.folds[0][0].n_features

    @staticmethod
    def _isotonic(t: np.ndarray, x: np.ndarray, y: np.ndarray, x_min: float, x_max: float) -> np.ndarray:
        """Linear interpolation between the fitted thresholds, inputs clipped to the fitted range."""
        t = np.clip(t, x_min, x_max)
        if len(x) == 1:
            return np.repeat(y, len(t))
        hi = np.clip(np.searchsorted(x, t), 1, len(x) - 1)
        lo = hi - 1
        slope = (y[hi] - y[lo]) / (x[hi] - x[lo])
        return slope * (t - x[lo]) + y[lo]

    def _fold_proba(self, X, estimator, response, binary, method, calibrators, class_indices) -> np.ndarray:
        predictions = getattr(estimator, response)(X)
        if response == "predict_proba" and binary:
            predictions = predictions[:, 1]
        if predictions.ndim == 1:
            predictions = predictions.reshape(-1, 1)
        n_classes = len(self.classes_)
        if method == "temperature":
            if n_classes == 2 and predictions.shape[1] == 1 and response == "predict_proba":
                predictions = np.hstack([1 - predictions, predictions])
            proba = _softmax(calibrators[0] * _logits(predictions))
        else:
            proba = np.zeros((predictions.shape[0], n_classes))
            for k, column, calibrator in zip(class_indices, predictions.T, calibrators):
                if n_classes == 2:
                    k += 1
                proba[:, k] = (_expit(-(calibrator[0] * column + calibrator[1])) if method == "sigmoid"
                               else self._isotonic(column, *calibrator))
            if n_classes == 2:
                proba[:, 0] = 1.0 - proba[:, 1]
            else:
                total = proba.sum(axis=1, keepdims=True)
                proba = np.divide(proba, total, out=np.full_like(proba, 1 / n_classes), where=total != 0)
        proba[(proba > 1.0) & (proba <= 1.0 + 1e-5)] = 1.0
        return proba

    def predict_proba(self, X) -> np.ndarray:
        total = np.zeros((X.shape[0], len(self.classes_)))
        for fold in self.folds:
            total += self._fold_proba(X, *fold)
        return total / len(self.folds)


class _Voting:
    """Soft VotingClassifier: the (weighted) mean of the estimators' probabilities."""

    def __init__(self, r: _Reader):
        self.classes_ = _classes(r("classes"))
        self.estimators = r.children("estimators")
        weights = r("weights", None)
        self.weights = None if weights is None else np.asarray(weights, dtype=np.float64)
        r.check(bool(self.estimators), "no estimators")
        r.check(self.weights is None or len(self.weights) == len(self.estimators), "one weight per estimator")
        self.n_features = self.estimators[0].n_features

    def predict_proba(self, X) -> np.ndarray:
        return np.average(np.asarray([e.predict_proba(X) for e in self.estimators]), axis=0, weights=self.weights)


class _CalibratedLinear:
    """stance's CalibratedLinearClassifier: the inner model's probabilities (or softmax of scores), scheme order."""

    def __init__(self, r: _Reader):
        self.classes_ = _classes(r("classes"))
        self.estimator = r.child("estimator")
        self.columns = np.asarray(r("columns"), dtype=np.intp)
        self.scores = r("scores")
        r.check(self.scores in ("predict_proba", "softmax_decision"), f"unknown scores {self.scores!r}")
        self.n_features = self.estimator.n_features

    def predict_proba(self, X) -> np.ndarray:
        if self.scores == "predict_proba":
            scores = self.estimator.predict_proba(X)
        else:
            d = self.estimator.decision_function(X)
            scores = _softmax(np.c_[-d, d] / 2 if d.ndim == 1 else d)
        out = np.zeros((X.shape[0], len(self.classes_)))
        out[:, self.columns] = scores
        return out


class _CueLexicon:
    """stance's CueLexiconClassifier: the rule of each statement and that rule's smoothed training counts."""

    n_features = None

    def __init__(self, r: _Reader):
        from .schemes import get_scheme

        self.classes_ = _classes(r("classes"))
        self.scheme, self.lexicon = get_scheme(r("scheme")), r("lexicon")
        self.rules = {rule: i for i, rule in enumerate(r("rules"))}
        self.counts, self.smoothing = r.array("rule_counts", 2).astype(np.float64), float(r("smoothing"))
        r.check(self.counts.shape == (len(self.rules), len(self.classes_)), "rule_counts has the wrong shape")

    def predict_proba(self, X) -> np.ndarray:
        fields = _features.statement_fields(X)
        lexicon = _features.rule_lexicon(self.lexicon)
        out = np.empty((len(fields), len(self.classes_)))
        for i, f in enumerate(fields):
            rule, label = _features.lexicon_rule(f, lexicon, self.scheme)
            out[i] = _features.rule_probabilities(self.counts[self.rules[rule]], self.scheme.index(label),
                                                  self.smoothing)
        return out


class _Pipeline:
    """Pipeline: each step transforms the output of the one before; the last may be a classifier."""

    def __init__(self, r: _Reader):
        self.steps = r.children("steps")
        r.check(bool(self.steps), "no steps")
        width = None
        for step in self.steps[:-1]:
            r.check(hasattr(step, "transform"), "only the last step may be a classifier")
            width = step.width
        last = self.steps[-1]
        self.width = getattr(last, "width", None)
        if hasattr(last, "predict_proba"):
            self.classes_, self.n_features = last.classes_, None
            r.check(width is None or last.n_features is None or width == last.n_features,
                    f"the features have {width} columns but the classifier expects {last.n_features}")

    def _features(self, X):
        for step in self.steps[:-1]:
            X = step.transform(X)
        return X

    def transform(self, X):
        return self.steps[-1].transform(self._features(X))

    def predict_proba(self, X) -> np.ndarray:
        return self.steps[-1].predict_proba(self._features(X))


_KINDS = {"pipeline": _Pipeline, "passthrough": _Passthrough, "function": _Function, "columns": _Columns,
          "tfidf": _Vectorizer, "counts": _Vectorizer, "dict": _DictVectorizer, "linear": _Linear,
          "calibrated": _Calibrated, "voting": _Voting, "calibrated_linear": _CalibratedLinear,
          "cue_lexicon": _CueLexicon}


def _node(spec, arrays, where: str):
    if not isinstance(spec, Mapping) or spec.get("kind") not in _KINDS:
        got = spec.get("kind") if isinstance(spec, Mapping) else type(spec).__name__
        raise ModelFileError(f"{where}: unknown node {got!r} (known: {sorted(_KINDS)})")
    try:
        return _KINDS[spec["kind"]](_Reader(spec, arrays, where))
    except ModelFileError:
        raise
    except (KeyError, TypeError, ValueError, IndexError) as e:
        raise ModelFileError(f"{where}: not a valid {spec['kind']} node ({type(e).__name__}: {e})") from None


# -- the model -------------------------------------------------------------------------------------------------------
class PlainModel:
    """A fitted classifier as plain data, with scikit-learn's ``classes_``, ``predict`` and ``predict_proba``.

    Made by `stance.classify.export.export_plain` from a fitted model, or read
    from a model folder with `PlainModel.load`.  ``X`` is a sequence of
    statement records (or strings), as for the scikit-learn model it came from.

    Parameters
    ----------
    spec : dict
        The node tree (the content of ``inference.json``).
    arrays : mapping of str to ndarray
        The arrays the nodes name (the content of ``inference.npz``).
    """

    def __init__(self, spec: Mapping, arrays: Mapping[str, np.ndarray]):
        if not isinstance(spec, Mapping) or spec.get("format") != PLAIN_FORMAT:
            got = spec.get("format") if isinstance(spec, Mapping) else None
            raise ModelFileError(f"{SPEC_FILE}: plain-data format {got!r} is not supported (this stance reads "
                                 f"format {PLAIN_FORMAT}); load the estimator with load_model(path, estimator=True)")
        self.spec, self.arrays = spec, dict(arrays)
        self._model = _node(spec.get("model"), self.arrays, "model")
        if not hasattr(self._model, "predict_proba"):
            raise ModelFileError(f"{SPEC_FILE}: the model is not a classifier (its last step has no predict_proba)")
        self.classes_ = self._model.classes_

    def predict_proba(self, X) -> np.ndarray:
        """Class probabilities, one row per statement, columns in ``classes_`` order."""
        if isinstance(X, (str, bytes, Mapping)):
            _features.statement_fields(X)  # raises the library's message for a lone record or string
        if not hasattr(X, "__len__"):
            X = list(X)
        if len(X) == 0:
            return np.empty((0, len(self.classes_)))
        return self._model.predict_proba(X)

    def predict(self, X) -> np.ndarray:
        """The most probable class of each statement."""
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)] if len(proba) else self.classes_[:0]

    def __repr__(self) -> str:
        return f"PlainModel({self.spec['model'].get('kind')}, classes={list(self.classes_)})"

    def __reduce__(self):
        # rebuilt from its data when unpickled (worker processes): the nodes hold closures, the data does not
        return type(self), (self.spec, self.arrays)

    def save(self, folder) -> list[Path]:
        """Write ``inference.json`` and ``inference.npz`` into ``folder``: same model, same bytes."""
        folder = Path(folder)
        spec_path, arrays_path = folder / SPEC_FILE, folder / ARRAYS_FILE
        spec_path.write_text(json.dumps(self.spec, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
        members = []
        for name in sorted(self.arrays):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.ascontiguousarray(self.arrays[name]), allow_pickle=False)
            members.append((f"{name}.npy", buffer.getvalue()))
        arrays_path.write_bytes(zip_bytes(members))
        return [spec_path, arrays_path]

    @classmethod
    def load(cls, folder) -> "PlainModel":
        """Read the two files of ``folder`` (no checksum here: `stance.classify.persistence.load_model` checks)."""
        folder = Path(folder)
        try:
            spec = json.loads((folder / SPEC_FILE).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ModelFileError(f"{folder}: {SPEC_FILE} is missing") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise ModelFileError(f"{folder / SPEC_FILE}: not valid JSON ({e})") from None
        try:
            with np.load(folder / ARRAYS_FILE, allow_pickle=False) as npz:
                arrays = {name: npz[name] for name in npz.files}
        except FileNotFoundError:
            raise ModelFileError(f"{folder}: {ARRAYS_FILE} is missing") from None
        except (ValueError, OSError, zipfile.BadZipFile, EOFError) as e:
            raise ModelFileError(f"{folder / ARRAYS_FILE}: not a readable NumPy archive ({e})") from None
        return cls(spec, arrays)
