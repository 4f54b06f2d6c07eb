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

    ``{"estimator", "params", "sentence_view_weight", "weak_labels",
    "self_training"}``: what `stance.classify.training.build_estimator` and
    `train_model.fit_with_extras` need to train the same configuration on other data.
    """
    config = load_config(ROOT / path)
    return {"estimator": config["estimator"], "params": dict(config.get("estimator_params", {})),
            "sentence_view_weight": config.get("data", {}).get("sentence_view_weight", 0.0),
            "weak_labels": dict(config.get("weak_labels", {})),
            "self_training": dict(config.get("self_training", {}))}


def training_config(spec) -> dict:
    """A model spec (`bundled_spec`, an experiment config's model) as the config `train_model.fit_with_extras` reads."""
    return {"data": {"sentence_view_weight": spec.get("sentence_view_weight", 0.0)},
            "weak_labels": spec.get("weak_labels", {}), "self_training": spec.get("self_training", {})}


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
