"""Train a stance classifier from a config file and save it as a model folder.

Purpose: the bundled default model (and any other) is reproduced by one
command from a config holding its seed, data and parameters, bit for bit:
training is deterministic and the model files are canonical, so two runs give
the same ``model.skops``, ``inference.json`` and ``inference.npz`` SHA-256
(``--check`` trains twice and compares).

Usage:
    python experiments/train_model.py experiments/configs/default_model.toml [--output DIR] [--check]

Steps: 1. read the config; 2. load the team corpus (all parts) and keep the
speech rows of the training splits (label -1, not speech, is never gold),
each weighing its part's weight (``[data] part_weights``; 0 leaves a part out);
3. fit (with the config's sentence views, weak labels, narration and
self-training, if any); 4. score on the evaluation splits; 5. save the model folder: the
estimator, its plain-data form (checked to give the estimator's probabilities
on the evaluation statements) and the metadata (versions, scheme, data
fingerprint, metrics, SHA-256).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, Timer, load_config  # noqa: E402

from stance.classify import get_scheme, read_meta, save_model  # noqa: E402
from stance.classify.persistence import MODEL_FILE, PLAIN_FILES  # noqa: E402
from stance.classify.training import (build_estimator, fit_self_trained, fit_statement_model, split_rows,  # noqa: E402
                                      training_fingerprint, weigh_parts)
from stance.corpora import load_team_corpus  # noqa: E402
from stance.evaluate import score_labels  # noqa: E402
from stance.provenance import data_fingerprint, git_commit, versions  # noqa: E402


def weak_labels(config, X, y, scheme):
    """The config's weak labels (a separate product, see stance.classify.weak), or None."""
    weak = config.get("weak_labels", {})
    if not weak.get("enabled"):
        return None
    from stance.classify import CueLexiconClassifier
    from stance.classify.weak import weak_label
    from stance.corpora.unlabelled import polnear_unlabelled_statements

    labeller = CueLexiconClassifier(scheme=scheme.name).fit(X, y)
    return weak_label(polnear_unlabelled_statements(team_split="train"), labeller, rules=tuple(weak["rules"]),
                      source="polnear train documents of the team train split, unlabelled attributions")


def self_training_statements(config) -> list | None:
    """The unlabelled statements of the config's self-training (PolNeAR attributions of train documents), or None."""
    st = config.get("self_training", {})
    if not st.get("enabled"):
        return None
    if st.get("source", "polnear") != "polnear":
        raise ValueError(f"self_training.source: only 'polnear' is known, not {st['source']!r}")
    from stance.corpora.unlabelled import polnear_unlabelled_statements

    return polnear_unlabelled_statements(team_split="train")


def narration(config, scheme):
    """The config's narration rows (`stance.classify.weak.narration_labels`: ``other``), or None.

    Body sentences of PolNeAR documents of the team train split that overlap
    no attribution, read from the shared corpus at training time (the project
    stores none of them), at most ``cap`` drawn with the table's ``seed``.
    """
    narr = config.get("narration", {})
    if not narr.get("enabled"):
        return None
    if narr.get("source", "polnear") != "polnear":
        raise ValueError(f"narration.source: only 'polnear' is known, not {narr['source']!r}")
    from stance.classify.weak import narration_labels
    from stance.corpora.unlabelled import polnear_narration_sentences

    sentences = polnear_narration_sentences(team_split="train", min_words=narr.get("min_words", 8))
    return narration_labels(sentences, scheme=scheme, cap=narr.get("cap"), seed=narr["seed"],
                            source="polnear train documents of the team train split, sentences outside every "
                                   "attribution")


def fit_with_extras(est, config, X, y, scheme):
    """Fit ``est`` as the config says (part weights, sentence views, weak labels, narration, self-training);
    returns the extras' summaries."""
    data = config["data"]
    X, y, weights = weigh_parts(X, y, data.get("part_weights"))
    weak = weak_labels(config, X, y, scheme)
    narr = narration(config, scheme)
    kwargs = {"sample_weight": weights, "sentence_view_weight": data.get("sentence_view_weight", 0.0), "weak": weak,
              "weak_weight": config.get("weak_labels", {}).get("weight", 0.3)}
    extras = {} if weak is None else {"weak_labels": weak.summary() | {"weight": kwargs["weak_weight"]}}
    if narr is not None:
        n = config["narration"]
        kwargs["extra"] = [(narr, n["weight"])]
        extras["narration"] = narr.summary() | {k: n.get(k) for k in ("weight", "cap", "seed", "min_words")}
    unlabelled = self_training_statements(config)
    if unlabelled is None:
        fit_statement_model(est, X, y, **kwargs)
        return extras
    st = config["self_training"]
    _, labels = fit_self_trained(est, X, y, unlabelled, threshold=st.get("threshold", 0.8),
                                 weight=st.get("weight", 0.3), **kwargs)
    summary = labels.summary() | {"weight": st.get("weight", 0.3), "fingerprint": training_fingerprint(
        unlabelled, [""] * len(unlabelled))}
    summary["source"] = "polnear train documents of the team train split, unlabelled attributions"
    return extras | {"self_training": summary}


