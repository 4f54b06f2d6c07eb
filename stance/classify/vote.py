"""A soft vote of fitted statement models, and its model folder.

Why: the linear model and the fine-tuned encoder (`stance.classify.encoder`)
err on different statements -- the linear model on contents whose meaning
its words do not show, the encoder on cue frames and rare wordings -- so the
mean of their probabilities beats both (docs/classifiers.md).  scikit-learn's
`VotingClassifier` refits its members itself; these members are fitted
apart (the linear model with its sentence views and calibration folds, the
encoder by fine-tuning), so the vote only combines them.

A vote folder holds ``meta.json`` (``kind = "soft_vote"``, the members, their
weights, the label scheme, the SHA-256 of each member's metadata) and one
sub-folder per member: a stance model folder (`stance.classify.persistence`)
or a saved encoder.  `stance.classify.load_model` loads either kind.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from ..errors import ModelFileError
from ..provenance import file_fingerprint

__all__ = ["SoftVote", "save_vote", "load_vote", "VOTE_KIND"]

VOTE_KIND = "soft_vote"
_MEMBER_META = {"stance": "meta.json", "encoder": "encoder_meta.json"}


class SoftVote:
    """The weighted mean of fitted members' ``predict_proba``; every member must have the same ``classes_``."""

    def __init__(self, members: dict, weights: dict):
        if not members:
            raise ValueError("a vote needs at least one member")
        if set(weights) != set(members):
            raise ValueError(f"weights name {sorted(weights)}, members are {sorted(members)}")
        if any(w < 0 for w in weights.values()) or sum(weights.values()) <= 0:
            raise ValueError(f"weights must be non-negative and not all 0: {weights}")
        classes = {name: list(m.classes_) for name, m in members.items()}
        first = next(iter(classes.values()))
        if any(c != first for c in classes.values()):
            raise ValueError(f"the members' classes differ: {classes}")
        self.members = dict(members)
        self.weights = {k: float(v) for k, v in weights.items()}
        self.classes_ = np.array(first, dtype=object)

    def predict_proba(self, X) -> np.ndarray:
        total = sum(self.weights.values())
        return sum(self.weights[name] / total * np.asarray(m.predict_proba(X), dtype=float)
                   for name, m in self.members.items() if self.weights[name])

    def predict(self, X) -> np.ndarray:
        return self.classes_[self.predict_proba(X).argmax(axis=1)]

    def __repr__(self) -> str:
        return f"SoftVote({', '.join(f'{k}={v:g}' for k, v in self.weights.items())})"


def save_vote(folder, members: dict, weights: dict, *, scheme, metadata: dict | None = None) -> Path:
    """Write a vote folder whose members (name -> ``(kind, saver)``, ``saver(sub_folder)`` writing one) are saved
    in sub-folders named after them; returns the folder."""
    from .._version import __version__
    from .persistence import FORMAT_VERSION
    from .schemes import get_scheme

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    listed = []
    for name, (kind, saver) in members.items():
        if kind not in _MEMBER_META:
            raise ValueError(f"member {name!r}: kind must be one of {sorted(_MEMBER_META)}, not {kind!r}")
        saver(folder / name)
        listed.append({"name": name, "kind": kind, "weight": float(weights[name]),
                       "meta_sha256": file_fingerprint(folder / name / _MEMBER_META[kind])})
    meta = {"format_version": FORMAT_VERSION, "kind": VOTE_KIND, "stance_version": __version__,
            "label_scheme": get_scheme(scheme).to_dict(), "members": listed}
    meta.update(metadata or {})
    (folder / "meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return folder


def load_vote(folder, meta: dict, *, trusted=None) -> SoftVote:
    """The `SoftVote` of a vote folder; each member's metadata is checked against its SHA-256, then loaded
    the safe way of its kind (members check their own files)."""
    from .encoder import EncoderClassifier
    from .persistence import load_model

    folder = Path(folder)
    members, weights = {}, {}
    for entry in meta.get("members") or []:
        name, kind = entry.get("name"), entry.get("kind")
        if kind not in _MEMBER_META or not name or "/" in name or name.startswith("."):
            raise ModelFileError(f"{folder}/meta.json: a member must have a plain name and a kind in "
                                 f"{sorted(_MEMBER_META)}: {entry}")
        member_meta = folder / name / _MEMBER_META[kind]
        if not member_meta.exists():
            raise ModelFileError(f"{folder}: member {name!r} has no {member_meta.name}")
        if file_fingerprint(member_meta) != entry.get("meta_sha256"):
            raise ModelFileError(f"{member_meta}: checksum mismatch; the member was changed after the vote was saved")
        members[name] = (EncoderClassifier.load(folder / name) if kind == "encoder"
                         else load_model(folder / name, trusted=trusted)[0])
        weights[name] = entry.get("weight", 1.0)
    if not members:
        raise ModelFileError(f"{folder}/meta.json: a soft vote lists no members")
    return SoftVote(members, weights)
