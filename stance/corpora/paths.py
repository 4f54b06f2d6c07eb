"""Where corpora live: an argument, else an environment variable, else ``../shared/corpora``.

No silent downloads: a corpus that is not where the loader looks raises
`CorpusNotFoundError` naming the argument and the variables that point to it.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import CorpusNotFoundError

__all__ = ["corpus_dir", "CORPORA_ENV", "DEFAULT_CORPORA", "project_data_dir"]

CORPORA_ENV = "STANCE_CORPORA_DIR"
DEFAULT_CORPORA = Path("..") / "shared" / "corpora"


def corpus_dir(name: str, path=None) -> Path:
    """The folder of corpus ``name`` (e.g. "polnear").

    Looked up in order: ``path`` (the corpus folder itself), ``$STANCE_<NAME>_DIR``,
    ``$STANCE_CORPORA_DIR/<name>``, ``../shared/corpora/<name>`` (from the working
    directory, then from the project root).
    """
    env = f"STANCE_{name.upper()}_DIR"
    candidates = []
    if path is not None:
        candidates.append(Path(path))
    elif os.environ.get(env):
        candidates.append(Path(os.environ[env]))
    else:
        base = os.environ.get(CORPORA_ENV)
        if base:
            candidates.append(Path(base) / name)
        else:
            candidates += [DEFAULT_CORPORA / name, project_data_dir().parent.parent / "shared" / "corpora" / name]
    for c in candidates:
        if c.is_dir():
            return c
    raise CorpusNotFoundError(
        f"corpus {name!r} not found (looked in {', '.join(str(c) for c in candidates)}); pass its folder as an "
        f"argument, or set {env} (that corpus) or {CORPORA_ENV} (the folder holding all corpora)")


def project_data_dir() -> Path:
    """The project's ``data/`` folder (annotations, splits), beside the package in a source checkout."""
    env = os.environ.get("STANCE_DATA_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent.parent / "data"
