"""Bootstrap confidence intervals and paired significance tests, resampling documents.

A document is the unit of resampling: statements of one document are not
independent (one speaker, one topic, one writer), so every interval here
comes from drawing documents with replacement and re-scoring the resample
from the per-document `DocCounts` of `stance.evaluate.metrics`.  Nothing is
re-matched: a resample is a weighted sum of per-document count vectors, so
1,000 resamples of a corpus cost one matrix product.

The scores are those of `score_counts` (statement detection, attribution, end
to end, ``matched_label_*``) and of `score_labels` (``label_*``, per class
and the confusion counts' macro-F1), computed by the same formulas on arrays.
A resample in which a ratio has no denominator scores it 0, as `prf` does;
label scores of a resample without any labelled statement are left out of
the interval (NaN).

Functions
---------
count_documents
    One `DocCounts` per gold document (what `score` sums).
label_counts
    One `DocCounts` per group (document) of gold / predicted labels, for
    classification on gold segmentation.
bootstrap_samples
    The resampled scores themselves, one array per metric.
confidence_intervals
    Point estimates with percentile intervals, shaped like the score dicts.
paired_bootstrap
    Two systems on the same documents: the difference of one metric, its
    interval and a two-sided p-value.

Examples
--------
>>> from stance.evaluate.metrics import DocCounts
>>> docs = [DocCounts("a", gold=4, pred=4, matched=3), DocCounts("b", gold=2, pred=3, matched=2)]
>>> ci = confidence_intervals(docs, n_samples=200, seed=1)
>>> ci["point"]["statement_f1"], len(ci["intervals"]["statement_f1"])
(0.7692, 2)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from ..classify.schemes import DEFAULT_SCHEME, get_scheme
from .metrics import DocCounts, count_document, score_counts, score_labels

__all__ = ["count_documents", "label_counts", "bootstrap_samples", "confidence_intervals", "paired_bootstrap",
           "COUNT_METRICS", "LABEL_METRICS", "PER_TYPE_METRICS"]

# the float scores of `score_counts` (statement detection, attribution, end to end)
COUNT_METRICS = ("statement_p", "statement_r", "statement_f1", "statement_exact_p", "statement_exact_r",
                 "statement_exact_f1", "attribution_acc", "attribution_p", "attribution_r", "attribution_f1",
                 "e2e_p", "e2e_r", "e2e_f1")
# the float scores of `score_labels`, under two prefixes: ``label_`` (every pair, as score_labels counts
# them) and ``matched_label_`` (pairs where both labels are known, as score_counts counts them)
LABEL_METRICS = ("accuracy", "macro_f1", "mean_f1_acts")
PER_TYPE_METRICS = ("p_per_type", "r_per_type", "f1_per_type")
_SCALARS = ("gold", "pred", "matched", "exact", "speaker_ok", "e2e")
_MAX_CELLS = 4_000_000  # resample weights held at once (samples x documents), to bound memory


def count_documents(gold_docs, predictions: Iterable[Mapping]) -> list[DocCounts]:
    """Per-document counts of prediction records against gold documents, in gold order.

    Their sum is what `score` scores; predictions of documents not in the gold
    are ignored.
    """
    by_doc: dict[str, list] = {}
    for rec in predictions:
        by_doc.setdefault(str(rec["doc_id"]), []).append(rec)
    return [count_document(g, by_doc.get(g.doc_id, [])) for g in gold_docs]


def label_counts(gold: Iterable, pred: Iterable, groups: Iterable) -> list[DocCounts]:
    """One `DocCounts` per group holding only its ``(gold, predicted)`` label pairs.

    ``groups`` gives each statement's document id: the bootstrap resamples
    documents, not statements.  Groups keep their order of first appearance.
    """
    gold, pred, groups = list(gold), list(pred), [str(g) for g in groups]
    if not len(gold) == len(pred) == len(groups):
        raise ValueError(f"gold, pred and groups differ in length ({len(gold)}, {len(pred)}, {len(groups)})")
    out: dict[str, DocCounts] = {}
    for g, p, doc in zip(gold, pred, groups):
        out.setdefault(doc, DocCounts(doc)).label_pairs.append((g, p))
    return list(out.values())


class _Layout:
    """How a list of `DocCounts` becomes a matrix: six scalar counts, then a flattened confusion matrix."""

    def __init__(self, counts_lists: Sequence[Sequence[DocCounts]], scheme):
        self.scheme = get_scheme(scheme)
        extra = set()
        for counts in counts_lists:
            for c in counts:
                for g, p in c.label_pairs:
                    extra.update(x for x in (g, p) if x is not None and x not in self.scheme.labels)
        # scheme labels, then labels outside the scheme (each its own row, so equal ones count as agreeing),
        # then None (a missing label) last
        self.labels = list(self.scheme.labels) + sorted(extra, key=str) + [None]
        self.index = {lab: i for i, lab in enumerate(self.labels)}
        self.n_labels = len(self.labels)

    def matrix(self, counts: Sequence[DocCounts]) -> np.ndarray:
        L = self.n_labels
        m = np.zeros((len(counts), len(_SCALARS) + L * L), dtype=np.float64)
        for i, c in enumerate(counts):
            m[i, :len(_SCALARS)] = [getattr(c, name) for name in _SCALARS]
            for g, p in c.label_pairs:
                m[i, len(_SCALARS) + self.index[g] * L + self.index[p]] += 1
        return m

    def scores(self, sums: np.ndarray, *, labels_only: bool = False) -> dict[str, np.ndarray]:
        """Every score for each row of summed counts (shape ``(n, features)``), as arrays of length n."""
        out: dict[str, np.ndarray] = {}
        if not labels_only:
            gold, pred, matched, exact, speaker_ok, e2e = (sums[:, i] for i in range(len(_SCALARS)))
            for prefix, tp in (("statement", matched), ("statement_exact", exact), ("attribution", speaker_ok),
                               ("e2e", e2e)):
                out[f"{prefix}_p"], out[f"{prefix}_r"], out[f"{prefix}_f1"] = _prf(tp, pred, gold)
            out["attribution_acc"] = _ratio(speaker_ok, matched)
        L = self.n_labels
        conf = sums[:, len(_SCALARS):].reshape(-1, L, L)
        out.update(self._label_scores(conf, "label_"))
        out.update(self._label_scores(conf[:, :-1, :-1], "matched_label_"))  # without missing labels
        return out

    def _label_scores(self, conf: np.ndarray, prefix: str) -> dict[str, np.ndarray]:
        n = conf.sum(axis=(1, 2))
        has = n > 0
        out = {f"{prefix}accuracy": np.where(has, _ratio(np.trace(conf, axis1=1, axis2=2), n), np.nan)}
        f1s = {}
        for k, lab in enumerate(self.scheme.labels):
            p, r, f = _prf(conf[:, k, k], conf[:, :, k].sum(axis=1), conf[:, k, :].sum(axis=1))
            out[f"{prefix}p_per_type.{lab}"] = np.where(has, p, np.nan)
            out[f"{prefix}r_per_type.{lab}"] = np.where(has, r, np.nan)
            out[f"{prefix}f1_per_type.{lab}"] = f1s[lab] = np.where(has, f, np.nan)
        out[f"{prefix}macro_f1"] = np.mean([f1s[lab] for lab in self.scheme.labels], axis=0)
        acts = [lab for lab in self.scheme.labels if lab != self.scheme.fallback]
        out[f"{prefix}mean_f1_acts"] = (np.mean([f1s[lab] for lab in acts], axis=0) if acts
                                        else np.where(has, 0.0, np.nan))
        return out


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    return np.divide(num, den, out=np.zeros(np.broadcast(num, den).shape), where=den > 0)


def _prf(tp, n_pred, n_gold):
    p, r = _ratio(tp, n_pred), _ratio(tp, n_gold)
    return p, r, _ratio(2 * p * r, p + r)


def _point(counts: Sequence[DocCounts], scheme, *, labels_only: bool) -> dict:
    """The point estimates: `score_counts` of the sum, plus `score_labels` of its label pairs."""
    total = sum(counts, DocCounts("*"))
    out = {} if labels_only else score_counts(total, scheme)
    pairs = total.label_pairs
    if pairs:
        out.update({k: v for k, v in score_labels([g for g, _ in pairs], [p for _, p in pairs], scheme).items()
                    if k != "label_confusion"})
        known = [(g, p) for g, p in pairs if g is not None and p is not None]
        if known:
            matched = score_labels([g for g, _ in known], [p for _, p in known], scheme)
            for key in PER_TYPE_METRICS + ("mean_f1_acts",):
                out[f"matched_label_{key}"] = matched[f"label_{key}"]
            out.setdefault("matched_label_macro_f1", round(matched["label_macro_f1"], 4))
            out.setdefault("matched_label_accuracy", round(matched["label_accuracy"], 4))
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in out.items()}


def _resample(matrices: Sequence[np.ndarray], n_samples: int, seed, layout: _Layout, labels_only: bool):
    """Scores of ``n_samples`` document resamples; the same documents are drawn for every matrix (paired)."""
    if n_samples < 1:
        raise ValueError(f"n_samples must be at least 1, got {n_samples}")
    n = matrices[0].shape[0]
    if n == 0:
        raise ValueError("no documents to resample")
    rng = np.random.default_rng(seed)
    chunk = max(1, min(n_samples, _MAX_CELLS // n))
    parts: list[list[dict]] = [[] for _ in matrices]
    done = 0
    while done < n_samples:
        b = min(chunk, n_samples - done)
        idx = rng.integers(0, n, size=(b, n))
        # weights[s, d]: how often resample s drew document d
        weights = np.bincount((idx + n * np.arange(b)[:, None]).ravel(), minlength=b * n).reshape(b, n)
        for part, m in zip(parts, matrices):
            part.append(layout.scores(weights @ m, labels_only=labels_only))
        done += b
    return [{k: np.concatenate([p[k] for p in part]) for k in part[0]} for part in parts]


def bootstrap_samples(counts: Sequence[DocCounts], *, n_samples: int = 1000, seed=0, scheme=DEFAULT_SCHEME,
                      labels_only: bool = False) -> dict[str, np.ndarray]:
    """The scores of ``n_samples`` resamples of the documents: ``{metric: array of length n_samples}``.

    Per-class metrics are named ``<key>.<label>`` (``label_f1_per_type.demand``).
    ``seed`` seeds a `numpy.random.Generator`; the same seed gives the same samples.
    """
    counts = list(counts)
    layout = _Layout([counts], scheme)
    return _resample([layout.matrix(counts)], n_samples, seed, layout, labels_only)[0]


def _nest(flat: dict) -> dict:
    """``{"a.b": v}`` -> ``{"a": {"b": v}}``, the shape of the score dicts."""
    out: dict = {}
    for k, v in flat.items():
        if "." in k:
            head, lab = k.split(".", 1)
            out.setdefault(head, {})[lab] = v
        else:
            out[k] = v
    return out


def _flatten(d: Mapping) -> dict:
    out = {}
    for k, v in d.items():
        if isinstance(v, Mapping):
            out.update({f"{k}.{lab}": x for lab, x in v.items()})
        else:
            out[k] = v
    return out


def _interval(samples: np.ndarray, confidence: float) -> list | None:
    finite = samples[np.isfinite(samples)]
    if not len(finite):
        return None
    alpha = (1 - confidence) / 2
    lo, hi = np.quantile(finite, [alpha, 1 - alpha])
    return [round(float(lo), 4), round(float(hi), 4)]


def confidence_intervals(counts: Sequence[DocCounts], *, n_samples: int = 1000, confidence: float = 0.95, seed=0,
                         scheme=DEFAULT_SCHEME, labels_only: bool = False) -> dict:
    """Point estimates and percentile bootstrap intervals over documents.

    Parameters
    ----------
    counts : list of DocCounts
        One per document (`count_documents`, or `label_counts` for labels on gold segmentation).
    n_samples : int, default 1000
        Resamples of the documents.
    confidence : float, default 0.95
        Coverage of the intervals.
    seed : int or None
        Seed of the `numpy.random.Generator`.
    labels_only : bool, default False
        Only the label scores (``label_*``, ``matched_label_*``): for `label_counts`.

    Returns
    -------
    dict
        ``point``: the scores (as `score_counts` and `score_labels` give them,
        plus ``matched_label_*_per_type``); ``intervals``: the same keys with
        ``[low, high]`` in place of every float (per class: ``{label: [low, high]}``);
        ``n_samples``, ``confidence``, ``seed``, ``n_docs``, ``method``.
    """
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, got {confidence}")
    counts = list(counts)
    point = _point(counts, scheme, labels_only=labels_only)
    samples = bootstrap_samples(counts, n_samples=n_samples, seed=seed, scheme=scheme, labels_only=labels_only)
    flat_point = _flatten(point)
    intervals = {k: _interval(samples[k], confidence) for k, v in flat_point.items()
                 if k in samples and isinstance(v, float)}
    return {"point": point, "intervals": _nest(intervals), "n_samples": n_samples, "confidence": confidence,
            "seed": seed, "n_docs": len(counts), "method": "percentile bootstrap, documents resampled"}


def paired_bootstrap(counts_a: Sequence[DocCounts], counts_b: Sequence[DocCounts], *, metric: str = "e2e_f1",
                     n_samples: int = 1000, confidence: float = 0.95, seed=0, scheme=DEFAULT_SCHEME) -> dict:
    """Compare two systems scored on the same documents: paired bootstrap test of ``a - b``.

    Both systems are rescored on the same resamples of the documents. The
    p-value is two-sided under the shifted null of Berg-Kirkpatrick et al.
    (2012): the share of resampled differences at least as far from the
    observed difference as the observed difference is from 0, with the usual
    +1 correction, ``(1 + #{|d* - d| >= |d|}) / (n_samples + 1)``.  Identical
    systems get p = 1.

    Parameters
    ----------
    counts_a, counts_b : list of DocCounts
        One per document, the same documents (matched by ``doc_id``, which must agree).
    metric : str, default "e2e_f1"
        Any key of `bootstrap_samples` (``statement_f1``, ``label_macro_f1``,
        ``label_f1_per_type.demand``, ...).

    Returns
    -------
    dict
        ``metric``, ``a``, ``b``, ``difference`` (a - b, point estimates),
        ``interval`` (of the difference), ``p_value``, ``n_samples``, ``confidence``, ``seed``, ``n_docs``.
    """
    counts_a, counts_b = list(counts_a), list(counts_b)
    ids_a, ids_b = [c.doc_id for c in counts_a], [c.doc_id for c in counts_b]
    if sorted(ids_a) != sorted(ids_b):
        raise ValueError(f"the two systems were scored on different documents "
                         f"({len(set(ids_a) ^ set(ids_b))} differ); a paired test needs the same ones")
    by_id = {c.doc_id: c for c in counts_b}
    if len(by_id) == len(counts_b):  # align b to a's order; repeated ids are taken as given
        counts_b = [by_id[i] for i in ids_a]
    labels_only = False
    layout = _Layout([counts_a, counts_b], scheme)
    sa, sb = _resample([layout.matrix(counts_a), layout.matrix(counts_b)], n_samples, seed, layout, labels_only)
    if metric not in sa:
        raise ValueError(f"unknown metric {metric!r}; choose from {sorted(sa)}")
    full = np.ones((1, len(counts_a)))
    a = float(layout.scores(full @ layout.matrix(counts_a), labels_only=labels_only)[metric][0])
    b = float(layout.scores(full @ layout.matrix(counts_b), labels_only=labels_only)[metric][0])
    observed = a - b
    diff = sa[metric] - sb[metric]
    diff = diff[np.isfinite(diff)]
    if not len(diff):
        raise ValueError(f"{metric!r} is undefined on every resample (no labelled statements?)")
    extreme = int(np.sum(np.abs(diff - observed) >= abs(observed) - 1e-12))
    return {"metric": metric, "a": round(a, 4), "b": round(b, 4), "difference": round(observed, 4),
            "interval": _interval(diff, confidence), "p_value": round((1 + extreme) / (len(diff) + 1), 4),
            "n_samples": n_samples, "confidence": confidence, "seed": seed, "n_docs": len(counts_a)}
