"""Export a fitted scikit-learn model into a `PlainModel`: its parameters as plain data.

The exporter knows the components stance's models are built from -- a
`Pipeline` of a `FunctionTransformer` (a function of
`stance.classify.features`), a `ColumnTransformer` of `TfidfVectorizer` /
`CountVectorizer` / `DictVectorizer` blocks with their weights, and a
classifier: `LogisticRegression`, `LinearSVC`, `CalibratedClassifierCV`
(sigmoid, isotonic, temperature), a soft `VotingClassifier`, and stance's
`CalibratedLinearClassifier` and `CueLexiconClassifier`.  It reads each
fitted object's parameters; a component it does not know, or a setting
whose effect the plain model does not reproduce, raises `PlainExportError`
naming it.  Nothing is approximated: `save_model` also checks that both
models give the same probabilities when it is given statements to check on.
"""

from __future__ import annotations

import json

import numpy as np
from sklearn.calibration import CalibratedClassifierCV, _CalibratedClassifier, _SigmoidCalibration
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import VotingClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.isotonic import IsotonicRegression
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, LabelEncoder
from sklearn.svm import LinearSVC
from sklearn.utils._response import _check_response_method

from ..errors import PlainExportError
from .lexicon_model import CueLexiconClassifier
from .linear import CalibratedLinearClassifier
from .plain import FUNCTIONS, PLAIN_FORMAT, PlainModel
from .schemes import get_scheme

try:  # scikit-learn >= 1.8
    from sklearn.calibration import _TemperatureScaling
except ImportError:  # pragma: no cover - older scikit-learn has no temperature scaling
    _TemperatureScaling = None

__all__ = ["export_plain", "max_difference"]


def export_plain(estimator) -> PlainModel:
    """The `PlainModel` of a fitted ``estimator``; raises `PlainExportError` for what it cannot represent."""
    arrays: dict[str, np.ndarray] = {}
    spec = {"format": PLAIN_FORMAT, "model": _Exporter(arrays).node(estimator, "model")}
    return PlainModel(spec, arrays)


def max_difference(estimator, plain: PlainModel, X) -> float:
    """The largest difference between the two models' probabilities on ``X`` (inf if their classes differ)."""
    if list(estimator.classes_) != list(plain.classes_):
        return float("inf")
    return float(np.max(np.abs(estimator.predict_proba(X) - plain.predict_proba(X)), initial=0.0))


def _name(obj) -> str:
    t = type(obj)
    return f"{t.__module__}.{t.__qualname__}"


def _plain_json(value, where: str):
    """``value`` if JSON keeps it as it is (numbers, strings, lists, dicts), else PlainExportError."""
    try:
        if json.loads(json.dumps(value)) == value:
            return value
    except (TypeError, ValueError):
        pass
    raise PlainExportError(f"{where}: {value!r} is not plain data (JSON numbers, strings, lists and dicts)")


def _labels(classes, where: str) -> list:
    values = np.asarray(classes).tolist()
    if not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in values):
        raise PlainExportError(f"{where}: classes must be strings or integers, got {values!r}")
    return values


def _terms(vocabulary: dict, where: str) -> list[str]:
    """A vocabulary dict (term -> column) as the list of terms in column order."""
    terms = [None] * len(vocabulary)
    for term, column in vocabulary.items():
        if not 0 <= column < len(terms) or terms[column] is not None:
            raise PlainExportError(f"{where}: vocabulary columns are not 0..{len(terms) - 1}, each once")
        terms[column] = term
    if not all(isinstance(t, str) for t in terms):
        raise PlainExportError(f"{where}: vocabulary terms must be strings")
    return terms


