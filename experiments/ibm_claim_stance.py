"""Generic stance benchmark: IBM Debater claim stance (PRO / CON towards a debate topic).

Purpose: show that the classifiers are not tied to the demand / concern /
rejection / other labels.  A user's label scheme (PRO, CON) is defined in the
config, the corpus rows become statement records (the claim as the content,
the topic as the context, the topic id as the document), and the library's
linear model is trained on the official train topics and scored on the
official test topics -- with the public API only, no library code changed.

Usage:
    python experiments/ibm_claim_stance.py experiments/configs/ibm_claim_stance.toml [--overwrite] [--results DIR]

Steps: 1. read the config and define its `LabelScheme` (registered by name so
`build_estimator` finds it); 2. load the corpus (`stance.corpora.load_ibm_claim_stance`,
official splits: 25 train topics, 30 test topics, none shared); 3. fit every
model of the config on train -- scikit-learn's `DummyClassifier` (majority
label) and linear models (`stance.classify.training.build_estimator`,
calibration folds grouped by topic) -- and predict test; 4. accuracy,
macro-F1 and per-class F1 with 95% bootstrap intervals over test TOPICS, and
paired bootstrap tests of each model against the majority baseline (accuracy
and macro-F1); 5. write
metrics.json (versions, git commit, data fingerprints; fit times under
``timing``), results.md and predictions.jsonl (claim and topic ids and labels
only, no text).  Refuses to overwrite unless --overwrite.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, Timer, experiment_parser, start_experiment, write_json  # noqa: E402

from stance.classify import LabelScheme, register_scheme  # noqa: E402
from stance.classify.training import build_estimator, fit_statement_model  # noqa: E402
from stance.corpora import load_ibm_claim_stance  # noqa: E402
from stance.evaluate import confidence_intervals, label_counts, paired_bootstrap  # noqa: E402
from stance.provenance import data_fingerprint, git_commit, versions  # noqa: E402

BASELINE = "majority"
PAIRED = ("label_accuracy", "label_macro_f1")  # each model against the baseline on the same resamples


def records(split, fields: dict, max_topics: int = 0):
    """``(X, y, ids)`` of a corpus split: statement records named by the config's ``fields``, the stance labels."""
    names = split.features["stance"].names
    topics = sorted(set(split["topic_id"]), key=lambda t: (len(t), t))
    keep = set(topics[:max_topics] if max_topics else topics)
    X, y, ids = [], [], []
    for row in split:
        if row["topic_id"] not in keep:
            continue
        X.append({field: row[column] for field, column in fields.items()})
        y.append(names[row["stance"]])
        ids.append((row["claim_id"], row["topic_id"]))
    return X, y, ids


def build(spec: dict, scheme, seed: int):
    if spec["estimator"] == BASELINE:
        from sklearn.dummy import DummyClassifier

        return DummyClassifier(strategy="most_frequent")
    return build_estimator(spec["estimator"], spec.get("params", {}), scheme=scheme, seed=seed)


def markdown(config, results, scheme, n) -> str:
    labels = list(scheme.labels)
    lines = ["# IBM Debater claim stance", "",
             f"Claims labelled {' / '.join(labels)} towards a debate topic (Bar-Haim et al., EACL 2017), official "
             f"splits: trained on {n['train']} claims of {n['train_topics']} train topics, scored on {n['test']} "
             f"claims of {n['test_topics']} test topics that no training claim shares. Record: the claim as the "
             "content, the topic as the context, no cue. Intervals: 95% percentile bootstrap over test topics "
             f"({config['bootstrap_samples']} resamples, seed {config['seed']}); Δ: the model minus the majority "
             "baseline on the same resamples (paired bootstrap, two-sided p). The majority baseline's macro-F1 is "
             "low by construction (F1 0 on the label it never predicts): accuracy is the fairer comparison.", "",
             "| model | accuracy (95% CI) | macro-F1 (95% CI) | " + " | ".join(f"F1 {lab}" for lab in labels)
             + " | Δ accuracy vs majority | p | Δ macro-F1 vs majority | p |",
             "|---|---|---|" + "---|" * len(labels) + "---|---|---|---|"]
    for name, r in results.items():
        s = r["scores"]
        acc, mf = s["label_accuracy"], s["label_macro_f1"]
        row = [f"{acc['value']:.3f} ({acc['ci'][0]:.3f}–{acc['ci'][1]:.3f})",
               f"{mf['value']:.3f} ({mf['ci'][0]:.3f}–{mf['ci'][1]:.3f})"]
        row += [f"{s['label_f1_per_type'][lab]:.3f}" for lab in labels]
        for metric in PAIRED:
            p = r.get("paired", {}).get(metric)
            row += [f"{p['difference']:+.3f} ({p['interval'][0]:+.3f}–{p['interval'][1]:+.3f})",
                    f"{p['p_value']:.3f}"] if p else ["–", "–"]
        lines.append(f"| {name} | " + " | ".join(row) + " |")
    lines += ["", "Models: " + "; ".join(f"`{name}`: {r['description']}" for name, r in results.items()) + ".", ""]
    return "\n".join(lines)


