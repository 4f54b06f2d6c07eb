"""A logistic regression as plain data: the one model format of the segmenter's learned parts.

The cue model (`stance.segment.cue_model`) and the statement filter (`stance.segment.statement_filter`)
are trained with scikit-learn (``experiments/train_cue_model.py``, ``experiments/train_statement_filter.py``)
but ship as JSON (feature → weight, intercept, threshold, what the model decides, where it came from) and
are scored here by dictionary look-ups: loading a model runs no code, and analysing text never imports
scikit-learn.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from importlib import resources
from itertools import repeat
from pathlib import Path

from ..errors import ModelFileError

__all__ = ["LinearModel", "bundled_model", "bundled_path", "FORMAT"]

FORMAT = "stance.linear_model/1"


class LinearModel:
    """``p = 1 / (1 + exp(-(intercept + Σ weight[f])))`` over a list of binary feature names.

    Subclasses name what they decide in ``kind``; a file of another kind is refused on load.

    Parameters
    ----------
    weights : mapping of feature name to weight
    intercept : float
    threshold : float, default 0.5
        The probability a decision needs to reach, in (0, 1).
    metadata : mapping, optional
        Versions, training-data fingerprint, seed, scores (not used for scoring).
    """

    kind = "linear"

    def __init__(self, weights: Mapping[str, float], intercept: float, threshold: float = 0.5, *, metadata=None):
        self.weights = dict(weights)
        self.intercept = float(intercept)
        self.threshold = float(threshold)
        if not 0.0 < self.threshold < 1.0:
            raise ModelFileError(f"{self.kind} model: threshold {self.threshold} is not in (0, 1)")
        self.metadata = dict(metadata or {})
        self._z_min = math.log(self.threshold / (1.0 - self.threshold))  # p >= threshold <=> z >= logit(threshold)

    def score(self, features: Sequence[str]) -> float:
        """The log-odds of the decision."""
        return self.intercept + sum(map(self.weights.get, features, repeat(0.0)))

    def probability(self, features: Sequence[str]) -> float:
        return 1.0 / (1.0 + math.exp(-self.score(features)))

    def passes(self, features: Sequence[str]) -> bool:
        """Whether the probability reaches the threshold (no sigmoid needed)."""
        return self.score(features) >= self._z_min

    def to_dict(self) -> dict:
        return {"format": FORMAT, "kind": self.kind, "intercept": self.intercept, "threshold": self.threshold,
                "weights": dict(sorted(self.weights.items())), "metadata": self.metadata}

    @classmethod
    def from_dict(cls, data):
        if not isinstance(data, Mapping) or data.get("format") != FORMAT or data.get("kind") != cls.kind:
            got = (data.get("format"), data.get("kind")) if isinstance(data, Mapping) else type(data).__name__
            raise ModelFileError(f"not a {cls.kind} model of format {FORMAT!r} (got {got!r})")
        weights = data.get("weights")
        if not isinstance(weights, Mapping) or not all(
                isinstance(v, (int, float)) and not isinstance(v, bool) for v in weights.values()):
            raise ModelFileError(f"{cls.kind} model: 'weights' must map feature names to numbers")
        try:
            intercept, threshold = float(data["intercept"]), float(data["threshold"])
        except (KeyError, TypeError, ValueError) as e:
            raise ModelFileError(f"{cls.kind} model: needs a numeric 'intercept' and 'threshold' ({e})") from None
        return cls({str(k): float(v) for k, v in weights.items()}, intercept, threshold,
                   metadata=data.get("metadata"))

    def dumps(self) -> str:
        """The file's text: sorted keys, so that the same model is the same bytes (``--check`` compares them)."""
        return json.dumps(self.to_dict(), indent=0, sort_keys=True, ensure_ascii=False) + "\n"

    def save(self, path) -> str:
        """Write the model to ``path``; returns the file's SHA-256."""
        text = self.dumps()
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(text, encoding="utf-8")
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    @classmethod
    def load(cls, path):
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise ModelFileError(f"cannot read the {cls.kind} model {path}: {e}") from None
        return cls.from_dict(data)


def bundled_path(filename: str) -> Path:
    """``stance/resources/models/<filename>``."""
    return Path(str(resources.files("stance").joinpath("resources", "models", filename)))


@functools.lru_cache(maxsize=8)
def bundled_model(cls, filename: str):
    """The model file ``stance/resources/models/<filename>`` as ``cls`` (read once), or None when it is not there."""
    path = bundled_path(filename)
    return cls.load(path) if path.is_file() else None
