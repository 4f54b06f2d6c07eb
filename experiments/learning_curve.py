"""Learning curve: how the label F1 on the team dev split grows with the amount of training data.

Purpose: tell whether more annotation would pay (a curve still rising at the
full training split) and how far the learned model stands above the
transparent cue-lexicon baseline at each size.

Usage:
    python experiments/learning_curve.py experiments/configs/learning_curve.toml [--overwrite] [--results DIR]

Steps: 1. read the config and the team corpus (train and dev splits, gold
segmentation); 2. for each fraction of the training split and each repeat,
draw that share of its DOCUMENTS (a generator seeded by the config's seed,
the fraction and the repeat, so a sample does not depend on the others; the
whole split is drawn once); 3. fit every model of the config on the sample
(the bundled configuration with its sentence views, weak labels, narration
and self-training, if any -- the unlabelled statements of self-training and
the narration sentences are those of the whole train split, whatever the
sample; the cue-lexicon
baseline) and score it on dev: macro-F1, mean F1 over the acts
(demand, concern, rejection), per-class F1; 4. write metrics.json (every run, the mean, standard
deviation and range per fraction, versions, git commit, data fingerprints,
and under ``timing`` the fit times, which vary), results.md and, with
matplotlib, learning_curve.png.  Refuses to overwrite unless --overwrite.

Two runs give the same metrics.json except ``timing`` (and ``git_commit``
when the tree changed).
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (ROOT, Timer, bundled_spec, experiment_parser,  # noqa: E402
                     plt_or_none, start_experiment, training_config, write_json)
from train_model import fit_with_extras  # noqa: E402

from stance.classify import get_scheme  # noqa: E402
from stance.classify.training import build_estimator, split_rows, training_fingerprint  # noqa: E402
from stance.corpora import load_team_corpus  # noqa: E402
from stance.evaluate import score_labels  # noqa: E402
from stance.provenance import git_commit, versions  # noqa: E402


def model_specs(config: dict) -> dict:
    """The config's models: ``{name: spec}``, a ``config = "<train_model config>"`` entry read as that model."""
    return {name: bundled_spec(spec["config"]) if "config" in spec else dict(spec)
            for name, spec in config["models"].items()}


def document_sample(X, y, fraction: float, *, seed: int, repeat: int):
    """The rows of a random ``fraction`` of the documents of ``X`` (at least two), in their original order.

    The generator is seeded by ``(seed, fraction in thousandths, repeat)``: the
    sample of one (fraction, repeat) is the same whatever else the config asks.
    """
    docs = sorted({x["doc_id"] for x in X})
    n = max(2, math.ceil(fraction * len(docs)))
    if n >= len(docs):
        return list(X), list(y), docs
    rng = np.random.default_rng([seed, round(fraction * 1000), repeat])
    keep = set(rng.choice(docs, size=n, replace=False).tolist())
    idx = [i for i, x in enumerate(X) if x["doc_id"] in keep]
    return [X[i] for i in idx], [y[i] for i in idx], sorted(keep)


def fit_and_score(spec, X, y, Xd, yd, scheme, seed):
    """Fit one model spec on ``(X, y)`` (with its sentence views, weak labels, narration, self-training) and score it
    on dev."""
    est = build_estimator(spec["estimator"], spec.get("params", {}), scheme=scheme, seed=seed)
    with Timer() as t:
        fit_with_extras(est, training_config(spec), X, y, scheme)
    s = score_labels(yd, list(est.predict(Xd)), scheme)
    return {"label_macro_f1": round(s["label_macro_f1"], 4), "label_mean_f1_acts": round(s["label_mean_f1_acts"], 4),
            "label_f1_per_type": s["label_f1_per_type"]}, t.seconds


def spread(values) -> dict:
    v = np.asarray(values, dtype=float)
    return {"mean": round(float(v.mean()), 4), "std": round(float(v.std()), 4), "min": round(float(v.min()), 4),
            "max": round(float(v.max()), 4)}


def markdown(config, curve, n_train_docs, n_train) -> str:
    models = list(curve)
    head = " | ".join(f"{m} macro-F1 | {m} acts" for m in models)
    lines = ["# Learning curve", "",
             f"Training data: a share of the DOCUMENTS of the team train split ({n_train_docs} documents, "
             f"{n_train} statements; {config['repeats']} random samples per share below 1, seed {config['seed']}). "
             "Scores: the team dev split, gold segmentation; mean ± standard deviation over the samples. "
             "`acts` = mean F1 over demand, concern, rejection.", "",
             f"| share | documents | statements | {head} |", "|---|---|---|" + "---|---|" * len(models)]
    for k, point in enumerate(curve[models[0]]):
        cells = []
        for m in models:
            p = curve[m][k]
            cells.append(f"{p['label_macro_f1']['mean']:.3f} ± {p['label_macro_f1']['std']:.3f} | "
                         f"{p['label_mean_f1_acts']['mean']:.3f} ± {p['label_mean_f1_acts']['std']:.3f}")
        lines.append(f"| {point['fraction']:g} | {point['documents']} | {point['statements']['mean']:.0f} | "
                     + " | ".join(cells) + " |")
    lines += ["", "![learning curve](learning_curve.png)" if config.get("_png") else
              "(No figure: matplotlib is not installed.)", ""]
    return "\n".join(lines)


