"""Where a result came from: versions, git commit, data fingerprints.

Every model file and every experiment result records these, so that a number
can be traced to the code and data that produced it.
"""

from __future__ import annotations

import hashlib
import platform
import subprocess
from pathlib import Path

__all__ = ["versions", "git_commit", "text_fingerprint", "file_fingerprint", "data_fingerprint"]


def versions() -> dict:
    """Versions of stance, Python and the core dependencies that are installed."""
    from importlib import metadata

    from ._version import __version__

    out = {"stance": __version__, "python": platform.python_version()}
    for dist in ("scikit-learn", "numpy", "datasets", "joblib", "skops"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = None
    return out


def git_commit(path: str | Path = ".") -> str | None:
    """The commit of the repository at ``path`` (with ``-dirty`` when it has changes), or None."""
    try:
        commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=path, capture_output=True, text=True,
                                timeout=10, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=path,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        return commit + ("-dirty" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return None


def text_fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_fingerprint(path) -> str:
    """SHA-256 of a file's bytes, read in chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def data_fingerprint(items) -> str:
    """SHA-256 over sorted ``(doc_id, text hash, annotation hash)`` triples: the identity of a data set.

    ``items`` yields ``(doc_id, text, annotation)`` where ``annotation`` is any
    JSON-serialisable value (labels, spans).
    """
    import json

    rows = sorted(f"{doc_id}\t{text_fingerprint(text)}\t{text_fingerprint(json.dumps(ann, sort_keys=True))}"
                  for doc_id, text, ann in items)
    return hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()
