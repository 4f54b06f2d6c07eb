"""End to end on the team gold test split: statements, speakers and labels, with intervals and a report.

Purpose: the headline figures of the whole pipeline (statement finding,
attribution, labels) on documents no development choice has looked at, with
95% bootstrap intervals over documents, written as a readable report.

Usage:
    python experiments/end_to_end.py experiments/configs/end_to_end.toml [--overwrite]
    python experiments/end_to_end.py experiments/configs/end_to_end.toml --examples-only   # no ../shared needed

Steps: 1. read the config; 2. read the team gold documents of its parts
(``examples`` from data/, ``wh_gold`` with its texts from ../shared/corpora)
and keep those of its split (data/splits.json); 3. run `stance.Pipeline` (the
bundled model, or the config's ``model``) over them; 4. score with bootstrap
intervals (by part, and the report's breakdowns by genre and quote type) and
write ``report.md``, ``report.html``, ``metrics.json``, ``config.json`` and
``predictions.jsonl`` into experiments/results/<name>/ (``<name>_examples``
with --examples-only).  Neither quotes the documents: predictions keep offsets
and names (`_common.text_free`), and the report lists errors by offsets unless
the config sets ``snippets = true``.  An existing result is kept unless --overwrite.

Two runs give the same metrics.json except ``provenance.date``,
``provenance.command`` and ``timing``.
"""

from __future__ import annotations

import json
import shlex
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, experiment_parser, load_config, result_dir, text_free, write_json  # noqa: E402

from stance import Pipeline  # noqa: E402
from stance.corpora import recorded_splits_or_rule  # noqa: E402
from stance.corpora.team import team_documents  # noqa: E402
from stance.evaluate import confidence_intervals, count_documents, evaluation_report  # noqa: E402

SUMMARY = ("statement_f1", "attribution_acc", "attribution_f1", "matched_label_macro_f1", "e2e_f1")


def main(argv=None):
    ap = experiment_parser(__doc__)
    ap.add_argument("--examples-only", action="store_true",
                    help="only the bundled examples (data/examples), no ../shared needed")
    a = ap.parse_args(argv)
    config = load_config(a.config)
    parts = ["examples"] if a.examples_only else list(config["team_parts"])
    name = config["name"] + ("_examples" if a.examples_only else "")
    out = result_dir(name, overwrite=a.overwrite, results=a.results)
    t0 = time.perf_counter()

    # 1-2. the gold documents of the split, part by part
    split_of = recorded_splits_or_rule()
    gold, part_of = [], {}
    for part in parts:
        for g in team_documents(part):
            if split_of(part, g.doc_id) == config["split"]:
                gold.append(g)
                part_of[g.doc_id] = part
    if not gold:
        sys.exit(f"no {config['split']!r} documents in parts {parts}")

    # 3. the pipeline
    nlp = Pipeline(model=config.get("model") or None)
    t1 = time.perf_counter()
    predictions = [r for g in gold for r in nlp(g.document).records()]
    pipeline_seconds = time.perf_counter() - t1

    # 4. scores with intervals, by part, and the report
    boot = {"n_samples": config["bootstrap_samples"], "seed": config["seed"],
            "confidence": config.get("confidence", 0.95)}
    counts = count_documents(gold, predictions)
    by_part = {}
    for part in parts:
        ci = confidence_intervals([c for c in counts if part_of[c.doc_id] == part], **boot)
        by_part[part] = {"n_docs": ci["n_docs"], "n_gold": ci["point"]["n_gold"], "n_pred": ci["point"]["n_pred"],
                         **{k: {"value": ci["point"][k], "ci": ci["intervals"].get(k)} for k in SUMMARY
                            if k in ci["point"]}}
    resolved = dict(config, team_parts=parts)
    command = " ".join(shlex.quote(x) for x in ["python", "experiments/end_to_end.py",
                                                *(sys.argv[1:] if argv is None else argv)])
    metrics = evaluation_report(
        gold, predictions, out, model=config.get("model") or None, overwrite=True, command=command,
        title=f"End to end: team gold {config['split']} split ({', '.join(parts)})",
        n_examples=config.get("n_examples", 10), gold_path=f"team parts {parts}, split {config['split']}",
        snippets=config.get("snippets", False),
        extra={"experiment": name, "config": resolved, "by_part": by_part,
               "timing": {"pipeline_seconds": round(pipeline_seconds, 2),
                          "docs_per_second": round(len(gold) / pipeline_seconds, 1) if pipeline_seconds else None,
                          "total_seconds": round(time.perf_counter() - t0, 2)}},
        **boot)
    write_json(out / "config.json", resolved)
    with open(out / "predictions.jsonl", "w", encoding="utf-8") as f:
        for r in predictions:
            f.write(json.dumps(text_free(r), ensure_ascii=False) + "\n")

    s, iv = metrics["scores"], metrics["intervals"]
    print(f"{metrics['title']}: {s['n_docs']} documents, gold / predicted / matched "
          f"{s['n_gold']} / {s['n_pred']} / {s['n_matched']}")
    for key in SUMMARY:
        if key in s:
            lo, hi = iv[key]
            print(f"  {key:<24} {s[key]:.3f}  [{lo:.3f}, {hi:.3f}]")
    for part, row in by_part.items():
        print(f"  {part}: " + ", ".join(f"{k} {v['value']:.3f}" for k, v in row.items() if isinstance(v, dict)))
    print(f"wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}/report.html")


if __name__ == "__main__":
    main()
