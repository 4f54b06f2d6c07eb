"""Fine-tune the encoder model and vote it with the bundled linear model; score it beside its members.

Purpose: the library's most accurate classifier of statements, an optional extra (`pip
install 'stance[encoder]'`: PyTorch and transformers), and what it costs.
The pretrained encoder is the user's (see the config); its weights are not
in the repository, and neither is the fine-tuned model (about 90 MB; the
script writes it to the config's ``output``).

Usage:
    python experiments/encoder_model.py experiments/configs/encoder_model.toml [--overwrite]

Steps: 1. read the config and the data (team corpus by split, PLOVER, the
example), the same gold rows as the bundled model; 2. fine-tune the encoder
on train (seeded), with sentence views of the gold rows when the config
asks; 3. save the vote folder (the bundled linear model and the encoder,
`stance.classify.vote`) and load it back the way users do
(`stance.classify.load_model`); 4. score the vote and each member on dev,
test (bootstrap over documents), PLOVER and the example, and time the
labelling of the dev statements (seconds per 1,000); 5. write metrics.json (versions, git
commit, data and weight fingerprints) and results.md.  Refuses to overwrite
earlier results unless --overwrite.
"""

from __future__ import annotations

import shutil
import sys
import time
from importlib import metadata
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, Timer, experiment_parser, start_experiment, write_json  # noqa: E402
from classification import evaluate, plover_and_example, sentence_view  # noqa: E402

from stance.classify import get_scheme, load_model  # noqa: E402
from stance.classify.encoder import EncoderClassifier, require_encoder_extra  # noqa: E402
from stance.classify.linear import sentence_views  # noqa: E402
from stance.classify.training import split_rows, training_fingerprint, weigh_parts  # noqa: E402
from stance.classify.vote import save_vote  # noqa: E402
from stance.corpora import load_team_corpus  # noqa: E402
from stance.provenance import data_fingerprint, git_commit, versions  # noqa: E402

ROWS = ("team_dev", "team_dev_sentence", "team_test", "plover", "example")


def markdown(results: dict) -> str:
    lines = ["# The encoder model beside its members", "",
             "Gold segmentation; macro-F1 over the four labels (test: 95% bootstrap interval over documents). "
             "Chosen on dev; test, PLOVER and the example are never used to choose.", "",
             "| model | dev | dev, whole sentences | test [95% CI] | test demand / concern / rejection | "
             "PLOVER | example | s per 1,000 statements |", "|---|---|---|---|---|---|---|---|"]
    for name, r in results.items():
        t = r["team_test"]
        per = t["label_f1_per_type"]
        lo, hi = t.get("label_macro_f1_ci95", [float("nan")] * 2)
        dev, dev_sentence = r["team_dev"]["label_macro_f1"], r["team_dev_sentence"]["label_macro_f1"]
        lines.append(f"| {name} | {dev:.3f} | {dev_sentence:.3f} | {t['label_macro_f1']:.3f} [{lo:.3f}, {hi:.3f}]"
                     f" | {per['demand']:.3f} / {per['concern']:.3f} / {per['rejection']:.3f}"
                     f" | {r['plover']['label_macro_f1']:.3f} | {r['example']['correct']}/8"
                     f" | {r['seconds_per_1000']:.2f} |")
    return "\n".join(lines) + "\n"


def main(argv=None):
    ap = experiment_parser(__doc__)
    a = ap.parse_args(argv)
    config, out = start_experiment(a)
    require_encoder_extra()
    seed = config["seed"]
    scheme = get_scheme(config.get("scheme", "stance4"))
    data = config["data"]

    # 1. data: the bundled model's gold rows
    corpus = load_team_corpus(data.get("parts", "all"))
    X, y = split_rows(corpus, data["train_splits"], scheme)
    X, y, weights = weigh_parts(X, y, data.get("part_weights"))
    Xd, yd = split_rows(corpus, data["select_splits"], scheme)
    Xt, yt = split_rows(corpus, data["test_splits"], scheme)
    (Xp, yp), (_, Xe, ye) = plover_and_example(data["example"])
    sets = {"team_dev": (Xd, yd), "team_dev_sentence": (sentence_view(Xd), yd), "team_test": (Xt, yt),
            "plover": (Xp, yp), "example": (Xe, ye)}

    # 2. fine-tune
    encoder = EncoderClassifier(scheme=scheme.name, random_state=seed, progress=True, **config["encoder"])
    Xs, ys, ws = sentence_views(X, y, weight=data.get("sentence_view_weight", 0.0) * weights)
    keep = np.flatnonzero(ws > 0)  # weight 0: no sentence views
    with Timer() as fit_time:
        encoder.fit(X + [Xs[i] for i in keep], y + [ys[i] for i in keep],
                    sample_weight=np.concatenate([weights, ws[keep]]))
    print(f"fine-tuned in {fit_time.seconds:.0f} s; loss by epoch {np.round(encoder.loss_curve_, 3).tolist()}",
          flush=True)

    # 3. save the vote, load it back as users do
    vote_cfg = config["vote"]
    linear_folder = ROOT / vote_cfg["linear"]
    folder = ROOT / config["output"]
    if folder.exists():
        shutil.rmtree(folder)
    fingerprints = {"train": training_fingerprint(X, y), "dev": training_fingerprint(Xd, yd),
                    "test": training_fingerprint(Xt, yt),
                    "plover": data_fingerprint((x["doc_id"], x["content"], lab) for x, lab in zip(Xp, yp))}
    save_vote(folder, {"linear": ("stance", lambda to: shutil.copytree(linear_folder, to)),
                       "encoder": ("encoder", encoder.save)}, vote_cfg["weights"], scheme=scheme,
              metadata={"training": {"fingerprint": fingerprints["train"], "statements": len(y)},
                        "config": config})
    vote, _ = load_model(folder)
    members = {"vote": vote, "linear": vote.members["linear"], "encoder": vote.members["encoder"]}

    # 4. score
    results = {}
    for name, model in members.items():
        results[name] = evaluate(model, sets, scheme)
        t0 = time.perf_counter()
        model.predict_proba(Xd)  # the time to label: one call over the dev statements
        results[name]["seconds_per_1000"] = round((time.perf_counter() - t0) / len(Xd) * 1000, 3)
        r = results[name]
        print(f"{name}: dev {r['team_dev']['label_macro_f1']:.3f} test {r['team_test']['label_macro_f1']:.3f} "
              f"plover {r['plover']['label_macro_f1']:.3f} example {r['example']['correct']}/8", flush=True)

    # 5. write
    extra_versions = {}
    for dist in ("torch", "transformers", config["encoder"]["encoder"].replace("_", "-")):
        try:
            extra_versions[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            pass
    metrics = {"experiment": config["name"], "config": config, "versions": versions() | extra_versions,
               "git_commit": git_commit(ROOT), "data_fingerprints": fingerprints,
               "pretrained_sha256": encoder.encoder_sha256_, "fit_seconds": round(fit_time.seconds, 1),
               "loss_curve": [round(v, 4) for v in encoder.loss_curve_], "model_folder": config["output"],
               "model_folder_mb": round(sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 1e6, 1),
               "n": {"train": len(y), "train_sentence_views": len(keep), "dev": len(yd), "test": len(yt),
                     "plover": len(yp), "example": len(ye)},
               "main_score": "vote.team_test.label_macro_f1", "models": results}
    write_json(out / "metrics.json", metrics)
    (out / "results.md").write_text(markdown(results), encoding="utf-8")
    print(markdown(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
