"""Every stance classifier side by side, each evaluated on every test set.

Purpose: compare the transparent cue-lexicon baseline, linear n-gram models,
their combination, weak labels, sentence views and narration, and the bundled model, on
the same data: chosen on the team dev split (and on the share of the dev
split's PolNeAR narration they take for demands, concerns or rejections),
reported on the team test split (gold segmentation), on the PLOVER/CAMEO
gold-standard sentences (never trained on; content = the sentence, no cue)
and on the 8 statements of the shared example article.

Usage:
    python experiments/classification.py experiments/configs/classification.toml [--overwrite]

Steps: 1. read the config and the data (team corpus by split, PLOVER, the
example); 2. grid-search the logistic regression's C with GroupKFold by
document on train; 3. fit every model on train (gold rows; weak labels,
narration, self-training and sentence views only where a model asks) and score
it on dev, the dev narration, test, PLOVER and the example, with bootstrap
intervals over test documents; 4. reliability of the bundled model's probabilities on test,
calibrated and not (JSON + PNG in docs/figures); 5. write metrics.json
(versions, git commit, data fingerprints) and results.md.  Refuses to
overwrite earlier results unless --overwrite.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import (ROOT, Timer, bundled_spec, experiment_parser, start_experiment, training_config,  # noqa: E402
                     write_json)

from stance.classify import get_scheme  # noqa: E402
from stance.classify.training import build_estimator, split_rows, training_fingerprint  # noqa: E402
from stance.corpora import load_plover, load_team_corpus, read_gold  # noqa: E402
from stance.corpora.paths import corpus_dir  # noqa: E402
from stance.corpora.unlabelled import polnear_narration_sentences  # noqa: E402
from stance.evaluate import score_labels  # noqa: E402
from stance.provenance import data_fingerprint, git_commit, versions  # noqa: E402

SUMMARY = ("label_macro_f1", "label_mean_f1_acts", "label_accuracy", "label_f1_per_type", "label_n")


def sentence_view(X):
    """The statements as whole sentences without a cue (how PLOVER's sentences look)."""
    return [{"content": x["context"] or x["content"], "cue": "", "context": x["context"], "doc_id": x["doc_id"]}
            for x in X]


def plover_and_example(example_path: str):
    """``((X, y), (example, X, y))``: the PLOVER/CAMEO sentences (content only) and the shared example's
    gold statements (``example_path`` under the shared folder)."""
    plover = load_plover()
    names = plover.features["label"].names
    Xp = [{"content": r["content"], "doc_id": r["id"]} for r in plover]
    yp = [names[i] for i in plover["label"]]
    [example] = read_gold(corpus_dir("plover_gsr").parent.parent / example_path)
    Xe = example.records()
    return (Xp, yp), (example, Xe, [r["label"] for r in Xe])


def summary(gold, pred, scheme) -> dict:
    s = score_labels(gold, pred, scheme)
    return {k: (round(s[k], 4) if isinstance(s[k], float) else s[k]) for k in SUMMARY} | {
        "label_confusion": s["label_confusion"]}


def bootstrap(X, gold, pred, scheme, *, n=500, seed=0) -> dict:
    """95 % intervals of macro-F1 and mean act F1 over resampled test documents."""
    rng = np.random.default_rng(seed)
    docs = sorted({x["doc_id"] for x in X})
    by_doc = {d: [] for d in docs}
    for i, x in enumerate(X):
        by_doc[x["doc_id"]].append(i)
    macro, acts = [], []
    for _ in range(n):
        idx = [i for d in rng.choice(len(docs), len(docs)) for i in by_doc[docs[d]]]
        s = score_labels([gold[i] for i in idx], [pred[i] for i in idx], scheme)
        macro.append(s["label_macro_f1"])
        acts.append(s["label_mean_f1_acts"])
    q = lambda v: [round(float(np.percentile(v, 2.5)), 4), round(float(np.percentile(v, 97.5)), 4)]  # noqa: E731
    return {"label_macro_f1_ci95": q(macro), "label_mean_f1_acts_ci95": q(acts), "resamples": n,
            "unit": "document"}


def reliability(y_true, proba, classes, *, bins=10) -> dict:
    """Top-label reliability: per confidence bin, mean confidence, accuracy and count; ECE; Brier; log loss."""
    proba = np.asarray(proba)
    conf = proba.max(axis=1)
    pred = np.asarray(classes)[proba.argmax(axis=1)]
    correct = (pred == np.asarray(y_true)).astype(float)
    edges = np.linspace(0, 1, bins + 1)
    table, ece = [], 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (conf > lo) & (conf <= hi) if lo > 0 else (conf >= lo) & (conf <= hi)
        if m.sum():
            table.append({"bin": [round(lo, 2), round(hi, 2)], "n": int(m.sum()),
                          "confidence": round(float(conf[m].mean()), 4),
                          "accuracy": round(float(correct[m].mean()), 4)})
            ece += m.sum() / len(conf) * abs(conf[m].mean() - correct[m].mean())
    onehot = (np.asarray(y_true)[:, None] == np.asarray(classes)[None, :]).astype(float)
    brier = float(np.mean(np.sum((proba - onehot) ** 2, axis=1)))
    logloss = float(-np.mean(np.log(np.clip((proba * onehot).sum(axis=1), 1e-12, None))))
    return {"bins": table, "ece": round(float(ece), 4), "brier": round(brier, 4), "log_loss": round(logloss, 4),
            "n": int(len(conf))}


def plot_reliability(curves: dict, path: Path) -> bool:
    """The reliability figure (matplotlib, the optional extra ``report``); False when it is not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed (pip install -e '.[report]'): no PNG, the JSON is written")
        return False
    fig, ax = plt.subplots(figsize=(4.8, 4.4), dpi=120)
    ax.plot([0, 1], [0, 1], color="0.6", lw=1, ls="--", label="perfect calibration")
    for (name, curve), marker in zip(curves.items(), "os^"):
        xs = [b["confidence"] for b in curve["bins"]]
        ys = [b["accuracy"] for b in curve["bins"]]
        ax.plot(xs, ys, marker=marker, label=f"{name} (ECE {curve['ece']:.3f})")
    ax.set_xlabel("predicted probability of the label")
    ax.set_ylabel("share of labels right")
    ax.set_title("Bundled model, team test split")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, metadata={"Software": None})
    plt.close(fig)
    return True


def act_rate(pred, scheme) -> float:
    """The share of predictions that are not the scheme's fallback label (for narration: the false acts)."""
    return round(sum(p != scheme.fallback for p in pred) / max(1, len(pred)), 4)


def evaluate(est, sets, scheme) -> dict:
    out = {}
    for name, (X, y) in sets.items():
        pred = list(est.predict(X))
        if name == "dev_narration":
            out[name] = {"n": len(pred), "act_rate": act_rate(pred, scheme),
                         "predicted": {lab: pred.count(lab) for lab in scheme.labels}}
            continue
        out[name] = summary(y, pred, scheme)
        if name == "example":
            out[name]["correct"] = int(sum(a == b for a, b in zip(y, pred)))
            out[name]["predicted"] = pred
        if name == "team_test":
            out[name].update(bootstrap(X, y, pred, scheme))
            by_part = {}
            for part in ("examples", "wh_gold", "polnear"):
                idx = [i for i, x in enumerate(X) if x.get("part") == part]
                if idx:
                    s = score_labels([y[i] for i in idx], [pred[i] for i in idx], scheme)
                    by_part[part] = {"n": len(idx), "label_macro_f1": round(s["label_macro_f1"], 4)}
            out[name]["by_part"] = by_part
    return out


def grid_search(config, X, y, scheme, seed) -> dict:
    """GridSearchCV over the logistic regression's C, GroupKFold by document, features cached."""
    from sklearn.model_selection import GroupKFold, GridSearchCV

    g = config["grid"]
    params = dict(config["models"][g["model"]]["params"], calibration=None)
    with tempfile.TemporaryDirectory() as cache:
        est = build_estimator("linear", params, scheme=scheme, seed=seed)
        est.set_params(memory=cache)
        search = GridSearchCV(est, {"classifier__logreg_C": g["logreg_C"]}, cv=GroupKFold(n_splits=g["n_splits"]),
                              scoring="f1_macro", n_jobs=1)
        with Timer() as t:
            search.fit(X, y, groups=[x["doc_id"] for x in X])
    return {"model": g["model"], "param": "classifier__logreg_C", "values": g["logreg_C"],
            "mean_test_f1_macro": [round(float(v), 4) for v in search.cv_results_["mean_test_score"]],
            "std_test_f1_macro": [round(float(v), 4) for v in search.cv_results_["std_test_score"]],
            "best": search.best_params_, "cv": f"GroupKFold({g['n_splits']}) by doc_id on train",
            "seconds": t.seconds}


def markdown(results: dict, grid: dict) -> str:
    lines = ["# Classification results", "",
             "Trained on the team train split (gold rows; label -1 excluded), chosen on dev, reported on test. "
             "F1 per label on team test; `acts` = mean F1 over demand, concern, rejection. "
             "PLOVER: the 322 PLOVER/CAMEO gold-standard sentences (content only, never trained on). "
             "Example: labels right of the 8 gold statements of japan-russia-meeting. "
             "Narration acts: the share of the dev narration sentences (body sentences of PolNeAR documents of the "
             "dev split outside every attribution, which must be `other`) labelled demand, concern or rejection.",
             "",
             "| model | dev macro-F1 | dev narration acts | test macro-F1 (95 % CI) | test acts | demand | concern "
             "| rejection | other | PLOVER macro-F1 | example | fit s |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, r in results.items():
        t = r["team_test"]
        f = t["label_f1_per_type"]
        ci = t["label_macro_f1_ci95"]
        lines.append(f"| {name} | {r['team_dev']['label_macro_f1']:.3f} | {r['dev_narration']['act_rate']:.3f} | "
                     f"{t['label_macro_f1']:.3f} "
                     f"({ci[0]:.3f}–{ci[1]:.3f}) | {t['label_mean_f1_acts']:.3f} | {f['demand']:.3f} | "
                     f"{f['concern']:.3f} | {f['rejection']:.3f} | {f['other']:.3f} | "
                     f"{r['plover']['label_macro_f1']:.3f} | {r['example']['correct']}/8 | {r['fit_seconds']:.1f} |")
    lines += ["", f"Grid search ({grid['cv']}), {grid['model']}, {grid['param']} in {grid['values']}: mean "
              f"macro-F1 {grid['mean_test_f1_macro']}, best {grid['best']}.", ""]
    lines += ["Sentence view of dev (each statement as its whole sentence, no cue): " + ", ".join(
        f"{n} {r['team_dev_sentence']['label_macro_f1']:.3f}" for n, r in results.items()), ""]
    return "\n".join(lines)


def main(argv=None):
    ap = experiment_parser(__doc__)
    a = ap.parse_args(argv)
    config, out = start_experiment(a)
    seed = config["seed"]
    np.random.seed(seed)
    scheme = get_scheme(config.get("scheme", "stance4"))
    data = config["data"]

    # 1. data
    corpus = load_team_corpus(data.get("parts", "all"))
    X, y = split_rows(corpus, data["train_splits"], scheme)
    Xd, yd = split_rows(corpus, data["select_splits"], scheme)
    Xt, yt = split_rows(corpus, data["test_splits"], scheme)
    (Xp, yp), (example, Xe, ye) = plover_and_example(data["example"])
    # the writer's narration in PolNeAR documents of the dev split: what must come out `other`
    Xn = polnear_narration_sentences(team_split=data["select_splits"][0])
    sets = {"team_dev": (Xd, yd), "team_dev_sentence": (sentence_view(Xd), yd), "team_test": (Xt, yt),
            "plover": (Xp, yp), "example": (Xe, ye), "dev_narration": (Xn, [scheme.fallback] * len(Xn))}

    # 2. grid search
    grid = grid_search(config, X, y, scheme, seed)
    print(f"grid: {grid['mean_test_f1_macro']} best {grid['best']}", flush=True)

    # 3. every model
    from train_model import fit_with_extras

    models = dict(config["models"])
    models["bundled"] = bundled_spec(config["bundled_config"])
    results, weak_summary, fitted = {}, None, {}
    for name, spec in models.items():
        est = build_estimator(spec["estimator"], spec.get("params", {}), scheme=scheme, seed=seed)
        with Timer() as t:
            extras = fit_with_extras(est, training_config(spec), X, y, scheme)
        weak_summary = extras.get("weak_labels", weak_summary)
        results[name] = {"spec": spec, "fit_seconds": t.seconds} | extras | evaluate(est, sets, scheme)
        fitted[name] = est
        r = results[name]
        print(f"{name}: dev {r['team_dev']['label_macro_f1']:.3f} narration acts {r['dev_narration']['act_rate']:.3f} "
              f"test {r['team_test']['label_macro_f1']:.3f} plover {r['plover']['label_macro_f1']:.3f} "
              f"example {r['example']['correct']}/8 ({t.seconds:.0f} s)", flush=True)

    # 4. reliability of the bundled model (and of the same model without calibration)
    uncal_params = dict(models["bundled"]["params"], calibration=None)
    uncal = build_estimator("linear", uncal_params, scheme=scheme, seed=seed)
    fit_with_extras(uncal, training_config(models["bundled"]), X, y, scheme)
    method = models["bundled"]["params"].get("calibration", "sigmoid")
    bundled_model = fitted["bundled"]
    curves = {f"calibrated ({method})": reliability(yt, bundled_model.predict_proba(Xt), bundled_model.classes_),
              "not calibrated": reliability(yt, uncal.predict_proba(Xt), uncal.classes_)}
    figures = ROOT / "docs" / "figures"
    figures.mkdir(parents=True, exist_ok=True)
    rel = {"model": "bundled (experiments/configs/default_model.toml)", "data": "team test split, gold segmentation",
           "kind": "top label: predicted probability of the predicted label vs share right", "curves": curves}
    write_json(figures / "reliability.json", rel)
    write_json(out / "reliability.json", rel)
    png = plot_reliability(curves, figures / "reliability.png")

    # 5. write
    fingerprints = {
        "train": training_fingerprint(X, y), "dev": training_fingerprint(Xd, yd), "test": training_fingerprint(Xt, yt),
        "plover": data_fingerprint((x["doc_id"], x["content"], lab) for x, lab in zip(Xp, yp)),
        "example": data_fingerprint([(example.doc_id, example.document.text, ye)]),
        "dev_narration": data_fingerprint((x["doc_id"], x["content"], x["sentence_span"]) for x in Xn),
    }
    metrics = {
        "experiment": config["name"], "config": config, "versions": versions(), "git_commit": git_commit(ROOT),
        "data_fingerprints": fingerprints,
        "n": {"train": len(y), "dev": len(yd), "test": len(yt), "plover": len(yp), "example": len(ye),
              "dev_narration": len(Xn)},
        "main_score": "team_test.label_macro_f1", "grid_search": grid, "weak_labels": weak_summary,
        "reliability": {k: {kk: v[kk] for kk in ("ece", "brier", "log_loss")} for k, v in curves.items()},
        "reliability_png": bool(png), "models": results,
    }
    write_json(out / "metrics.json", metrics)
    (out / "results.md").write_text(markdown(results, grid), encoding="utf-8")
    print(markdown(results, grid))
    return 0


if __name__ == "__main__":
    sys.exit(main())
