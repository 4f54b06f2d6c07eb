"""Train a stance classifier from a config file and save it as a model folder.

Purpose: the bundled default model (and any other) is reproduced by one
command from a config holding its seed, data and parameters.

Usage:
    python experiments/train_model.py experiments/configs/default_model.toml [--output DIR]

Steps: 1. read the config; 2. read the gold folders and keep the documents of
the training splits; 3. fit; 4. score on the evaluation splits; 5. save the
model folder with its metadata (versions, scheme, data fingerprint, metrics).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, Timer, load_config  # noqa: E402

from stance.classify import CueLexiconClassifier, get_scheme, save_model  # noqa: E402
from stance.corpora import read_gold, split_of  # noqa: E402
from stance.provenance import data_fingerprint, git_commit, versions  # noqa: E402

ESTIMATORS = {"cue_lexicon": CueLexiconClassifier}


def gold_split(folders, splits):
    docs = [g for folder in folders for g in read_gold(ROOT / folder)]
    return [g for g in docs if split_of(g.doc_id) in splits]


def xy(docs):
    records = [r for g in docs for r in g.records() if r["label"]]
    return records, [r["label"] for r in records]


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("config")
    p.add_argument("--output", help="model folder (default: the config's 'output')")
    a = p.parse_args(argv)
    config = load_config(a.config)
    np.random.seed(config["seed"])
    scheme = get_scheme(config.get("scheme", "stance4"))
    train_docs = gold_split(config["data"]["gold"], config["data"]["train_splits"])
    eval_docs = gold_split(config["data"]["gold"], config["data"]["eval_splits"])
    X, y = xy(train_docs)
    Xe, ye = xy(eval_docs)
    est = ESTIMATORS[config["estimator"]](scheme=scheme.name, **config.get("estimator_params", {}))
    with Timer() as t:
        est.fit(X, y)
    metrics = {"train_seconds": t.seconds, "n_train": len(y), "n_eval": len(ye)}
    if ye:
        pred = est.predict(Xe)
        metrics["eval_macro_f1"] = round(float(f1_score(ye, pred, labels=list(scheme.labels), average="macro",
                                                        zero_division=0)), 4)
        metrics["eval_accuracy"] = round(float(np.mean(np.asarray(pred) == np.asarray(ye))), 4)
    fingerprint = data_fingerprint((g.doc_id, g.document.text, [r["label"] for r in g.records()]) for g in train_docs)
    out = Path(a.output) if a.output else ROOT / config["output"]
    save_model(est, out, scheme=scheme, metadata={
        "config": config, "training_data": {"fingerprint": fingerprint, "documents": len(train_docs),
                                            "statements": len(y)},
        "metrics": metrics, "git_commit": git_commit(ROOT), "versions": versions(),
    })
    print(f"saved {out}: {metrics}")


if __name__ == "__main__":
    main()
