"""How fast the bundled model trains and classifies (figures for docs/classifiers.md; not a unit test).

Usage:
    python experiments/bench_classify.py [--config experiments/configs/default_model.toml] [--n 10000]

Prints: 1. the time to train the bundled model from its config (corpus loading
included, into a temporary folder: the shipped model is not touched); 2. the
time to load each of its two forms -- the plain-data form (`load_model`'s
default, NumPy only) and the scikit-learn estimator (``estimator=True``);
3. the time each takes to classify ``--n`` statements (the team dev split's
statements, repeated to ``n``) with ``predict_proba``, after one warm-up call
(wall-clock time, and the process's CPU time, which a busy machine inflates less).
Targets: training under 2 minutes, 10,000 statements under 5 s.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, load_config  # noqa: E402
from train_model import train  # noqa: E402

from stance.classify import load_model  # noqa: E402
from stance.classify.training import team_rows  # noqa: E402
from stance.corpora import load_team_corpus  # noqa: E402


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--config", default=str(ROOT / "experiments" / "configs" / "default_model.toml"))
    p.add_argument("--n", type=int, default=10_000)
    a = p.parse_args(argv)
    config = load_config(a.config)
    print(f"machine: {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        metrics = train(config, Path(tmp))
        train_s = time.perf_counter() - t0
        print(f"train (load corpus + fit + save): {train_s:.1f} s (fit alone {metrics['train_seconds']:.1f} s) "
              f"[target < 120 s: {'met' if train_s < 120 else 'NOT met'}]")
        models = {}
        for form, estimator in (("plain-data form", False), ("scikit-learn estimator", True)):
            t0 = time.perf_counter()
            models[form], _ = load_model(tmp, estimator=estimator)
            print(f"load model ({form}): {time.perf_counter() - t0:.2f} s")
    X, _ = team_rows(load_team_corpus()["dev"])
    X = (X * (a.n // len(X) + 1))[:a.n]
    for form, model in models.items():
        model.predict_proba(X[:100])
        t0, cpu0 = time.perf_counter(), time.process_time()
        model.predict_proba(X)
        classify_s, cpu_s = time.perf_counter() - t0, time.process_time() - cpu0
        print(f"classify {a.n} statements ({form}): {classify_s:.2f} s, CPU {cpu_s:.2f} s "
              f"({a.n / classify_s:.0f} per second) "
              f"[target < 5 s for 10,000: {'met' if classify_s < 5 * a.n / 10_000 else 'NOT met'}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
