"""Evaluation reports: the scores with bootstrap intervals, per class, by genre and quote type, the worst cases.

`evaluation_report` scores prediction records against gold documents
(ANNOTATION.md section 5), returns everything as one dict and, given a
folder, writes it there three ways:

- ``metrics.json``: the dict (scores, ``intervals``, per-class tables, the
  confusion matrix, the breakdowns, the error analysis, ``provenance``);
- ``report.md``: the same as Markdown tables, with the figures beside it as PNG files;
- ``report.html``: one self-contained page (inline CSS, figures embedded as
  base64 PNG) that opens offline and can be mailed.

The figures (confusion matrix, per-class F1 with intervals, end-to-end F1 by
genre) need matplotlib, the optional extra ``report``
(``pip install 'stance[report]'``); without it the report says so and keeps
every table.  A non-empty folder is never overwritten unless asked.

Provenance recorded with every report: the stance version and those of its
dependencies, the git commit of the code, the model's SHA-256, the gold
data's fingerprint (`stance.provenance.data_fingerprint`), the predictions'
fingerprint, the date and the command line.
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import html
import io
import json
import shlex
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..classify.schemes import DEFAULT_SCHEME, get_scheme
from ..errors import StanceError
from ..provenance import file_fingerprint
from .bootstrap import confidence_intervals
from .matching import match_spans, same_speaker
from .metrics import DocCounts, _gold_forms, count_document

__all__ = ["evaluation_report", "model_fingerprint", "gold_fingerprint", "REPORT_FILES", "HEADLINE"]

REPORT_FILES = ("report.md", "report.html", "metrics.json", "confusion.png", "per_class_f1.png", "genre_f1.png")
MAIN_SCORE = "e2e_f1"
# (key, what it is) of the headline table, in order
HEADLINE = (
    ("statement_p", "statement detection precision (overlap)"),
    ("statement_r", "statement detection recall (overlap)"),
    ("statement_f1", "statement detection F1 (overlap)"),
    ("statement_exact_f1", "statement detection F1 (exact span)"),
    ("attribution_acc", "attribution accuracy (matched statements)"),
    ("attribution_p", "attribution end to end precision"),
    ("attribution_r", "attribution end to end recall"),
    ("attribution_f1", "attribution end to end F1"),
    ("matched_label_macro_f1", "label macro-F1 (matched statements)"),
    ("matched_label_accuracy", "label accuracy (matched statements)"),
    ("matched_label_mean_f1_acts", "label mean F1 of the acts (matched statements)"),
    ("e2e_p", "span + speaker + label precision"),
    ("e2e_r", "span + speaker + label recall"),
    ("e2e_f1", "span + speaker + label F1"),
)
_NO_MATPLOTLIB = "matplotlib is not installed (pip install 'stance[report]')"
_PRONOUNS = ("he", "she", "it", "they", "we", "i", "you")


# -- provenance ------------------------------------------------------------------------------------
def model_fingerprint(model=None) -> dict:
    """What identifies the model whose predictions are scored.

    ``model`` is a model folder (or its ``model.skops``), a fitted estimator
    in memory (SHA-256 of its pickled bytes, computed, never loaded), or None:
    the bundled model, identified by the SHA-256 its ``meta.json`` records.
    """
    from ..classify.persistence import MODEL_FILE, default_model_path, read_meta

    if model is None:
        path = default_model_path()
        try:
            meta = read_meta(path)
        except StanceError as e:
            return {"source": "bundled", "path": str(path), "sha256": None, "error": str(e)}
        return {"source": "bundled", "path": str(path), "sha256": meta["sha256"], "estimator": meta.get("estimator")}
    if isinstance(model, (str, Path)):
        path = Path(model)
        file = path / MODEL_FILE if path.is_dir() else path
        if not file.is_file():
            raise StanceError(f"model {path}: no {MODEL_FILE} there (a model is a folder with {MODEL_FILE} and "
                              "meta.json)")
        out = {"source": "given", "path": str(path), "sha256": file_fingerprint(file)}
        try:
            meta = read_meta(file.parent)
            out["estimator"] = meta.get("estimator")
            out["sha256_matches_meta"] = meta["sha256"] == out["sha256"]
        except StanceError:
            pass
        return out
    import pickle

    return {"source": "in-memory estimator", "estimator": type(model).__name__,
            "sha256": hashlib.sha256(pickle.dumps(model, protocol=4)).hexdigest()}


def gold_fingerprint(gold_docs) -> str:
    """`stance.provenance.data_fingerprint` of gold documents: ids, texts and their statements."""
    from ..provenance import data_fingerprint
    from ..records import to_record

    return data_fingerprint((g.doc_id, g.document.text, [to_record(s, g.document.text) for s in g.statements])
                            for g in gold_docs)


def _predictions_fingerprint(predictions: list) -> str:
    rows = sorted(json.dumps(r, sort_keys=True, ensure_ascii=False, default=str) for r in predictions)
    return hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()


def _provenance(gold_docs, predictions, model, command, gold_path, pred_path) -> dict:
    import stance
    from ..provenance import git_commit, versions

    root = Path(stance.__file__).resolve().parent.parent
    if command is None:
        command = " ".join(shlex.quote(a) for a in [Path(sys.argv[0]).name, *sys.argv[1:]]) if sys.argv else ""
    return {
        "stance_version": stance.__version__, "versions": versions(),
        "git_commit": git_commit(root) if (root / ".git").exists() else None,
        "model": model_fingerprint(model), "data_fingerprint": gold_fingerprint(gold_docs),
        "predictions_fingerprint": _predictions_fingerprint(predictions),
        "gold": None if gold_path is None else str(gold_path),
        "predictions": None if pred_path is None else str(pred_path),
        "date": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"), "command": command,
    }


# -- alignment: what happened to every gold and predicted statement ---------------------------------
def _snippet(text: str, span, width: int = 220, quote: bool = True) -> str:
    if not quote:
        return f"characters {span[0]}\u2013{span[1]}"
    s = " ".join(text[span[0]:span[1]].split())
    return s if len(s) <= width else s[: width - 1] + "\u2026"


def _align(gold, preds: list) -> dict:
    """Matched pairs with speaker and label verdicts, missed gold and spurious predictions of one document."""
    text = gold.document.text
    g_spans = [(s.content_span.start, s.content_span.end) for s in gold.statements]
    p_spans = [tuple(r["content_span"]) for r in preds]
    pairs = match_spans(text, g_spans, p_spans)
    forms = _gold_forms(gold)
    matched = []
    for gi, pi in pairs:
        g, p = gold.statements[gi], preds[pi]
        gold_entity = gold.entities.get(g.speaker or "")
        ok = same_speaker(p.get("speaker"), g.speaker, forms.get(g.speaker or "", frozenset()),
                          gold_members=gold_entity.members if gold_entity else ())
        matched.append((gi, pi, ok, g.label is not None and g.label == p.get("label")))
    used_g, used_p = {gi for gi, _ in pairs}, {pi for _, pi in pairs}
    return {"matched": matched, "missed": [i for i in range(len(g_spans)) if i not in used_g],
            "spurious": [i for i in range(len(p_spans)) if i not in used_p]}


# -- the computation --------------------------------------------------------------------------------
def _ci_rows(ci: dict, keys) -> dict:
    return {k: {"value": ci["point"][k], "ci": ci["intervals"].get(k)} for k in keys if k in ci["point"]}


def _per_class(totals: DocCounts, ci: dict, scheme) -> dict:
    support = {lab: 0 for lab in scheme.labels}
    for g, p in totals.label_pairs:
        if g in support and p is not None:
            support[g] += 1
    out = {}
    for lab in scheme.labels:
        row = {"support": support[lab]}
        for short, key in (("p", "matched_label_p_per_type"), ("r", "matched_label_r_per_type"),
                           ("f1", "matched_label_f1_per_type")):
            row[short] = ci["point"].get(key, {}).get(lab)
            row[f"{short}_ci"] = ci["intervals"].get(key, {}).get(lab)
        out[lab] = row
    return out


def _confusion(totals: DocCounts, scheme) -> dict:
    gold_labels = list(scheme.labels) + sorted({g for g, _ in totals.label_pairs
                                                if g is not None and g not in scheme.labels})
    cols = list(scheme.labels) + sorted({p for _, p in totals.label_pairs if p is not None and p not in scheme.labels})
    if any(p is None for g, p in totals.label_pairs if g is not None):
        cols.append(None)
    cell = {(g, p): 0 for g in gold_labels for p in cols}
    for g, p in totals.label_pairs:
        if g is not None:
            cell[g, p] += 1
    return {"rows": gold_labels, "columns": ["(none)" if c is None else c for c in cols],
            "matrix": [[cell[g, p] for p in cols] for g in gold_labels]}


def _ci_of(counts, keys, n_samples, seed, confidence, scheme) -> dict:
    ci = confidence_intervals(counts, n_samples=n_samples, seed=seed, confidence=confidence, scheme=scheme)
    return _ci_rows(ci, keys)


def evaluation_report(gold_docs, predictions: Iterable[Mapping], out_dir=None, *, model=None, n_samples: int = 1000,
                      seed=0, confidence: float = 0.95, scheme=DEFAULT_SCHEME, overwrite: bool = False,
                      command: str | None = None, title: str = "Evaluation report", gold_path=None, pred_path=None,
                      n_examples: int = 10, extra: Mapping | None = None, figures: bool = True,
                      snippets: bool = True) -> dict:
    """Score predictions against gold with bootstrap intervals, and write the report to ``out_dir``.

    Parameters
    ----------
    gold_docs : list of GoldDocument
        The gold (`stance.corpora.read_gold`); genres come from their metadata ``genre``.
    predictions : iterable of dict
        Statement records (``doc_id``, ``content_span``, ``speaker``, ``label``, optionally ``score``,
        ``quote_type``).  Records of documents not in the gold are listed, not scored.
    out_dir : str or Path, optional
        Where to write ``report.md``, ``report.html``, ``metrics.json`` (and the PNG figures).
        None: compute only.  A folder that is not empty is refused unless ``overwrite``.
    model : str, Path or estimator, optional
        The model that made the predictions, for the provenance (`model_fingerprint`;
        default: the bundled model).
    n_samples, seed, confidence
        The bootstrap over documents (`stance.evaluate.bootstrap.confidence_intervals`).
    scheme : LabelScheme or str
        The label scheme of the per-class tables.
    command : str, optional
        The command line to record (default: this process's ``sys.argv``).
    n_examples : int, default 10
        Worst cases listed per kind of error, and worst documents.
    extra : dict, optional
        More top-level entries for ``metrics.json`` (an experiment's config, say).
    figures : bool, default True
        Draw the figures (when matplotlib is installed).
    snippets : bool, default True
        Quote each listed error's text.  False lists its offsets instead, for reports that are
        published or committed while the documents belong to someone else.

    Returns
    -------
    dict
        What ``metrics.json`` holds: ``scores`` (the flat dict of `stance.evaluate.score` plus the
        per-class label scores), ``intervals`` (same keys, ``[low, high]``), ``main_score``,
        ``bootstrap``, ``per_class``, ``per_class_end_to_end``, ``confusion``, ``by_genre``,
        ``by_quote_type``, ``worst_documents``, ``errors``, ``figures``, ``provenance``.
    """
    scheme = get_scheme(scheme)
    gold_docs = list(gold_docs)
    predictions = [dict(r) for r in predictions]
    out = None if out_dir is None else _prepare_dir(Path(out_dir), overwrite)
    by_doc: dict[str, list] = {}
    for rec in predictions:
        by_doc.setdefault(str(rec["doc_id"]), []).append(rec)
    boot = {"n_samples": n_samples, "seed": seed, "confidence": confidence}

    counts, aligned = [], []
    for g in gold_docs:
        preds = by_doc.get(g.doc_id, [])
        counts.append(count_document(g, preds))
        aligned.append(_align(g, preds))
    if not counts:
        raise StanceError("no gold documents to score against")
    totals = sum(counts, DocCounts("*"))
    ci = confidence_intervals(counts, scheme=scheme, **boot)
    scores = dict(ci["point"], n_docs=len(gold_docs),
                  unknown_doc_ids=sorted(set(by_doc) - {g.doc_id for g in gold_docs}))

    metrics = {
        "title": title, "main_score": MAIN_SCORE, "scores": scores, "intervals": ci["intervals"],
        "bootstrap": {**boot, "method": ci["method"], "unit": "document"},
        "per_class": _per_class(totals, ci, scheme),
        "per_class_end_to_end": _per_class_e2e(gold_docs, by_doc, aligned, scheme, boot),
        "confusion": _confusion(totals, scheme),
        "by_genre": _by_genre(gold_docs, counts, scheme, boot),
        "by_quote_type": _by_quote_type(gold_docs, by_doc, aligned, scheme, boot),
        "worst_documents": _worst_documents(gold_docs, counts, n_examples),
        "errors": _errors(gold_docs, by_doc, aligned, counts, scheme, n_examples, snippets),
    }
    clash = sorted(set(extra or {}) & (set(metrics) | {"provenance", "figures"}))
    if clash:
        raise ValueError(f"extra entries {clash} would replace the report's own; rename them")
    metrics.update(extra or {})
    metrics["provenance"] = _provenance(gold_docs, predictions, model, command, gold_path, pred_path)
    pngs = _figures(metrics, scheme) if figures else None
    if pngs is not None:
        metrics["figures"] = {"available": True, "files": sorted(pngs)}
    elif figures:
        metrics["figures"] = {"available": False, "reason": _NO_MATPLOTLIB}
    else:
        metrics["figures"] = {"available": False, "reason": "not asked for (figures=False)"}
    if out is not None:
        _write(out, metrics, pngs or {})
    return metrics


def _prepare_dir(out: Path, overwrite: bool) -> Path:
    if out.exists() and not out.is_dir():
        raise StanceError(f"{out} is a file; the report needs a folder")
    if out.is_dir() and any(out.iterdir()) and not overwrite:
        raise StanceError(f"{out} is not empty; pass --overwrite (overwrite=True) to replace the report there")
    return out


def _per_class_e2e(gold_docs, by_doc, aligned, scheme, boot) -> dict:
    """Per label, end to end: a statement counts when span, speaker and label are right."""
    per_label: dict[str, list] = {lab: [] for lab in scheme.labels}
    for g, al in zip(gold_docs, aligned):
        preds = by_doc.get(g.doc_id, [])
        for lab in scheme.labels:
            c = DocCounts(g.doc_id, gold=sum(s.label == lab for s in g.statements),
                          pred=sum(p.get("label") == lab for p in preds))
            c.matched = sum(ok and label_ok and g.statements[gi].label == lab for gi, _, ok, label_ok in al["matched"])
            per_label[lab].append(c)
    out = {}
    for lab, counts in per_label.items():
        rows = _ci_of(counts, ("statement_p", "statement_r", "statement_f1"), scheme=scheme, **boot)
        out[lab] = {"gold": sum(c.gold for c in counts), "pred": sum(c.pred for c in counts),
                    "correct": sum(c.matched for c in counts),
                    **{k.replace("statement_", ""): v for k, v in rows.items()}}
    return out


def _by_genre(gold_docs, counts, scheme, boot) -> dict:
    groups: dict[str, list] = {}
    for g, c in zip(gold_docs, counts):
        groups.setdefault(g.document.metadata.get("genre") or "(none)", []).append(c)
    out = {}
    for genre, cs in sorted(groups.items()):
        t = sum(cs, DocCounts("*"))
        out[genre] = {"n_docs": len(cs), "n_gold": t.gold, "n_pred": t.pred, "n_matched": t.matched,
                      **_ci_of(cs, ("statement_f1", "attribution_acc", "matched_label_macro_f1", "e2e_f1"),
                               scheme=scheme, **boot)}
    return out


def _by_quote_type(gold_docs, by_doc, aligned, scheme, boot) -> dict:
    """Recall side by the gold quote type, precision side by the predicted quote type, on the overall matching."""
    from ..document import QUOTE_TYPES

    types = list(QUOTE_TYPES)
    for recs in by_doc.values():
        for r in recs:
            if (r.get("quote_type") or "(none)") not in types:
                types.append(r.get("quote_type") or "(none)")
    recall = {t: [] for t in types}
    precision = {t: [] for t in types}
    for g, al in zip(gold_docs, aligned):
        preds = by_doc.get(g.doc_id, [])
        pred_matched = {pi for _, pi, _, _ in al["matched"]}
        for t in types:
            c = DocCounts(g.doc_id, gold=sum(s.quote_type == t for s in g.statements))
            for gi, _, ok, label_ok in al["matched"]:
                if g.statements[gi].quote_type == t:
                    c.matched += 1
                    c.speaker_ok += ok
                    c.e2e += ok and label_ok
            recall[t].append(c)
            mine = [i for i, p in enumerate(preds) if (p.get("quote_type") or "(none)") == t]
            precision[t].append(DocCounts(g.doc_id, pred=len(mine), matched=sum(i in pred_matched for i in mine)))
    out = {}
    for t in types:
        rg, pg = sum(recall[t], DocCounts("*")), sum(precision[t], DocCounts("*"))
        if not rg.gold and not pg.pred:
            continue
        row = {"n_gold": rg.gold, "n_gold_matched": rg.matched, "n_pred": pg.pred, "n_pred_matched": pg.matched}
        r = _ci_of(recall[t], ("statement_r", "attribution_acc", "e2e_r"), scheme=scheme, **boot)
        row.update({"recall": r["statement_r"], "attribution_acc": r["attribution_acc"], "e2e_recall": r["e2e_r"]})
        row["precision"] = _ci_of(precision[t], ("statement_p",), scheme=scheme, **boot)["statement_p"]
        out[t] = row
    return out


def _doc_scores(c: DocCounts) -> dict:
    from .metrics import prf

    return {"statement_f1": round(prf(c.matched, c.pred, c.gold)[2], 4),
            "e2e_f1": round(prf(c.e2e, c.pred, c.gold)[2], 4)}


def _worst_documents(gold_docs, counts, n: int) -> list:
    rows = []
    for g, c in zip(gold_docs, counts):
        if not (c.gold or c.pred):
            continue
        rows.append({"doc_id": g.doc_id, "genre": g.document.metadata.get("genre") or "", "n_gold": c.gold,
                     "n_pred": c.pred, "n_matched": c.matched, "speaker_ok": c.speaker_ok, **_doc_scores(c)})
    rows.sort(key=lambda r: (r["e2e_f1"], r["statement_f1"], -(r["n_gold"] + r["n_pred"]), r["doc_id"]))
    return rows[:n]


def _errors(gold_docs, by_doc, aligned, counts, scheme, n: int, snippets: bool = True) -> dict:
    """Missed and spurious statements, wrong speakers and wrong labels; the worst first.

    Worst means: a confident prediction before a hesitant one (by ``score``),
    then the document with the lower end-to-end F1; a missed act (any label
    but the fallback) before a missed fallback statement.
    """
    rank = {g.doc_id: (_doc_scores(c)["e2e_f1"], g.doc_id) for g, c in zip(gold_docs, counts)}
    missed, spurious, speaker, label = [], [], [], []

    def score_of(p):
        s = p.get("score")
        return -float(s) if isinstance(s, (int, float)) else 0.0

    for g, al in zip(gold_docs, aligned):
        text, preds, r = g.document.text, by_doc.get(g.doc_id, []), rank[g.doc_id]
        for gi in al["missed"]:
            s = g.statements[gi]
            span = (s.content_span.start, s.content_span.end)
            missed.append(((s.label == scheme.fallback, r, span), {
                "doc_id": g.doc_id, "content_span": list(span), "text": _snippet(text, span, quote=snippets),
                "gold_speaker": s.speaker, "gold_label": s.label, "quote_type": s.quote_type}))
        for pi in al["spurious"]:
            p = preds[pi]
            span = tuple(p["content_span"])
            spurious.append(((score_of(p), r, span), {
                "doc_id": g.doc_id, "content_span": list(span), "text": _snippet(text, span, quote=snippets),
                "pred_speaker": p.get("speaker"), "pred_label": p.get("label"), "score": p.get("score"),
                "quote_type": p.get("quote_type")}))
        for gi, pi, ok, label_ok in al["matched"]:
            s, p = g.statements[gi], preds[pi]
            span = (s.content_span.start, s.content_span.end)
            row = {"doc_id": g.doc_id, "content_span": list(span), "text": _snippet(text, span, quote=snippets),
                   "gold_speaker": s.speaker, "pred_speaker": p.get("speaker"), "gold_label": s.label,
                   "pred_label": p.get("label"), "score": p.get("score")}
            if s.speaker_span is not None:
                mention = s.speaker_span.text(text)
                row["gold_mention"] = mention if mention.lower() not in _PRONOUNS else f"{mention} (pronoun)"
            if not ok:
                speaker.append(((score_of(p), r, span), row))
            if s.label is not None and not label_ok:
                label.append(((score_of(p), r, span), row))
    out = {}
    for name, items in (("missed", missed), ("spurious", spurious), ("wrong_speaker", speaker),
                        ("wrong_label", label)):
        items.sort(key=lambda x: x[0])
        out[name] = {"count": len(items), "examples": [row for _, row in items[:n]]}
    return out


# -- figures --------------------------------------------------------------------------------------
def _load_matplotlib():
    """matplotlib's `Figure`, or None when the optional extra is not installed (no pyplot, no global backend)."""
    try:
        import matplotlib  # noqa: F401 -- the package itself first: its submodules may be cached without it
        from matplotlib.figure import Figure
    except ImportError:
        return None
    return Figure


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    return buf.getvalue()


def _figures(metrics: dict, scheme) -> dict | None:
    """``{file name: PNG bytes}``, or None without matplotlib."""
    Figure = _load_matplotlib()
    if Figure is None:
        return None
    pngs = {}
    conf = metrics["confusion"]
    if conf["rows"] and conf["columns"]:
        fig = Figure(figsize=(1.2 + 1.1 * len(conf["columns"]), 1.0 + 0.9 * len(conf["rows"])))
        ax = fig.add_subplot()
        m = conf["matrix"]
        im = ax.imshow(m, cmap="Blues")
        top = max((max(r) for r in m if r), default=0)
        for i, row in enumerate(m):
            for j, v in enumerate(row):
                ax.text(j, i, str(v), ha="center", va="center", color="white" if top and v > top / 2 else "black")
        ax.set_xticks(range(len(conf["columns"])), conf["columns"], rotation=30, ha="right")
        ax.set_yticks(range(len(conf["rows"])), conf["rows"])
        ax.set_xlabel("predicted")
        ax.set_ylabel("gold")
        ax.set_title("Labels of matched statements")
        fig.colorbar(im, ax=ax, fraction=0.046, pad=0.04)
        pngs["confusion.png"] = _png(fig)

    def bars(name, title, items, xlabel):
        names = [k for k, _ in items]
        values = [v["value"] if v["value"] is not None else 0.0 for _, v in items]
        lo = [max(0.0, val - v["ci"][0]) if v.get("ci") else 0.0 for val, (_, v) in zip(values, items)]
        hi = [max(0.0, v["ci"][1] - val) if v.get("ci") else 0.0 for val, (_, v) in zip(values, items)]
        fig = Figure(figsize=(6.0, 0.9 + 0.45 * len(names)))
        ax = fig.add_subplot()
        ax.barh(range(len(names)), values, xerr=[lo, hi], color="#4c78a8", ecolor="#333333", capsize=3)
        ax.set_yticks(range(len(names)), names)
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.set_xlabel(xlabel)
        ax.set_title(title)
        for i, (v, up) in enumerate(zip(values, hi)):
            x = v + up + 0.015  # right of the interval, or inside the bar when that leaves the axes
            ax.text(x if x < 0.93 else 0.01, i, f"{v:.2f}", va="center", fontsize=8,
                    color="black" if x < 0.93 else "white")
        pngs[name] = _png(fig)

    pc = metrics["per_class"]
    if any(row["f1"] is not None for row in pc.values()):
        bars("per_class_f1.png", "F1 per label (matched statements), 95% CI",
             [(lab, {"value": row["f1"], "ci": row["f1_ci"]}) for lab, row in pc.items()], "F1")
    genres = metrics["by_genre"]
    if genres:
        bars("genre_f1.png", "Span + speaker + label F1 by genre, 95% CI",
             [(f"{g} ({row['n_docs']})", row["e2e_f1"]) for g, row in genres.items()], "F1")
    return pngs


# -- rendering ------------------------------------------------------------------------------------
def _fmt(v) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:.3f}"
    return str(v)


def _with_ci(row) -> str:
    if not isinstance(row, Mapping):
        return _fmt(row)
    ci = row.get("ci")
    return _fmt(row.get("value")) + (f" [{ci[0]:.3f}, {ci[1]:.3f}]" if ci else "")


def _doc(doc_id: str, width: int = 48) -> str:
    """A document id short enough for a table cell (metrics.json keeps it whole)."""
    return doc_id if len(doc_id) <= width else doc_id[: width - 1] + "\u2026"


def _blocks(metrics: dict, pngs: dict) -> list:
    """The report as a list of blocks, rendered to both Markdown and HTML."""
    s, iv, b, prov = metrics["scores"], metrics["intervals"], metrics["bootstrap"], metrics["provenance"]
    pct = f"{round(100 * b['confidence'])}%"
    B = [("h1", metrics["title"]),
         ("p", f"{s['n_docs']} gold documents; statements gold / predicted / matched: "
               f"{s['n_gold']} / {s['n_pred']} / {s['n_matched']}. Scored as in ANNOTATION.md section 5. "
               f"Intervals: {pct} percentile bootstrap, documents resampled ({b['n_samples']} resamples, "
               f"seed {b['seed']}). Main score: `{metrics['main_score']}` = "
               f"{_with_ci({'value': s.get(metrics['main_score']), 'ci': iv.get(metrics['main_score'])})}.")]
    if s.get("unknown_doc_ids"):
        B.append(("p", f"Predictions for {len(s['unknown_doc_ids'])} documents not in the gold were ignored: "
                       + ", ".join(s["unknown_doc_ids"][:10]) + (" …" if len(s["unknown_doc_ids"]) > 10 else "")))
    fig = metrics.get("figures", {})
    if fig.get("available") is False and fig.get("reason") == _NO_MATPLOTLIB:
        B.append(("note", "Figures are not drawn: matplotlib is not installed. Install the optional extra with "
                          "`pip install 'stance[report]'`; every figure's numbers are in the tables."))
    B.append(("h2", "Scores"))
    B.append(("table", ["score", "key", "value", f"{pct} CI"],
              [[what, f"`{k}`", _fmt(s.get(k)), (f"[{iv[k][0]:.3f}, {iv[k][1]:.3f}]" if iv.get(k) else "–")]
               for k, what in HEADLINE if k in s]))

    B.append(("h2", "Labels per class"))
    B.append(("p", "Matched statements with a gold and a predicted label: how well the label is chosen once the "
                   "statement is found."))
    B.append(("table", ["label", "support", "precision", "recall", "F1"],
              [[lab, row["support"], _with_ci({"value": row["p"], "ci": row["p_ci"]}),
                _with_ci({"value": row["r"], "ci": row["r_ci"]}), _with_ci({"value": row["f1"], "ci": row["f1_ci"]})]
               for lab, row in metrics["per_class"].items()]))
    if "per_class_f1.png" in pngs:
        B.append(("img", "per_class_f1.png", "F1 per label with intervals"))
    B.append(("p", "End to end per label: a statement counts when its span, speaker and label are all right."))
    B.append(("table", ["label", "gold", "predicted", "correct", "precision", "recall", "F1"],
              [[lab, row["gold"], row["pred"], row["correct"], _with_ci(row["p"]), _with_ci(row["r"]),
                _with_ci(row["f1"])] for lab, row in metrics["per_class_end_to_end"].items()]))

    conf = metrics["confusion"]
    B.append(("h2", "Confusion matrix"))
    B.append(("p", "Matched statements; rows are gold labels, columns predicted labels."))
    B.append(("table", ["gold \\ predicted", *conf["columns"]],
              [[g, *row] for g, row in zip(conf["rows"], conf["matrix"])]))
    if "confusion.png" in pngs:
        B.append(("img", "confusion.png", "confusion matrix"))

    B.append(("h2", "By genre"))
    B.append(("p", "Genre from the gold documents' metadata. An interval resampled from a handful of documents "
                   "is too narrow to trust; read the number of documents first."))
    B.append(("table", ["genre", "docs", "gold", "predicted", "statement F1", "attribution acc.", "label macro-F1",
                        "span + speaker + label F1"],
              [[g, r["n_docs"], r["n_gold"], r["n_pred"], _with_ci(r.get("statement_f1")),
                _with_ci(r.get("attribution_acc")), _with_ci(r.get("matched_label_macro_f1")),
                _with_ci(r.get("e2e_f1"))] for g, r in metrics["by_genre"].items()]))
    if "genre_f1.png" in pngs:
        B.append(("img", "genre_f1.png", "end-to-end F1 by genre"))

    B.append(("h2", "By quote type"))
    B.append(("p", "Recall, attribution and end-to-end recall by the gold statement's quote type; precision by the "
                   "predicted quote type (one matching for all)."))
    B.append(("table", ["quote type", "gold", "recall", "attribution acc.", "span + speaker + label recall",
                        "predicted", "precision"],
              [[t, r["n_gold"], _with_ci(r["recall"]), _with_ci(r["attribution_acc"]), _with_ci(r["e2e_recall"]),
                r["n_pred"], _with_ci(r["precision"])] for t, r in metrics["by_quote_type"].items()]))

    B.append(("h2", "Error analysis"))
    B.append(("h3", "Worst documents"))
    B.append(("table", ["document", "genre", "gold", "predicted", "matched", "right speaker", "statement F1",
                        "span + speaker + label F1"],
              [[_doc(r["doc_id"]), r["genre"], r["n_gold"], r["n_pred"], r["n_matched"], r["speaker_ok"],
                _fmt(r["statement_f1"]), _fmt(r["e2e_f1"])] for r in metrics["worst_documents"]]))
    e = metrics["errors"]
    kinds = (
        ("missed", "Missed statements (gold, not found)",
         ["document", "gold speaker", "gold label", "quote type", "text"],
         lambda r: [_doc(r["doc_id"]), r["gold_speaker"], r["gold_label"], r["quote_type"], r["text"]]),
        ("spurious", "Spurious statements (found, not in the gold)",
         ["document", "predicted speaker", "predicted label", "score", "text"],
         lambda r: [_doc(r["doc_id"]), r["pred_speaker"], r["pred_label"], _fmt(r["score"]), r["text"]]),
        ("wrong_speaker", "Wrong speakers (matched statements)",
         ["document", "gold speaker", "gold mention", "predicted speaker", "text"],
         lambda r: [_doc(r["doc_id"]), r["gold_speaker"], r.get("gold_mention"), r["pred_speaker"], r["text"]]),
        ("wrong_label", "Wrong labels (matched statements)",
         ["document", "gold label", "predicted label", "score", "speaker", "text"],
         lambda r: [_doc(r["doc_id"]), r["gold_label"], r["pred_label"], _fmt(r["score"]), r["gold_speaker"],
                    r["text"]]),
    )
    for key, heading, head, row in kinds:
        B.append(("h3", f"{heading}: {e[key]['count']}"
                        + (f", the worst {len(e[key]['examples'])} shown" if e[key]["count"] > len(e[key]["examples"])
                           else "")))
        if e[key]["examples"]:
            B.append(("table", head, [row(r) for r in e[key]["examples"]]))

    B.append(("h2", "Provenance"))
    model = prov["model"]
    rows = [["stance version", prov["stance_version"]], ["git commit", prov["git_commit"] or "(not a git checkout)"],
            ["model", f"{model.get('source')}: {model.get('path') or model.get('estimator') or ''}"],
            ["model sha256", model.get("sha256")], ["gold data fingerprint", prov["data_fingerprint"]],
            ["predictions fingerprint", prov["predictions_fingerprint"]]]
    rows += [[k, prov[k]] for k in ("gold", "predictions") if prov.get(k)]
    rows += [["date (UTC)", prov["date"]], ["command", f"`{prov['command']}`"],
             ["versions", ", ".join(f"{k} {v}" for k, v in prov["versions"].items() if v)]]
    B.append(("table", ["what", "value"], rows))
    return B


def _md_cell(v) -> str:
    return _fmt(v).replace("|", "\\|").replace("\n", " ")


def _markdown(blocks) -> str:
    lines = []
    for kind, *rest in blocks:
        if kind in ("h1", "h2", "h3"):
            lines += ["#" * int(kind[1]) + " " + rest[0], ""]
        elif kind == "p":
            lines += [rest[0], ""]
        elif kind == "note":
            lines += [f"> **Note.** {rest[0]}", ""]
        elif kind == "table":
            head, rows = rest
            lines.append("| " + " | ".join(_md_cell(h) for h in head) + " |")
            lines.append("|" + "|".join("---" for _ in head) + "|")
            lines += ["| " + " | ".join(_md_cell(c) for c in r) + " |" for r in rows]
            lines.append("")
        elif kind == "img":
            lines += [f"![{rest[1]}]({rest[0]})", ""]
    return "\n".join(lines)


_CSS = """
body{font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Helvetica,Arial,sans-serif;max-width:70rem;
margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem;border-bottom:2px solid #4c78a8;padding-bottom:.3rem}h2{font-size:1.25rem;margin-top:2rem;
border-bottom:1px solid #ddd}h3{font-size:1.05rem}
table{border-collapse:collapse;margin:.6rem 0 1rem;font-size:.88rem}th,td{border:1px solid #ddd;padding:.25rem .5rem;
vertical-align:top;text-align:left}th{background:#f3f5f8}tr:nth-child(even) td{background:#fafafa}
td{overflow-wrap:anywhere}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
code{background:#f3f3f3;padding:0 .2rem}
.note{background:#fff8e1;border-left:4px solid #f0b400;padding:.5rem .8rem}img{max-width:100%;display:block;
margin:.5rem 0 1rem}
"""


def _html_inline(text: str) -> str:
    """Escape, then render `code` spans."""
    parts = html.escape(str(text)).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))


