"""Fixed document splits: every document of the team corpus belongs to exactly one of train / dev / test.

The split of a document is a pure function of its id (a SHA-256 bucket), so
it never changes when documents are added, and is recorded in
``data/splits.json`` for readers and other tools.  A train-only part of the
team corpus (``training_articles``) puts every document in train instead
(`stance.corpora.team.split_in_part`), leaving dev and test as they were.
"""

from __future__ import annotations

import hashlib

__all__ = ["split_of", "SPLITS"]

SPLITS = ("train", "dev", "test")
_BOUNDS = (70, 85)  # percent: train < 70 <= dev < 85 <= test


def split_of(doc_id: str, salt: str = "stance-splits-v1") -> str:
    """The split of a document id (70 / 15 / 15 per cent in expectation)."""
    bucket = int(hashlib.sha256(f"{salt}:{doc_id}".encode("utf-8")).hexdigest(), 16) % 100
    return "train" if bucket < _BOUNDS[0] else "dev" if bucket < _BOUNDS[1] else "test"
