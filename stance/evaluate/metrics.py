"""Scores of ANNOTATION.md section 5, built from per-document counts that can be summed.

Per-document counts make the scores cheap to recompute on bootstrap resamples
of documents and to compute per document in parallel.  The result is a flat
dict with stable keys (``statement_f1``, ``statement_exact_f1``,
``attribution_acc``, ``attribution_f1``, ``label_macro_f1``, ``e2e_f1``, …).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..classify.schemes import DEFAULT_SCHEME, get_scheme
from ..corpora.gold import GoldDocument
from ..document import Entity
from .matching import fold_name, match_spans, same_speaker

__all__ = ["DocCounts", "count_document", "score_counts", "score", "score_labels", "prf"]


@dataclass
class DocCounts:
    """What one document contributes to the scores."""

    doc_id: str
    gold: int = 0
    pred: int = 0
    matched: int = 0
    exact: int = 0
    speaker_ok: int = 0  # matched statements with the right speaker
    e2e: int = 0  # matched with right speaker and right label
    label_pairs: list = field(default_factory=list)  # (gold label, predicted label) of matched statements
    speaker_pairs: list = field(default_factory=list)  # (gold speaker, predicted speaker) of matched statements

    def __add__(self, other: "DocCounts") -> "DocCounts":
        return DocCounts("*", self.gold + other.gold, self.pred + other.pred, self.matched + other.matched,
                         self.exact + other.exact, self.speaker_ok + other.speaker_ok, self.e2e + other.e2e,
                         self.label_pairs + other.label_pairs, self.speaker_pairs + other.speaker_pairs)


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _gold_forms(gold: GoldDocument) -> dict[str, frozenset]:
    """Folded other mentions of each gold entity: its aliases and the mention texts of its statements."""
    forms: dict[str, set] = {}
    for name, ent in gold.entities.items():
        forms.setdefault(name, set()).update(fold_name(a) for a in ent.aliases)
    for st in gold.statements:
        if st.speaker and st.speaker_span is not None:
            mention = fold_name(st.speaker_span.text(gold.document.text))
            if mention not in ("he", "she", "it", "they", "we", "i", "you"):
                forms.setdefault(st.speaker, set()).add(mention)
    return {k: frozenset(v - {""}) for k, v in forms.items()}


def count_document(gold: GoldDocument, predictions: list[Mapping], entities: Iterable[Entity] = ()) -> DocCounts:
    """Counts of one document; ``predictions`` are records (``content_span``, ``speaker``, ``label``).

    ``entities`` are the predicted entities, optional: a predicted group's listed members name it too (6.7).
    """
    text = gold.document.text
    g_spans = [(s.content_span.start, s.content_span.end) for s in gold.statements]
    p_spans = [tuple(r["content_span"]) for r in predictions]
    pairs = match_spans(text, g_spans, p_spans)
    forms = _gold_forms(gold)
    document = text + "\n" + str(gold.document.metadata.get("title") or "")
    c = DocCounts(gold.doc_id, gold=len(g_spans), pred=len(p_spans), matched=len(pairs))
    c.exact = len(match_spans(text, g_spans, p_spans, exact=True))
    pred_members = {e.name: e.members for e in entities}
    for gi, pi in pairs:
        g, p = gold.statements[gi], predictions[pi]
        gold_entity = gold.entities.get(g.speaker or "")
        ok = same_speaker(p.get("speaker"), g.speaker, forms.get(g.speaker or "", frozenset()), document,
                          gold_members=gold_entity.members if gold_entity else (),
                          pred_members=pred_members.get(p.get("speaker") or "", ()))
        c.speaker_ok += ok
        c.speaker_pairs.append((g.speaker, p.get("speaker")))
        c.label_pairs.append((g.label, p.get("label")))
        c.e2e += ok and g.label is not None and g.label == p.get("label")
    return c


def score_labels(gold: Iterable[str], pred: Iterable[str], scheme=DEFAULT_SCHEME) -> dict:
    """Classification scores: macro-F1 over the scheme's labels, accuracy, per-class F1.

    ``label_mean_f1_acts`` is the mean F1 over the labels other than the
    fallback (demand, concern, rejection): the SemEval convention.
    """
    scheme = get_scheme(scheme)
    gold, pred = list(gold), list(pred)
    out = {"label_n": len(gold), "label_accuracy": sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0}
    per = {}
    for lab in scheme.labels:
        tp = sum(g == p == lab for g, p in zip(gold, pred))
        per[lab] = prf(tp, sum(p == lab for p in pred), sum(g == lab for g in gold))
    out["label_f1_per_type"] = {lab: round(v[2], 4) for lab, v in per.items()}
    out["label_p_per_type"] = {lab: round(v[0], 4) for lab, v in per.items()}
    out["label_r_per_type"] = {lab: round(v[1], 4) for lab, v in per.items()}
    out["label_macro_f1"] = sum(v[2] for v in per.values()) / len(per)
    acts = [lab for lab in scheme.labels if lab != scheme.fallback]
    out["label_mean_f1_acts"] = sum(per[lab][2] for lab in acts) / len(acts) if acts else 0.0
    out["label_confusion"] = {g: dict(Counter(p for gg, p in zip(gold, pred) if gg == g)) for g in scheme.labels}
    return out


def score_counts(counts: DocCounts, scheme=DEFAULT_SCHEME) -> dict:
    """The flat score dict from summed counts."""
    p, r, f = prf(counts.matched, counts.pred, counts.gold)
    ep, er, ef = prf(counts.exact, counts.pred, counts.gold)
    ap, ar, af = prf(counts.speaker_ok, counts.pred, counts.gold)
    lp, lr, lf = prf(counts.e2e, counts.pred, counts.gold)
    out = {
        "n_gold": counts.gold, "n_pred": counts.pred, "n_matched": counts.matched,
        "statement_p": p, "statement_r": r, "statement_f1": f,
        "statement_exact_p": ep, "statement_exact_r": er, "statement_exact_f1": ef,
        "attribution_acc": counts.speaker_ok / counts.matched if counts.matched else 0.0,
        "attribution_p": ap, "attribution_r": ar, "attribution_f1": af,
        "e2e_p": lp, "e2e_r": lr, "e2e_f1": lf,
    }
    labelled = [(g, p) for g, p in counts.label_pairs if g is not None and p is not None]
    if labelled:
        matched_labels = score_labels([g for g, _ in labelled], [p for _, p in labelled], scheme)
        out["matched_label_macro_f1"] = matched_labels["label_macro_f1"]
        out["matched_label_accuracy"] = matched_labels["label_accuracy"]
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in out.items()}


def score(gold_docs: list[GoldDocument], predictions: Iterable[Mapping], scheme=DEFAULT_SCHEME) -> dict:
    """Score prediction records against gold documents.

    Returns the flat dict of `score_counts` plus ``n_docs`` and
    ``unknown_doc_ids`` (documents of predictions that are not in the gold: not scored, listed).
    """
    by_doc: dict[str, list] = {}
    for rec in predictions:
        by_doc.setdefault(str(rec["doc_id"]), []).append(rec)
    total = DocCounts("*")
    for g in gold_docs:
        total = total + count_document(g, by_doc.get(g.doc_id, []))
    unknown = sorted(set(by_doc) - {g.doc_id for g in gold_docs})
    out = score_counts(total, scheme)
    out["n_docs"] = len(gold_docs)
    out["unknown_doc_ids"] = unknown
    return out
