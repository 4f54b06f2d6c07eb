"""Model folders: ``model.skops`` (the estimator) + ``meta.json`` (what it is and where it came from).

Why skops and not pickle/joblib: loading a pickle runs whatever code the file
names, so a shared model file could execute anything.  ``skops.io`` loads only
types it is told to trust.  The trusted types are listed here, in the
library's code (scikit-learn, numpy and stance's own estimators), never read
from the file; a file that needs anything else is refused unless the caller
passes ``trusted=`` explicitly.  ``meta.json`` carries the library and
scikit-learn versions, the label scheme, the training-data fingerprint, the
metrics and the SHA-256 of ``model.skops``, checked before loading, so a
tampered or truncated file is refused with a clear error.
"""

from __future__ import annotations

import hashlib
import json
import platform
import warnings
from importlib import resources
from pathlib import Path

from ..errors import ModelFileError, StanceWarning

__all__ = ["save_model", "load_model", "read_meta", "default_model_path", "MODEL_FILE", "META_FILE"]

MODEL_FILE = "model.skops"
META_FILE = "meta.json"
FORMAT_VERSION = 1
# module prefixes whose types a stance model may contain
_TRUSTED_PREFIXES = ("sklearn.", "numpy.", "scipy.sparse.", "stance.", "builtins.", "collections.", "re.")


def default_model_path() -> Path:
    """The bundled model shipped inside the package."""
    return Path(str(resources.files("stance") / "resources" / "models" / "default"))


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def save_model(estimator, folder, *, scheme, metadata: dict | None = None) -> Path:
    """Write ``estimator`` to ``folder`` (created) with its metadata; returns the folder."""
    import sklearn
    import skops.io as sio

    from .._version import __version__
    from .schemes import get_scheme

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    model_path = folder / MODEL_FILE
    sio.dump(estimator, model_path)
    meta = {
        "format_version": FORMAT_VERSION,
        "stance_version": __version__,
        "sklearn_version": sklearn.__version__,
        "python_version": platform.python_version(),
        "estimator": type(estimator).__name__,
        "label_scheme": get_scheme(scheme).to_dict(),
        "sha256": _sha256(model_path),
    }
    meta.update(metadata or {})
    (folder / META_FILE).write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return folder


def read_meta(folder) -> dict:
    """The metadata of a model folder, checked for the fields loading needs."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ModelFileError(f"model folder {folder} does not exist (a model is a folder with "
                             f"{MODEL_FILE} and {META_FILE})")
    try:
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelFileError(f"{folder}: {META_FILE} is missing; not a stance model folder") from None
    except json.JSONDecodeError as e:
        raise ModelFileError(f"{folder / META_FILE}: not valid JSON ({e.msg} at line {e.lineno})") from None
    for key in ("format_version", "sha256", "label_scheme", "sklearn_version"):
        if key not in meta:
            raise ModelFileError(f"{folder / META_FILE}: field {key!r} is missing")
    if meta["format_version"] != FORMAT_VERSION:
        raise ModelFileError(f"{folder}: model format {meta['format_version']} is not supported "
                             f"(this stance reads format {FORMAT_VERSION}); retrain or upgrade stance")
    return meta


def load_model(folder=None, *, trusted: list[str] | None = None):
    """Load a model folder (default: the bundled model); returns ``(estimator, meta)``.

    Raises `ModelFileError` when the folder is incomplete, its checksum does
    not match (tampered or truncated), or it holds types outside the trusted
    list and ``trusted`` does not name them.
    """
    import sklearn
    import skops.io as sio

    folder = default_model_path() if folder is None else Path(folder)
    meta = read_meta(folder)
    model_path = folder / MODEL_FILE
    if not model_path.exists():
        raise ModelFileError(f"{folder}: {MODEL_FILE} is missing")
    digest = _sha256(model_path)
    if digest != meta["sha256"]:
        raise ModelFileError(f"{model_path}: checksum mismatch (file {digest[:12]}…, meta.json {meta['sha256'][:12]}…); "
                             "the file was changed or truncated after it was saved — do not use it")
    if meta["sklearn_version"] != sklearn.__version__:
        warnings.warn(f"{folder}: saved with scikit-learn {meta['sklearn_version']}, running {sklearn.__version__}; "
                      "predictions may differ. Retrain the model to be sure.", StanceWarning, stacklevel=2)
    try:
        untrusted = sio.get_untrusted_types(file=model_path)
    except Exception as e:  # skops raises several types on a corrupt archive
        raise ModelFileError(f"{model_path}: not a readable skops file ({e})") from None
    allowed = set(trusted or ())
    refused = [t for t in untrusted if t not in allowed and not t.startswith(_TRUSTED_PREFIXES)]
    if refused:
        raise ModelFileError(f"{model_path}: holds types stance does not trust: {refused}. Load it only if you "
                             "trust its author, with load_model(path, trusted=[...those names...])")
    try:
        estimator = sio.load(model_path, trusted=list(untrusted))
    except Exception as e:
        raise ModelFileError(f"{model_path}: could not be loaded ({type(e).__name__}: {e})") from None
    return estimator, meta
