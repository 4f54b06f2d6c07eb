"""Training data and model building shared by the experiment scripts and the bundled model.

`team_rows` turns a split of the team corpus into ``(X, y)`` (statements the
team judged not to be speech, label -1, are left out of gold training);
`weigh_parts` gives each gold row the weight of its corpus part (a config's
``part_weights``: the team-written training articles may count less than
real text); `build_estimator` makes an estimator from a config's name and
parameters; `fit_statement_model` fits one with the optional extras --
sentence views of the gold rows and weak labels -- each with its own sample
weight;
`fit_self_trained` adds one round of self-training on unlabelled statements;
`training_fingerprint` is the identity of the training data stored with a
model.

Fitting runs with one BLAS thread (`threadpoolctl`): the solvers' floating
point sums then do not depend on how many cores a machine has, so the same
config gives the same model file everywhere, not only on one machine.
"""

from __future__ import annotations

import re

import numpy as np
from sklearn.base import clone
from threadpoolctl import threadpool_limits

from ..provenance import data_fingerprint
from .features import statement_fields
from .lexicon_model import CueLexiconClassifier
from .linear import document_groups, make_linear_model, sentence_views
from .schemes import get_scheme
from .weak import self_label

__all__ = ["ESTIMATORS", "team_rows", "split_rows", "weigh_parts", "build_estimator", "fit_statement_model",
           "fit_self_trained", "training_fingerprint"]

ESTIMATORS = ("cue_lexicon", "linear")
_ROW_FIELDS = ("doc_id", "statement_id", "part", "content", "cue", "context", "quote_type", "speaker")


def team_rows(dataset, scheme="stance4") -> tuple[list[dict], list[str]]:
    """``(records, labels)`` of a `load_team_corpus` split, speech rows only (label -1 left out)."""
    names = dataset.features["label"].names
    scheme = get_scheme(scheme)
    X, y = [], []
    for row in dataset:
        if row["label"] < 0:
            continue
        label = names[row["label"]]
        if label not in scheme.labels:
            raise ValueError(f"label {label!r} of {row['statement_id']} is not in scheme {scheme.name!r}")
        X.append({k: row.get(k, "") for k in _ROW_FIELDS})
        y.append(label)
    return X, y


def split_rows(corpus, splits, scheme="stance4") -> tuple[list[dict], list[str]]:
    """`team_rows` of several splits of a `load_team_corpus` DatasetDict, concatenated in order."""
    X, y = [], []
    for split in splits:
        Xs, ys = team_rows(corpus[split], scheme)
        X += Xs
        y += ys
    return X, y


def weigh_parts(X, y, part_weights: dict | None = None) -> tuple[list[dict], list[str], np.ndarray]:
    """``(X, y, sample_weight)``: each row weighs its part's weight (1.0 for a part not named); weight 0 drops it."""
    part_weights = dict(part_weights or {})
    weights = np.array([float(part_weights.get(x.get("part", ""), 1.0)) for x in X])
    if np.any(weights < 0):
        raise ValueError(f"part_weights must not be negative: {part_weights}")
    keep = np.flatnonzero(weights > 0)
    return [X[i] for i in keep], [y[i] for i in keep], weights[keep]


def _scheme_param(scheme):
    """The scheme as an estimator parameter: its name when registered, else its plain dict.

    Either way the parameter stays plain data (a model file holds no scheme object),
    and a scheme the user built but did not register still works.
    """
    scheme = get_scheme(scheme)
    try:
        if get_scheme(scheme.name) == scheme:
            return scheme.name
    except ValueError:
        pass
    return scheme.to_dict()


def build_estimator(name: str, params: dict | None = None, *, scheme="stance4", seed: int = 0):
    """An unfitted estimator of family ``name`` (`ESTIMATORS`) with ``params``."""
    params = dict(params or {})
    if name == "cue_lexicon":
        return CueLexiconClassifier(scheme=_scheme_param(scheme), **params)
    if name == "linear":
        for key in ("word_ngrams", "char_ngrams"):
            if params.get(key):
                params[key] = tuple(params[key])
            elif key in params:
                params[key] = None
        return make_linear_model(scheme=_scheme_param(scheme), random_state=seed, **params)
    raise ValueError(f"unknown estimator family {name!r}; choose from {ESTIMATORS}")