def plot(curve, path: Path) -> bool:
    plt = plt_or_none()
    if plt is None:
        return False
    fig, ax = plt.subplots(figsize=(5.6, 4.0), dpi=120)
    for (name, points), color in zip(curve.items(), ("C0", "C1", "C2", "C3")):
        xs = [p["statements"]["mean"] for p in points]
        for key, style, label in (("label_macro_f1", "-o", "macro-F1"), ("label_mean_f1_acts", "--s", "acts F1")):
            ys = [p[key]["mean"] for p in points]
            err = [[p[key]["mean"] - p[key]["min"] for p in points], [p[key]["max"] - p[key]["mean"] for p in points]]
            ax.errorbar(xs, ys, yerr=err, fmt=style, color=color, capsize=3, ms=4, label=f"{name}: {label}")
    ax.set_xlabel("training statements (team train split, sampled by document)")
    ax.set_ylabel("F1 on the team dev split")
    ax.set_xscale("log")
    ax.minorticks_off()
    ticks = [p["statements"]["mean"] for p in next(iter(curve.values()))]
    ax.set_xticks(ticks, [f"{t:.0f}" for t in ticks])
    ax.set_title("mean over the samples; bars: their range", fontsize=9)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7, loc="lower right")
    fig.tight_layout()
    fig.savefig(path, metadata={"Software": None})
    plt.close(fig)
    return True


def main(argv=None):
    ap = experiment_parser(__doc__)
    a = ap.parse_args(argv)
    config, out = start_experiment(a)
    seed = config["seed"]
    scheme = get_scheme(config.get("scheme", "stance4"))
    data = config["data"]
    fractions = sorted(float(f) for f in config["fractions"])
    if not fractions or fractions[0] <= 0 or fractions[-1] > 1:
        sys.exit(f"{a.config}: fractions must lie in (0, 1], got {config['fractions']}")

    corpus = load_team_corpus(data.get("parts", "all"))
    X, y = split_rows(corpus, data["train_splits"], scheme)
    Xd, yd = split_rows(corpus, data["eval_splits"], scheme)
    specs = model_specs(config)
    runs, timing = [], {}
    for fraction in fractions:
        repeats = 1 if fraction >= 1 else config["repeats"]
        for r in range(repeats):
            Xs, ys, docs = document_sample(X, y, fraction, seed=seed, repeat=r)
            for name, spec in specs.items():
                scores, seconds = fit_and_score(spec, Xs, ys, Xd, yd, scheme, seed)
                runs.append({"model": name, "fraction": fraction, "repeat": r, "documents": len(docs),
                             "statements": len(ys), "train_fingerprint": training_fingerprint(Xs, ys), **scores})
                timing[f"{name} {fraction:g} #{r}"] = seconds
                print(f"{name:<12} share {fraction:<5g} #{r}: {len(docs)} docs, {len(ys)} statements -> dev macro-F1 "
                      f"{scores['label_macro_f1']:.3f}, acts {scores['label_mean_f1_acts']:.3f} ({seconds:.1f} s)",
                      flush=True)

    curve = {name: [] for name in specs}
    for name in specs:
        for fraction in fractions:
            sel = [r for r in runs if r["model"] == name and r["fraction"] == fraction]
            curve[name].append({"fraction": fraction, "repeats": len(sel), "documents": sel[0]["documents"],
                                "statements": spread([r["statements"] for r in sel]),
                                "label_macro_f1": spread([r["label_macro_f1"] for r in sel]),
                                "label_mean_f1_acts": spread([r["label_mean_f1_acts"] for r in sel])})
    png = plot(curve, out / "learning_curve.png")
    metrics = {
        "experiment": config["name"], "config": config, "versions": versions(), "git_commit": git_commit(ROOT),
        "models": specs,
        "data_fingerprints": {"train": training_fingerprint(X, y), "dev": training_fingerprint(Xd, yd)},
        "n": {"train_documents": len({x["doc_id"] for x in X}), "train": len(y), "dev": len(yd)},
        "main_score": "curve.<model>[].label_macro_f1.mean (team dev split)",
        "curve": curve, "runs": runs, "figure": "learning_curve.png" if png else None, "timing": timing,
    }
    write_json(out / "metrics.json", metrics)
    text = markdown(dict(config, _png=png), curve, metrics["n"]["train_documents"], len(y))
    (out / "results.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