def _html(blocks, pngs: dict, title: str) -> str:
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>"]
    for kind, *rest in blocks:
        if kind in ("h1", "h2", "h3"):
            out.append(f"<{kind}>{_html_inline(rest[0])}</{kind}>")
        elif kind == "p":
            out.append(f"<p>{_html_inline(rest[0])}</p>")
        elif kind == "note":
            out.append(f'<p class="note"><strong>Note.</strong> {_html_inline(rest[0])}</p>')
        elif kind == "table":
            head, rows = rest
            out.append("<table><thead><tr>" + "".join(f"<th>{html.escape(str(h))}</th>" for h in head)
                       + "</tr></thead><tbody>")
            for r in rows:
                cells = []
                for c in r:
                    text = _fmt(c)
                    num = isinstance(c, (int, float)) or text[:1].isdigit() or text[:1] == "[" or text == "–"
                    cells.append(f'<td class="num">{_html_inline(text)}</td>' if num and len(text) < 30
                                 else f"<td>{_html_inline(text)}</td>")
                out.append("<tr>" + "".join(cells) + "</tr>")
            out.append("</tbody></table>")
        elif kind == "img":
            data = base64.b64encode(pngs[rest[0]]).decode("ascii")
            out.append(f'<img alt="{html.escape(rest[1])}" src="data:image/png;base64,{data}">')
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _write(out: Path, metrics: dict, pngs: dict) -> None:
    blocks = _blocks(metrics, pngs)
    out.mkdir(parents=True, exist_ok=True)
    for name in REPORT_FILES:  # no stale figure of an earlier run survives
        (out / name).unlink(missing_ok=True)
    for name, data in pngs.items():
        (out / name).write_bytes(data)
    (out / "report.md").write_text(_markdown(blocks), encoding="utf-8")
    (out / "report.html").write_text(_html(blocks, pngs, metrics["title"]), encoding="utf-8")
    (out / "metrics.json").write_text(json.dumps(metrics, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                                      encoding="utf-8")