def train(config, out: Path) -> dict:
    """Fit and save the model of ``config`` in ``out``; returns its metrics."""
    scheme = get_scheme(config.get("scheme", "stance4"))
    data = config["data"]
    corpus = load_team_corpus(data.get("parts", "all"))
    X, y = split_rows(corpus, data["train_splits"], scheme)
    Xe, ye = split_rows(corpus, data["eval_splits"], scheme)
    est = build_estimator(config["estimator"], config.get("estimator_params", {}), scheme=scheme,
                          seed=config["seed"])
    with Timer() as t:
        extras = fit_with_extras(est, config, X, y, scheme)
    X, y, weights = weigh_parts(X, y, data.get("part_weights"))  # the gold rows fitted: weight > 0
    metrics = {"train_seconds": t.seconds, "n_train": len(y), "n_eval": len(ye)}
    if ye:
        s = score_labels(ye, est.predict(Xe), scheme)
        metrics.update({f"eval_{k}": round(s[k], 4) for k in ("label_macro_f1", "label_mean_f1_acts",
                                                               "label_accuracy")})
        metrics["eval_label_f1_per_type"] = s["label_f1_per_type"]
        metrics["eval_splits"] = list(data["eval_splits"])
    gold = training_fingerprint(X, y)
    training = {"fingerprint": gold, "documents": len({x["doc_id"] for x in X}),
                "statements": len(y), "source": "team corpus (stance.corpora.load_team_corpus)",
                "parts": data.get("parts", "all"), "splits": list(data["train_splits"]),
                "statements_by_part": dict(sorted(Counter(x["part"] for x in X).items()))}
    if data.get("part_weights"):
        part_weights = {"weights": dict(sorted(data["part_weights"].items()))}
        if np.any(weights != 1.0):  # rows fitted with a weight other than 1: part of the training data's identity
            part_weights["fingerprint"] = data_fingerprint((part, str(w), w)
                                                           for part, w in part_weights["weights"].items())
            extras = {"part_weights": part_weights} | extras
        training["part_weights"] = part_weights
    training.update(extras)
    if extras:  # the fingerprint covers every row the model was fitted on: gold and each extra source
        training["gold_fingerprint"] = gold
        training["fingerprint"] = data_fingerprint([("gold", gold, 1.0)] + [
            (name, e["fingerprint"], e.get("weight")) for name, e in sorted(extras.items())])
    save_model(est, out, scheme=scheme, check_on=Xe or X, metadata={
        "config": config, "training_data": training, "metrics": metrics, "git_commit": git_commit(ROOT),
        "versions": versions(),
    })
    return metrics


def sha256s(folder: Path) -> dict[str, str]:
    """SHA-256 of each model file of a folder (the plain-data files only when they were written)."""
    return {name: hashlib.sha256((folder / name).read_bytes()).hexdigest()
            for name in (MODEL_FILE, *PLAIN_FILES) if (folder / name).exists()}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("config")
    p.add_argument("--output", help="model folder (default: the config's 'output')")
    p.add_argument("--check", action="store_true",
                   help="train a second time in a temporary folder and compare the model files' SHA-256")
    a = p.parse_args(argv)
    config = load_config(a.config)
    np.random.seed(config["seed"])
    out = Path(a.output) if a.output else ROOT / config["output"]
    with Timer() as t:
        metrics = train(config, out)
    sums = sha256s(out)
    print(f"saved {out} in {t.seconds:.1f} s (fit {metrics['train_seconds']:.1f} s): "
          f"eval macro-F1 {metrics.get('eval_label_macro_f1')}, sha256 {sums[MODEL_FILE]}")
    plain = read_meta(out)["plain_form"]
    if "error" in plain:
        print(f"plain-data form NOT written ({plain['error']}): loading this model will import scikit-learn")
    else:
        print(f"plain-data form written ({', '.join(PLAIN_FILES)}): agrees with the estimator on "
              f"{plain['checked_on']} statements, largest difference {plain['max_difference']:.2g}")
    if a.check:
        with tempfile.TemporaryDirectory() as tmp:
            train(config, Path(tmp))
            again = sha256s(Path(tmp))
        differ = sorted(name for name in sums.keys() | again.keys() if sums.get(name) != again.get(name))
        print("reproduced bit for bit" if not differ else f"NOT reproduced: {', '.join(differ)} differ")
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
