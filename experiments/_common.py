"""Helpers shared by the experiment scripts: config loading and result folders that never overwrite."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def load_config(path) -> dict:
    with open(path, "rb") as f:
        config = tomllib.load(f)
    if "seed" not in config:
        sys.exit(f"{path}: every experiment config needs a 'seed'")
    return config


RESULTS = ROOT / "experiments" / "results"


def result_dir(name: str, *, overwrite: bool = False, results=None) -> Path:
    """``experiments/results/<name>/`` (or ``<results>/<name>/``); refuses to overwrite a result unless asked."""
    out = Path(results or RESULTS) / name
    if out.exists() and any(out.iterdir()) and not overwrite:
        sys.exit(f"{out} already holds results; pass --overwrite to replace them")
    out.mkdir(parents=True, exist_ok=True)
    return out


def experiment_parser(doc: str) -> argparse.ArgumentParser:
    """The command line every experiment shares: its config, ``--overwrite`` and ``--results``."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("config")
    ap.add_argument("--overwrite", action="store_true", help="replace earlier results")
    ap.add_argument("--results", help="folder holding the result folders (default: experiments/results)")
    return ap


def start_experiment(args) -> tuple[dict, Path]:
    """The config of parsed ``args`` and its result folder (refusing to overwrite unless asked)."""
    config = load_config(args.config)
    return config, result_dir(config["name"], overwrite=args.overwrite, results=args.results)


TEXT_FIELDS = ("content", "speaker_text")


def text_free(record: dict) -> dict:
    """A statement record without the words it quotes: committed results keep ids, offsets and names only,
    since most documents they are computed on belong to others (the offsets map back to the corpora)."""
    return {k: v for k, v in record.items() if k not in TEXT_FIELDS}


def write_json(path: Path, obj) -> None:
    path.write_text(json.dumps(obj, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


class Timer:
    def __enter__(self):
        self.t0 = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = round(time.perf_counter() - self.t0, 3)


def bundled_spec(path) -> dict:
    """The bundled model's configuration (a train_model.py config) as a model spec of the experiment configs.

    ``{"estimator", "params", "sentence_view_weight", "part_weights", "weak_labels",
    "narration", "self_training"}``: what `stance.classify.training.build_estimator` and
    `train_model.fit_with_extras` need to train the same configuration on other data.
    """
    config = load_config(ROOT / path)
    return {"estimator": config["estimator"], "params": dict(config.get("estimator_params", {})),
            "sentence_view_weight": config.get("data", {}).get("sentence_view_weight", 0.0),
            "part_weights": dict(config.get("data", {}).get("part_weights", {})),
            "weak_labels": dict(config.get("weak_labels", {})), "narration": dict(config.get("narration", {})),
            "self_training": dict(config.get("self_training", {}))}


def training_config(spec) -> dict:
    """A model spec (`bundled_spec`, an experiment config's model) as the config `train_model.fit_with_extras` reads."""
    return {"data": {"sentence_view_weight": spec.get("sentence_view_weight", 0.0),
                     "part_weights": spec.get("part_weights", {})},
            "weak_labels": spec.get("weak_labels", {}), "narration": spec.get("narration", {}),
            "self_training": spec.get("self_training", {})}


def summarize_counts(per_unit: list, config: dict, keys, unit: str = "documents") -> dict:
    """The scores ``keys`` of the summed counts, with 95% bootstrap intervals over the units (documents, or
    (article, annotator) pairs) and the number of units under ``unit``: a summary block of a metrics.json."""
    from stance.evaluate import score_counts
    from stance.evaluate.bootstrap import confidence_intervals
    from stance.evaluate.metrics import DocCounts

    total = DocCounts("*")
    for c in per_unit:
        total = total + c
    s = score_counts(total)
    out = {k: s[k] for k in keys if k in s}
    ci = confidence_intervals(per_unit, n_samples=config["bootstrap_samples"], seed=config["seed"])
    out["ci95"] = {k: ci["intervals"][k] for k in keys if ci["intervals"].get(k) is not None}
    out[unit] = len(per_unit)
    return out


def body_sentences(text: str) -> list[tuple[int, int]]:
    """The sentences the segmenter reads (page furniture left out): what the PolNeAR diagnosis and the cue
    model's training look at."""
    from stance.text import find_quotes, layout, paragraph_spans, split_sentences

    quotes = find_quotes(text, paragraph_spans(text))
    blocks = [(b.start, b.end) for b in layout(text) if b.kind == "body"]
    return [se for block in blocks
            for se in split_sentences(text, [block], [q for q in quotes if block[0] <= q.open < block[1]])]


def plt_or_none():
    """matplotlib's pyplot on the Agg backend, or None when the optional extra ``report`` is not installed."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed (pip install -e '.[report]'): no figure, the tables are written")
        return None
    return plt


# -- the segmenter's plain-data logistic regressions (train_cue_model.py, train_statement_filter.py) -----------


def fit_logistic(X, y, C: float, *, min_count: int, seed: int, max_iter: int = 2000, digits: int = 6):
    """A logistic regression (DictVectorizer + lbfgs, fixed seed) over the binary features seen in at least
    ``min_count`` rows of ``X`` (lists of feature names).

    Returns ``(weights, intercept, probabilities)``: the weights rounded to ``digits`` (zeros left out, a
    small file that ``--check`` compares bit for bit) and scikit-learn's probabilities for other rows, to
    measure against the plain-data model (`stance.segment.plain_model.LinearModel`).
    """
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for row in X for f in set(row))
    keep = {f for f, n in counts.items() if n >= min_count}

    def as_dicts(rows):
        return [{f: 1.0 for f in row if f in keep} for row in rows]

    vec = DictVectorizer(sort=True)
    lr = LogisticRegression(C=C, max_iter=max_iter, solver="lbfgs", random_state=seed)
    lr.fit(vec.fit_transform(as_dicts(X)), y)
    weights = {f: round(float(w), digits) for f, w in zip(vec.get_feature_names_out(), lr.coef_[0])
               if round(float(w), digits) != 0.0}

    def probabilities(rows):
        return lr.predict_proba(vec.transform(as_dicts(rows)))[:, 1]

    return weights, round(float(lr.intercept_[0]), digits), probabilities


def model_parser(doc: str) -> argparse.ArgumentParser:
    """The command line of a training script: its config, ``--output`` and ``--check``."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("config")
    ap.add_argument("--output", help="the model file to write (default: the config's 'output')")
    ap.add_argument("--check", action="store_true",
                    help="train again into a temporary file and verify the saved model is reproduced bit for bit")
    return ap


def save_or_check(model, args, config: dict) -> None:
    """Write ``model`` (a `LinearModel`) to ``--output`` or the config's ``output``; with ``--check``, compare
    a fresh training run's bytes with the saved file's instead and exit 1 when they differ."""
    import hashlib

    out = Path(args.output) if args.output else ROOT / config["output"]
    if args.check:
        fresh = hashlib.sha256(model.dumps().encode("utf-8")).hexdigest()
        saved = hashlib.sha256(out.read_bytes()).hexdigest() if out.is_file() else None
        print(json.dumps({"model": str(out), "saved": saved, "retrained": fresh, "identical": saved == fresh}))
        sys.exit(0 if saved == fresh else 1)
    digest = model.save(out)
    print(json.dumps({"output": str(out), "sha256": digest, "weights": len(model.weights),
                      "threshold": model.threshold}))
