"""Feature ablation: each feature group of the linear model removed in turn, on the team dev split.

Purpose: show what each group of features (content word n-grams, cue words,
context words, the lexicon features and each of their groups -- cue label,
negation and modality, content signals, cues inside the content, quote type)
contributes to the bundled configuration, with 95% bootstrap intervals by
document and a paired bootstrap test of each variant against the full model.
A group the full model does not use (character n-grams) is added instead.

Usage:
    python experiments/ablation.py experiments/configs/ablation.toml [--overwrite] [--results DIR]

Steps: 1. read the config: the full model (a train_model.py config) and the
variants, each a set of `stance.classify.make_linear_model` parameters laid
over the full model's (and, optionally, its own ``self_training``,
``weak_labels``, ``narration`` or ``sentence_view_weight``); 2. fit the full model and every
variant on the team train split (with the full model's sentence views, weak
labels, narration and self-training unless the variant says otherwise) and predict dev; 3. per
model: macro-F1, mean F1 over the acts and per-class F1 with percentile
bootstrap intervals over dev documents (`stance.evaluate.confidence_intervals`),
and the paired bootstrap test of variant minus full on macro-F1 and on the
acts' mean F1 (`stance.evaluate.paired_bootstrap`, the same resamples for both
systems); 4. write metrics.json (versions, git commit, data fingerprints; fit
times under ``timing``) and results.md.  Refuses to overwrite unless --overwrite.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (ROOT, Timer, bundled_spec, experiment_parser, start_experiment, training_config,  # noqa: E402
                     write_json)
from train_model import fit_with_extras  # noqa: E402

from stance.classify import get_scheme  # noqa: E402
from stance.classify.training import build_estimator, split_rows, training_fingerprint  # noqa: E402
from stance.corpora import load_team_corpus  # noqa: E402
from stance.evaluate import confidence_intervals, label_counts, paired_bootstrap  # noqa: E402
from stance.provenance import git_commit, versions  # noqa: E402

TESTED = ("label_macro_f1", "label_mean_f1_acts")
EXTRAS = ("self_training", "weak_labels", "narration", "sentence_view_weight")  # a variant may set its own


def scores(counts, scheme, boot) -> dict:
    """Macro-F1, acts F1, accuracy and per-class F1 with their intervals over documents."""
    ci = confidence_intervals(counts, scheme=scheme, labels_only=True, **boot)
    p, iv = ci["point"], ci["intervals"]
    out = {k: {"value": p[k], "ci": iv[k]} for k in ("label_macro_f1", "label_mean_f1_acts", "label_accuracy")}
    out["label_f1_per_type"] = {lab: {"value": p["label_f1_per_type"][lab], "ci": iv["label_f1_per_type"][lab]}
                                for lab in scheme.labels}
    return out


def markdown(config, full_name, results, labels) -> str:
    lines = ["# Feature ablation", "",
             "The bundled configuration (experiments/configs/default_model.toml) with one feature group removed "
             "(or, for a group it does not use, added), trained on the team train split, scored on the team "
             "dev split (gold segmentation). Intervals: 95% percentile bootstrap over dev documents "
             f"({config['bootstrap_samples']} resamples, seed {config['seed']}). Δ: the variant minus the full "
             "model on the same resamples (paired bootstrap), with its interval and two-sided p-value; a "
             "negative Δ means the group helps. `acts` = mean F1 over demand, concern, rejection.", "",
             "| model | what changes | macro-F1 (95% CI) | Δ macro-F1 (95% CI) | p | acts F1 | Δ acts | p | "
             + " | ".join(labels) + " |",
             "|---|---|---|---|---|---|---|---|" + "---|" * len(labels)]
    for name, r in results.items():
        m, acts = r["scores"]["label_macro_f1"], r["scores"]["label_mean_f1_acts"]
        cells = [f"{m['value']:.3f} ({m['ci'][0]:.3f}–{m['ci'][1]:.3f})"]
        if name == full_name:
            cells += ["–", "–", f"{acts['value']:.3f}", "–", "–"]
        else:
            d, da = r["paired"]["label_macro_f1"], r["paired"]["label_mean_f1_acts"]
            cells += [f"{d['difference']:+.3f} ({d['interval'][0]:+.3f}–{d['interval'][1]:+.3f})",
                      f"{d['p_value']:.3f}", f"{acts['value']:.3f}", f"{da['difference']:+.3f}", f"{da['p_value']:.3f}"]
        cells += [f"{r['scores']['label_f1_per_type'][lab]['value']:.3f}" for lab in labels]
        lines.append(f"| {name} | {r['description']} | " + " | ".join(cells) + " |")
    return "\n".join(lines + [""])


def main(argv=None):
    ap = experiment_parser(__doc__)
    a = ap.parse_args(argv)
    config, out = start_experiment(a)
    seed = config["seed"]
    scheme = get_scheme(config.get("scheme", "stance4"))
    data = config["data"]
    boot = {"n_samples": config["bootstrap_samples"], "seed": seed, "confidence": config.get("confidence", 0.95)}

    full = bundled_spec(config["full_model"])
    if full["estimator"] != "linear":
        sys.exit(f"{config['full_model']}: the ablation needs a linear model, got {full['estimator']!r}")
    full_name = "full"
    variants = {full_name: {"description": "the bundled configuration, every group", "params": {}, "extras": {}}}
    for v in config["variant"]:
        if v["name"] in variants:
            sys.exit(f"{a.config}: two variants are named {v['name']!r}")
        variants[v["name"]] = {"description": v["description"], "params": dict(v.get("params", {})),
                               "extras": {k: v[k] for k in EXTRAS if k in v}}

    corpus = load_team_corpus(data.get("parts", "all"))
    X, y = split_rows(corpus, data["train_splits"], scheme)
    Xd, yd = split_rows(corpus, data["eval_splits"], scheme)
    groups = [x["doc_id"] for x in Xd]

    results, counts, timing = {}, {}, {}
    for name, v in variants.items():
        params = dict(full["params"], **v["params"])
        est = build_estimator("linear", params, scheme=scheme, seed=seed)
        spec = dict(full, **v["extras"])  # e.g. self_training = { enabled = false }
        with Timer() as t:
            fit_with_extras(est, training_config(spec), X, y, scheme)
        counts[name] = label_counts(yd, list(est.predict(Xd)), groups)
        results[name] = {"description": v["description"], "params": v["params"], "extras": v["extras"],
                         "scores": scores(counts[name], scheme, boot)}
        if name != full_name:
            results[name]["paired"] = {m: paired_bootstrap(counts[name], counts[full_name], metric=m, scheme=scheme,
                                                            **boot) for m in TESTED}
        timing[name] = t.seconds
        s = results[name]["scores"]["label_macro_f1"]
        delta = (f", Δ {results[name]['paired']['label_macro_f1']['difference']:+.3f} "
                 f"p {results[name]['paired']['label_macro_f1']['p_value']:.3f}" if name != full_name else "")
        print(f"{name:<28} dev macro-F1 {s['value']:.3f} [{s['ci'][0]:.3f}, {s['ci'][1]:.3f}]{delta} "
              f"({t.seconds:.1f} s)", flush=True)

    metrics = {
        "experiment": config["name"], "config": config, "versions": versions(), "git_commit": git_commit(ROOT),
        "full_model": full,
        "data_fingerprints": {"train": training_fingerprint(X, y), "dev": training_fingerprint(Xd, yd)},
        "n": {"train": len(y), "dev": len(yd), "dev_documents": len(set(groups))}, "bootstrap": boot,
        "main_score": "variants.<name>.paired.label_macro_f1.difference (team dev split)",
        "variants": results, "timing": timing,
    }
    write_json(out / "metrics.json", metrics)
    text = markdown(config, full_name, results, list(scheme.labels))
    (out / "results.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