def main(argv=None):
    ap = experiment_parser(__doc__)
    a = ap.parse_args(argv)
    config, out = start_experiment(a)
    seed = config["seed"]
    scheme = register_scheme(LabelScheme.from_dict(config["scheme"]))
    boot = {"n_samples": config["bootstrap_samples"], "seed": seed, "confidence": config.get("confidence", 0.95)}

    corpus = load_ibm_claim_stance()
    max_topics = config.get("max_topics_per_split", 0)
    X, y, ids = records(corpus["train"], config["fields"], max_topics)
    Xt, yt, ids_t = records(corpus["test"], config["fields"], max_topics)
    topics_t = [t for _, t in ids_t]

    results, counts, predictions, timing = {}, {}, {}, {}
    for name, spec in config["models"].items():
        est = build(spec, scheme, seed)
        with Timer() as t:
            if spec["estimator"] == BASELINE:
                est.fit(X, y)
            else:
                fit_statement_model(est, X, y)
        predictions[name] = [str(p) for p in est.predict(Xt)]
        counts[name] = label_counts(yt, predictions[name], topics_t)
        ci = confidence_intervals(counts[name], scheme=scheme, labels_only=True, **boot)
        p, iv = ci["point"], ci["intervals"]
        results[name] = {"description": spec["description"], "spec": spec, "scores": {
            "label_accuracy": {"value": p["label_accuracy"], "ci": iv["label_accuracy"]},
            "label_macro_f1": {"value": p["label_macro_f1"], "ci": iv["label_macro_f1"]},
            "label_f1_per_type": p["label_f1_per_type"], "label_n": p["label_n"]}}
        timing[name] = t.seconds
        print(f"{name:<18} accuracy {p['label_accuracy']:.3f}, macro-F1 {p['label_macro_f1']:.3f} "
              f"({t.seconds:.1f} s)", flush=True)
    if BASELINE in counts:
        for name in results:
            if name != BASELINE:
                results[name]["paired"] = {m: paired_bootstrap(counts[name], counts[BASELINE], metric=m, scheme=scheme,
                                                               **boot) for m in PAIRED}

    def fingerprint(Xs, ys, idss):
        return data_fingerprint((cid, x["content"], [x.get("context", ""), tid, lab])
                                for x, lab, (cid, tid) in zip(Xs, ys, idss))

    n = {"train": len(y), "test": len(yt), "train_topics": len({t for _, t in ids}), "test_topics": len(set(topics_t))}
    metrics = {
        "experiment": config["name"], "config": config, "versions": versions(), "git_commit": git_commit(ROOT),
        "scheme": scheme.to_dict(), "data_fingerprints": {"train": fingerprint(X, y, ids),
                                                          "test": fingerprint(Xt, yt, ids_t)},
        "n": n, "bootstrap": boot, "main_score": "models.<name>.scores.label_macro_f1 (official test split)",
        "models": results, "timing": timing,
    }
    write_json(out / "metrics.json", metrics)
    with open(out / "predictions.jsonl", "w", encoding="utf-8") as f:
        for k, (cid, tid) in enumerate(ids_t):
            f.write(json.dumps({"claim_id": cid, "topic_id": tid, "gold": yt[k],
                                **{name: predictions[name][k] for name in results}}) + "\n")
    text = markdown(config, results, scheme, n)
    (out / "results.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
