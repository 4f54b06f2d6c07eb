"""Weak labels: what the cue-lexicon classifier says about unlabelled real statements.

A separate, clearly named product, never mixed into gold: a `WeakLabels`
holds its own records, labels, the rule behind each label and where they came
from (``source``, ``labeller``).  Training code adds them to the gold rows
only on request, with their own (lower) sample weight, and results name them.

Only the rules a reader can trust are kept by default: the cue carries the act
(``cue:demand``, ``cue:concern``, ``cue:rejection``, ``cue:other`` -- "urged",
"expressed concern about", "rejected", "announced"), which are right 78-96 %
of the time on the team's dev split, against 22-68 % for the content and
fallback rules.

`narration_labels` is a second kind: sentences of the writer's own narration
(`stance.corpora.unlabelled.polnear_narration_sentences`), which are not
statements and so get the scheme's fallback label (``other``): what a
classifier meets when it labels whole sentences, or narration a segmenter
took for a statement.  A fixed seed draws at most ``cap`` of them.

Examples
--------
>>> from stance.classify import CueLexiconClassifier
>>> from stance.classify.weak import weak_label
>>> gold_X = [{"content": "Japan to stop", "cue": "urged"}, {"content": "it", "cue": "said"}]
>>> labeller = CueLexiconClassifier().fit(gold_X, ["demand", "other"])
>>> weak = weak_label([{"content": "the plan", "cue": "rejected"}, {"content": "it rained", "cue": "said"}],
...                   labeller, source="example")
>>> weak.labels, weak.rules
(['rejection'], ['cue:rejection'])
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from sklearn.utils.validation import check_is_fitted

from ..provenance import data_fingerprint
from .features import statement_fields
from .schemes import get_scheme

__all__ = ["WeakLabels", "weak_label", "self_label", "narration_labels"]


@dataclass(frozen=True)
class WeakLabels:
    """Weakly labelled statements: records, labels, the rule behind each, and their provenance."""

    records: list
    labels: list
    rules: list
    source: str
    labeller: str
    kept_rules: tuple = ()
    n_seen: int = 0
    counts: dict = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.labels)

    def training_rows(self, weight: float = 0.3):
        """``(X, y, sample_weight)`` to append to gold training rows."""
        return list(self.records), list(self.labels), np.full(len(self.labels), float(weight))

    def fingerprint(self) -> str:
        """SHA-256 of the rows (`stance.provenance.data_fingerprint` by document): what a model was fitted on."""
        by_doc: dict = {}
        for record, label in zip(self.records, self.labels):
            by_doc.setdefault(str(record.get("doc_id", "")), []).append(
                ("\t".join(str(record.get(k) or "") for k in ("cue", "content", "context")), label))
        return data_fingerprint((doc_id, "\n".join(r[0] for r in rows), [r[1] for r in rows])
                                for doc_id, rows in by_doc.items())

    def summary(self) -> dict:
        return {"source": self.source, "labeller": self.labeller, "kept_rules": list(self.kept_rules),
                "n_seen": self.n_seen, "n_kept": len(self), "labels": dict(sorted(self.counts.items())),
                "fingerprint": self.fingerprint()}


def weak_label(records, labeller, *, rules=("cue:",), source: str = "unlabelled") -> WeakLabels:
    """Label ``records`` with a fitted `CueLexiconClassifier` and keep those whose rule starts with ``rules``."""
    check_is_fitted(labeller, "rule_counts_")
    scheme = get_scheme(labeller.scheme)
    lex = labeller._lex()
    fields = statement_fields(records)
    kept_records, labels, kept_rules = [], [], []
    for record, f in zip(records, fields):
        rule, label = labeller._rule(f, lex, scheme)
        if rule.startswith(tuple(rules)):
            kept_records.append(record)
            labels.append(label)
            kept_rules.append(rule)
    counts: dict = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    return WeakLabels(records=kept_records, labels=labels, rules=kept_rules, source=source,
                      labeller=type(labeller).__name__, kept_rules=tuple(rules), n_seen=len(fields), counts=counts)


def self_label(records, model, *, threshold: float = 0.8, source: str = "unlabelled") -> WeakLabels:
    """Label ``records`` with a fitted model's own predictions, keeping those it gives ``threshold`` or more.

    One round of self-training: a model fitted on gold labels the
    unlabelled statements it is confident about, and a second model learns
    from gold plus these (`stance.classify.training.fit_self_trained`).  The
    rule of each kept row is ``confidence>=<threshold>``.
    """
    records = list(records)
    if not records:
        return WeakLabels(records=[], labels=[], rules=[], source=source, labeller=type(model).__name__,
                          kept_rules=(f"confidence>={threshold:g}",), n_seen=0)
    proba = np.asarray(model.predict_proba(records))
    best = proba.argmax(axis=1)
    keep = np.flatnonzero(proba[np.arange(len(records)), best] >= threshold)
    labels = [str(model.classes_[best[i]]) for i in keep]
    counts: dict = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    rule = f"confidence>={threshold:g}"
    return WeakLabels(records=[records[i] for i in keep], labels=labels, rules=[rule] * len(labels), source=source,
                      labeller=type(model).__name__, kept_rules=(rule,), n_seen=len(records), counts=counts)


def narration_labels(sentences, *, scheme="stance4", cap: int | None = None, seed: int = 0,
                     source: str = "narration") -> WeakLabels:
    """The scheme's fallback label (``other``) for narration ``sentences``, at most ``cap`` drawn with ``seed``.

    The draw keeps the sentences' order, so the same sentences, cap and seed
    give the same rows.  The rule of every row is ``narration``.
    """
    sentences = list(sentences)
    keep = range(len(sentences))
    if cap is not None and cap < len(sentences):
        keep = sorted(np.random.default_rng(seed).choice(len(sentences), size=cap, replace=False).tolist())
    label = get_scheme(scheme).fallback
    if not label:
        raise ValueError(f"scheme {get_scheme(scheme).name!r} has no fallback label to give narration")
    records = [sentences[i] for i in keep]
    return WeakLabels(records=records, labels=[label] * len(records), rules=["narration"] * len(records),
                      source=source, labeller="narration sentences", kept_rules=("narration",),
                      n_seen=len(sentences), counts={label: len(records)} if records else {})