def fit_statement_model(estimator, X, y, *, sample_weight=None, sentence_view_weight: float = 0.0, weak=None,
                        weak_weight: float = 0.3, extra=None):
    """Fit ``estimator`` on gold ``(X, y)`` plus, when asked, sentence views and weak labels.

    Linear pipelines get ``classifier__groups`` (documents) and
    ``classifier__sample_weight``: ``sample_weight`` of the gold rows (default
    1.0, e.g. from `weigh_parts`), which their sentence views carry too; the
    cue-lexicon classifier counts its rules on the gold rows only, unweighted.
    ``extra`` is a list of ``(WeakLabels, weight)`` pairs added after ``weak``
    (narration rows, the self-training labels of `fit_self_trained`).
    """
    if isinstance(estimator, CueLexiconClassifier):
        return estimator.fit(X, y)
    with threadpool_limits(limits=1):
        return _fit_linear(estimator, X, y, sample_weight=sample_weight, sentence_view_weight=sentence_view_weight,
                           weak=weak, weak_weight=weak_weight, extra=extra or ())


def fit_self_trained(estimator, X, y, unlabelled, *, threshold: float = 0.8, weight: float = 0.3, **fit_kwargs):
    """One round of self-training: fit on gold, label ``unlabelled`` where confident, refit on both.

    A clone of ``estimator`` is fitted with ``fit_kwargs`` (`fit_statement_model`:
    sentence views, weak labels, extra rows such as narration); its predictions
    of ``threshold`` or more on the unlabelled statements
    (`stance.classify.weak.self_label`) join the training rows (the extra rows
    included) with sample weight ``weight``, and ``estimator`` is fitted on all
    of them.  Returns ``(estimator, self_labels)``.

    scikit-learn's `SelfTrainingClassifier` is not used: its pseudo-labels
    weigh as much as gold, it would sit between the feature pipeline and the
    classifier (so the calibration folds would lose their documents), and the
    plain-data exporter would need another component for no change at
    prediction time.
    """
    first = fit_statement_model(clone(estimator), X, y, **fit_kwargs)
    labels = self_label(unlabelled, first, threshold=threshold, source="self-training on unlabelled statements")
    extra = [*(fit_kwargs.pop("extra", None) or ()), (labels, weight)]
    fit_statement_model(estimator, X, y, extra=extra, **fit_kwargs)
    return estimator, labels


def _fit_linear(estimator, X, y, *, sample_weight, sentence_view_weight, weak, weak_weight, extra=()):
    gold_weight = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    if gold_weight.shape != (len(y),):
        raise ValueError(f"sample_weight has {gold_weight.size} values for {len(y)} statements")
    X_all, y_all, w_all = list(X), list(y), [gold_weight]
    if sentence_view_weight:
        Xs, ys, ws = sentence_views(X, y, weight=sentence_view_weight * gold_weight)
        X_all += Xs
        y_all += ys
        w_all.append(ws)
    if weak is not None and len(weak):
        Xw, yw, ww = weak.training_rows(weak_weight)
        X_all += Xw
        y_all += yw
        w_all.append(ww)
    for labels, weight in extra:
        Xw, yw, ww = labels.training_rows(weight)
        X_all += Xw
        y_all += yw
        w_all.append(ww)
    weights = np.concatenate(w_all)
    kwargs = {"classifier__groups": document_groups(X_all)}
    if not np.all(weights == 1.0):
        kwargs["classifier__sample_weight"] = weights
    try:
        return estimator.fit(X_all, y_all, **kwargs)
    except ValueError as e:
        if "empty vocabulary" not in str(e):
            raise
        raise ValueError(_empty_fields_message(X_all)) from e


# the record field of each word block of `make_linear_model`, and the parameter that leaves it out
_WORD_BLOCKS = {"content": "content_words", "cue": "cue", "context": "context"}


def _empty_fields_message(X) -> str:
    """Why scikit-learn found no vocabulary: the text fields no training statement has words in."""
    rows = statement_fields(X)
    empty = [f for f in _WORD_BLOCKS if not any(re.search(r"\w\w", r[f] or "") for r in rows)]
    if not empty:
        return "a word block found no vocabulary (every word below its min_df?): lower word_min_df"
    return (f"no training statement has words in its {', '.join(repr(f) for f in empty)} field; build the model "
            f"without that block: " + ", ".join(f"{_WORD_BLOCKS[f]}=False" for f in empty))


def training_fingerprint(X, y) -> str:
    """SHA-256 over documents: each doc_id with its statements' fields and labels (`stance.provenance`)."""
    by_doc: dict[str, list] = {}
    for x, label in zip(X, y):
        by_doc.setdefault(str(x.get("doc_id", "")), []).append((x.get("cue", ""), x.get("content", ""),
                                                               x.get("context", ""), label))
    return data_fingerprint((doc_id, "\n".join("\t".join(r[:3]) for r in rows), [r[3] for r in rows])
                            for doc_id, rows in by_doc.items())