class _Exporter:
    def __init__(self, arrays: dict):
        self.arrays = arrays
        self.kinds = {
            Pipeline: self.pipeline, FunctionTransformer: self.function, ColumnTransformer: self.columns,
            TfidfVectorizer: self.vectorizer, CountVectorizer: self.vectorizer, DictVectorizer: self.dict_vectorizer,
            LogisticRegression: self.linear, LinearSVC: self.linear, CalibratedClassifierCV: self.calibrated,
            VotingClassifier: self.voting, CalibratedLinearClassifier: self.calibrated_linear,
            CueLexiconClassifier: self.cue_lexicon,
        }

    def array(self, where: str, value) -> str:
        value = np.asarray(value)
        if value.dtype.kind not in "fiu":
            raise PlainExportError(f"{where}: expected a numeric array, got dtype {value.dtype}")
        self.arrays[where] = value.astype(np.float64) if value.dtype.kind == "f" else value
        return where

    def node(self, obj, where: str) -> dict:
        if obj is None or (isinstance(obj, str) and obj == "passthrough"):
            return {"kind": "passthrough"}
        export = self.kinds.get(type(obj))
        if export is None:
            known = ", ".join(sorted(t.__name__ for t in self.kinds))
            raise PlainExportError(f"{where}: {_name(obj)} has no plain-data form (the exporter knows: {known})")
        output = getattr(obj, "_sklearn_output_config", {}).get("transform", "default")
        if output not in ("default", None):
            raise PlainExportError(f"{where}: set_output(transform={output!r}) is not supported")
        return export(obj, where)

    # -- transformers ---------------------------------------------------------------------------------------------
    def pipeline(self, p: Pipeline, where: str) -> dict:
        return {"kind": "pipeline", "steps": [self.node(step, f"{where}/{name}") for name, step in p.steps]}

    def function(self, f: FunctionTransformer, where: str) -> dict:
        if f.validate:
            raise PlainExportError(f"{where}: FunctionTransformer(validate=True) is not supported")
        if f.func is None:
            return {"kind": "passthrough"}
        name = f"{getattr(f.func, '__module__', '?')}.{getattr(f.func, '__qualname__', '?')}"
        if FUNCTIONS.get(name) is not f.func:
            raise PlainExportError(f"{where}: function {name} is not a public function of stance.classify.features "
                                   "(the only functions a plain model may call)")
        return {"kind": "function", "function": name, "kw_args": _plain_json(dict(f.kw_args or {}), where)}

    def columns(self, c: ColumnTransformer, where: str) -> dict:
        weights = c.transformer_weights or {}
        blocks = []
        for name, transformer, columns in c.transformers_:
            if isinstance(transformer, str) and transformer == "drop":
                continue
            if isinstance(transformer, str):
                raise PlainExportError(f"{where}/{name}: a {transformer!r} column block is not supported")
            if isinstance(columns, (int, np.integer)) and not isinstance(columns, bool):
                columns = int(columns)
            elif (isinstance(columns, (list, tuple, np.ndarray))
                  and all(isinstance(k, (int, np.integer)) and not isinstance(k, bool) for k in columns)):
                columns = [int(k) for k in columns]
                if not columns:
                    continue  # an empty selection: scikit-learn leaves the block out too
            else:
                raise PlainExportError(f"{where}/{name}: columns {columns!r} are not column numbers")
            weight = weights.get(name)
            blocks.append({"name": name, "columns": columns, "node": self.node(transformer, f"{where}/{name}"),
                           "weight": None if weight is None else float(weight)})
        return {"kind": "columns", "blocks": blocks}

    def vectorizer(self, v: CountVectorizer, where: str) -> dict:
        for param in ("preprocessor", "tokenizer"):
            if getattr(v, param) is not None:
                raise PlainExportError(f"{where}: a custom {param} is not supported")
        if callable(v.analyzer) or v.analyzer not in ("word", "char", "char_wb"):
            raise PlainExportError(f"{where}: analyzer {v.analyzer!r} is not supported")
        if callable(v.strip_accents) or v.strip_accents not in (None, "ascii", "unicode"):
            raise PlainExportError(f"{where}: strip_accents {v.strip_accents!r} is not supported")
        if v.input != "content":
            raise PlainExportError(f"{where}: input={v.input!r} is not supported (only 'content')")
        tfidf = type(v) is TfidfVectorizer
        if np.dtype(v.dtype) not in ((np.float64,) if tfidf else (np.float64, np.int64)):
            raise PlainExportError(f"{where}: dtype {np.dtype(v.dtype)} is not supported (float64, or int64 counts)")
        low, high = v.ngram_range
        if not 1 <= low <= high:
            raise PlainExportError(f"{where}: ngram_range {v.ngram_range} is not supported")
        stop = v.get_stop_words() if v.analyzer == "word" else None
        spec = {"kind": "tfidf" if tfidf else "counts", "analyzer": v.analyzer, "lowercase": bool(v.lowercase),
                "strip_accents": v.strip_accents, "token_pattern": v.token_pattern,
                "ngram_range": [int(low), int(high)],
                "stop_words": None if stop is None else sorted(stop), "binary": bool(v.binary),
                "encoding": v.encoding, "decode_error": v.decode_error,
                "vocabulary": _terms(v.vocabulary_, where)}
        if tfidf:
            if v.norm not in (None, "l1", "l2"):
                raise PlainExportError(f"{where}: norm {v.norm!r} is not supported")
            spec.update(sublinear_tf=bool(v.sublinear_tf), norm=v.norm,
                        idf=self.array(f"{where}/idf", v.idf_) if v.use_idf else None)
        return spec

    def dict_vectorizer(self, d: DictVectorizer, where: str) -> dict:
        if np.dtype(d.dtype) != np.float64:
            raise PlainExportError(f"{where}: dtype {np.dtype(d.dtype)} is not supported (float64)")
        return {"kind": "dict", "separator": d.separator, "vocabulary": _terms(d.vocabulary_, where)}

    # -- classifiers ----------------------------------------------------------------------------------------------
    def linear(self, m, where: str) -> dict:
        multi_class = getattr(m, "multi_class", "deprecated")
        if isinstance(m, LogisticRegression) and multi_class not in ("deprecated", "auto", "multinomial"):
            raise PlainExportError(f"{where}: LogisticRegression(multi_class={multi_class!r}) is not supported")
        if isinstance(m, LogisticRegression) and multi_class == "auto" and m.solver == "liblinear" \
                and len(m.classes_) > 2:
            raise PlainExportError(f"{where}: one-vs-rest LogisticRegression (liblinear) is not supported")
        coef = np.asarray(m.coef_)
        intercept = np.broadcast_to(np.asarray(m.intercept_, dtype=np.float64), (coef.shape[0],))
        return {"kind": "linear", "classes": _labels(m.classes_, where), "logistic": isinstance(m, LogisticRegression),
                "coef": self.array(f"{where}/coef", coef), "intercept": self.array(f"{where}/intercept", intercept)}

    def calibrated(self, c: CalibratedClassifierCV, where: str) -> dict:
        folds = []
        for i, fold in enumerate(c.calibrated_classifiers_):
            at = f"{where}/fold{i}"
            if type(fold) is not _CalibratedClassifier:
                raise PlainExportError(f"{at}: {_name(fold)} is not a scikit-learn _CalibratedClassifier")
            response = _check_response_method(fold.estimator, ["decision_function", "predict_proba"]).__name__
            folds.append({
                "method": fold.method, "response": response, "binary": len(fold.estimator.classes_) == 2,
                "estimator": self.node(fold.estimator, f"{at}/estimator"),
                # the column each calibrator fills (temperature scaling has one calibrator for all)
                "class_indices": (LabelEncoder().fit(fold.classes).transform(fold.estimator.classes_).tolist()
                                  if fold.method in ("sigmoid", "isotonic") else []),
                "calibrators": [self.calibrator(cal, fold.method, f"{at}/calibrator{k}")
                                for k, cal in enumerate(fold.calibrators)],
            })
        return {"kind": "calibrated", "classes": _labels(c.classes_, where), "folds": folds}

    def calibrator(self, cal, method: str, where: str) -> dict:
        if method == "sigmoid" and type(cal) is _SigmoidCalibration:
            return {"a": float(cal.a_), "b": float(cal.b_)}
        if method == "isotonic" and type(cal) is IsotonicRegression:
            if cal.out_of_bounds != "clip":
                raise PlainExportError(f"{where}: IsotonicRegression(out_of_bounds={cal.out_of_bounds!r}) "
                                       "is not supported (only 'clip')")
            return {"x": self.array(f"{where}/x", cal.X_thresholds_), "y": self.array(f"{where}/y", cal.y_thresholds_),
                    "x_min": float(cal.X_min_), "x_max": float(cal.X_max_)}
        if method == "temperature" and _TemperatureScaling is not None and type(cal) is _TemperatureScaling:
            return {"beta": float(cal.beta_)}
        raise PlainExportError(f"{where}: calibration {method!r} with {_name(cal)} is not supported")

    def voting(self, v: VotingClassifier, where: str) -> dict:
        if v.voting != "soft":
            raise PlainExportError(f"{where}: VotingClassifier(voting={v.voting!r}) has no predict_proba")
        weights = v._weights_not_none
        names = [name for name, est in v.estimators if not (isinstance(est, str) and est == "drop")]
        return {"kind": "voting", "classes": _labels(v.classes_, where),
                "weights": None if weights is None else [float(w) for w in weights],
                "estimators": [self.node(est, f"{where}/{name}") for name, est in zip(names, v.estimators_)]}

    def calibrated_linear(self, c: CalibratedLinearClassifier, where: str) -> dict:
        est = c.estimator_
        scores = "predict_proba" if hasattr(est, "predict_proba") and not isinstance(est, LinearSVC) \
            else "softmax_decision"
        return {"kind": "calibrated_linear", "classes": _labels(c.classes_, where), "scores": scores,
                "columns": np.asarray(c.columns_).tolist(), "estimator": self.node(est, f"{where}/estimator")}

    def cue_lexicon(self, c: CueLexiconClassifier, where: str) -> dict:
        if not isinstance(c.lexicon, str):
            raise PlainExportError(f"{where}: lexicon {c.lexicon!r} is not a language or folder name")
        return {"kind": "cue_lexicon", "classes": _labels(c.classes_, where), "lexicon": c.lexicon,
                "scheme": get_scheme(c.scheme).to_dict(), "rules": list(c.rules_), "smoothing": float(c.smoothing),
                "rule_counts": self.array(f"{where}/rule_counts", c.rule_counts_)}
