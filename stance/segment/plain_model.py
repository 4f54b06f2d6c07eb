"""A logistic regression as plain data: feature → weight, intercept, threshold and metadata in a JSON file.

The segmenter's learned parts (`stance.segment.boundary`, `stance.segment.statement_filter`) are
trained with scikit-learn by ``experiments/train_boundary_model.py`` but scored here by dictionary
look-ups: loading a model runs no code, and analysing text never imports scikit-learn.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path

__all__ = ["LinearModel", "bundled_model"]

FORMAT = "stance.linear_model/1"


class LinearModel:
    """``p = 1 / (1 + exp(-(intercept + Σ weight[f])))`` over a list of binary feature names.

    Parameters
    ----------
    weights : mapping of feature name to weight
    intercept : float
    threshold : float, default 0.5
        The probability a decision needs to pass.
    kind : str
        What the model decides ("content_end", "statement_filter"); checked on load.
    metadata : mapping, optional
        Versions, training-data fingerprint, seed, scores (not used for scoring).
    """

    def __init__(self, weights: Mapping[str, float], intercept: float, threshold: float = 0.5, *, kind: str,
                 metadata=None):
        self.weights = dict(weights)
        self.intercept = float(intercept)
        self.threshold = float(threshold)
        self.kind = kind
        self.metadata = dict(metadata or {})
        self._z_min = math.log(self.threshold / (1.0 - self.threshold))  # p >= threshold <=> z >= logit(threshold)

    def score(self, features: Sequence[str]) -> float:
        """The log-odds of the decision."""
        w = self.weights
        return self.intercept + sum(w.get(f, 0.0) for f in features)

    def probability(self, features: Sequence[str]) -> float:
        return 1.0 / (1.0 + math.exp(-self.score(features)))

    def passes(self, features: Sequence[str]) -> bool:
        """Whether the probability reaches the threshold."""
        return self.score(features) >= self._z_min

    def with_threshold(self, threshold: float):
        return type(self)(self.weights, self.intercept, threshold, kind=self.kind, metadata=self.metadata)

    def to_dict(self) -> dict:
        return {"format": FORMAT, "kind": self.kind, "intercept": self.intercept, "threshold": self.threshold,
                "weights": dict(sorted(self.weights.items())), "metadata": self.metadata}

    @classmethod
    def from_dict(cls, data: Mapping, kind: str):
        if data.get("format") != FORMAT or data.get("kind") != kind:
            raise ValueError(f"not a {kind} model (format {data.get('format')!r}, kind {data.get('kind')!r})")
        return cls(data["weights"], data["intercept"], data["threshold"], kind=kind, metadata=data.get("metadata"))

    def save(self, path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=1, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path, kind: str):
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")), kind)


def bundled_model(cls, filename: str, kind: str):
    """The model file ``stance/resources/models/<filename>`` as ``cls``, or None when it is not there."""
    path = resources.files("stance") / "resources" / "models" / filename
    if not path.is_file():
        return None
    return cls.from_dict(json.loads(path.read_text(encoding="utf-8")), kind)
