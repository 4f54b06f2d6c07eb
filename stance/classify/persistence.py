"""Model folders: the estimator (``model.skops``), its plain-data form (``inference.json`` +
``inference.npz``) and ``meta.json`` (what it is and where it came from).

Two forms of one fitted model, both safe to load:

- ``inference.json`` + ``inference.npz``: the parameters as plain data (JSON
  settings and vocabularies, NumPy arrays read with ``allow_pickle=False``),
  predicted with NumPy alone by `stance.classify.plain.PlainModel` --
  loading them reads data and runs no code at all, and does not import
  scikit-learn, so `stance analyze` starts in well under a second.  This is
  what `load_model` returns by default.  `save_model` writes it when
  `stance.classify.export` knows every component of the model (and, given
  statements to check on, after checking that both forms agree).
- ``model.skops``: the scikit-learn estimator itself, for users who want to
  inspect, refit or grid-search it (``load_model(path, estimator=True)``).
  Why skops and not pickle/joblib: loading a pickle runs whatever code the
  file names, so a shared model file could execute anything.  ``skops.io``
  loads only types it is told to trust.  skops itself trusts scikit-learn's
  estimators, NumPy and SciPy arrays and plain containers; beyond those, the
  types a stance model may hold are listed here, by full name, in
  `TRUSTED_TYPES` (stance's estimators, the module-level functions of its
  text pipelines, and scikit-learn's private calibration helpers), never read
  from the file.  A file that needs anything else is refused unless the
  caller passes ``trusted=`` explicitly.

``meta.json`` carries the library and scikit-learn versions, the label
scheme, the training-data fingerprint, the metrics and the SHA-256 of every
file of the folder, all checked before anything is loaded, so a tampered or
truncated file is refused with a clear error.
"""

from __future__ import annotations

import io
import json
import platform
import warnings
import zipfile
from importlib import resources
from pathlib import Path

from ..errors import ModelFileError, PlainExportError, StanceWarning
from ..provenance import file_fingerprint
from .plain import ARRAYS_FILE, PLAIN_FORMAT, SPEC_FILE, PlainModel, zip_bytes
from .vote import VOTE_KIND, load_vote

__all__ = ["save_model", "load_model", "read_meta", "check_files", "default_model_path", "canonical_skops",
           "MODEL_FILE", "META_FILE", "PLAIN_FILES", "PLAIN_TOLERANCE", "TRUSTED_TYPES"]

MODEL_FILE = "model.skops"
META_FILE = "meta.json"
PLAIN_FILES = (SPEC_FILE, ARRAYS_FILE)
# how far the plain-data form's probabilities may be from the estimator's on the statements save_model checks:
# floating-point summation order, nothing more
PLAIN_TOLERANCE = 1e-9
FORMAT_VERSION = 1
# The types and functions a stance model may hold beyond those skops trusts by itself (skops already trusts
# scikit-learn's estimators, NumPy arrays and dtypes, SciPy sparse matrices and plain containers).  These are
# stance's own estimators and the module-level functions its FunctionTransformers call; skops resolves a
# function by name and calls nothing while loading.  Anything else in a file is refused unless the caller
# names it in ``trusted=``.
TRUSTED_TYPES = frozenset({
    "stance.classify.lexicon_model.CueLexiconClassifier",
    "stance.classify.linear.CalibratedLinearClassifier",
    "stance.classify.features.statement_table",
    "stance.classify.features.lexicon_feature_dicts",
    # where those two functions lived before (files saved then name them so; the names still resolve)
    "stance.classify.linear.statement_table",
    "stance.classify.linear.lexicon_feature_dicts",
    # sklearn's private calibration helpers, built by CalibratedClassifierCV
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
    "sklearn.calibration._TemperatureScaling",
    "sklearn.isotonic.IsotonicRegression",
    # plain data holders: the calibration folds (one fold number per training row, or stratified folds when
    # there are no documents) and VotingClassifier's named_estimators_
    "sklearn.model_selection._split.PredefinedSplit",
    "sklearn.model_selection._split.StratifiedKFold",
    "sklearn.utils._bunch.Bunch",
})


def default_model_path() -> Path:
    """The bundled model shipped inside the package."""
    return Path(str(resources.files("stance") / "resources" / "models" / "default"))


def canonical_skops(data: bytes) -> bytes:
    """A skops archive rewritten so that the same estimator always gives the same bytes.

    skops names its members after Python object ids and random UUIDs and
    stamps them with the current time.  Here ids are renumbered in the order
    the schema first mentions them, members are renamed after those numbers,
    dated 1980-01-01 and deflated in a fixed order.  The content (the schema
    and every array) is unchanged, so the archive loads exactly as before.
    """
    src = zipfile.ZipFile(io.BytesIO(data))
    names = set(src.namelist())
    schema = json.loads(src.read("schema.json"))
    ids: dict[int, int] = {}
    files: dict[str, str] = {}

    def number(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "__id__" and isinstance(value, int):
                    ids.setdefault(value, len(ids) + 1)
                elif key == "file" and isinstance(value, str) and value in names:
                    files.setdefault(value, f"{len(files) + 1:05d}{Path(value).suffix}")
                else:
                    number(value)
        elif isinstance(node, list):
            for value in node:
                number(value)

    def rewrite(node):
        if isinstance(node, dict):
            out = {}
            for key, value in node.items():
                if key == "__id__" and isinstance(value, int):
                    out[key] = ids[value]
                elif key == "file" and isinstance(value, str) and value in files:
                    out[key] = files[value]
                else:
                    out[key] = rewrite(value)
            return out
        if isinstance(node, list):
            return [rewrite(value) for value in node]
        return node

    number(schema)
    missing = names - set(files) - {"schema.json"}
    if missing:
        raise ModelFileError(f"skops archive has members its schema does not name: {sorted(missing)[:3]}")
    members = [("schema.json", json.dumps(rewrite(schema), indent=1).encode("utf-8"))]
    members += [(new, src.read(old)) for old, new in sorted(files.items(), key=lambda kv: kv[1])]
    return zip_bytes(members)


def _drop_stop_words(obj, seen=None) -> None:
    """Delete the fitted vectorisers' ``stop_words_``: terms cut by min_df, kept only for introspection.

    scikit-learn documents that the attribute "can be safely removed using
    delattr or set to None before pickling"; it is most of a model's size and
    a Python set, whose order is not reproducible.
    """
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if hasattr(obj, "vocabulary_"):
        for name in ("stop_words_", "_stop_words_id"):  # the second caches an id(): different in every process
            if hasattr(obj, name):
                delattr(obj, name)
    children = []
    if hasattr(obj, "__dict__") and type(obj).__module__.startswith(("sklearn.", "stance.")):
        children = list(vars(obj).values())
    elif isinstance(obj, (list, tuple)):
        children = list(obj)
    elif isinstance(obj, dict):
        children = list(obj.values())
    for child in children:
        if isinstance(child, (list, tuple, dict)) or type(child).__module__.startswith(("sklearn.", "stance.")):
            _drop_stop_words(child, seen)


def _plain_form(estimator, check_on) -> tuple[PlainModel | None, dict]:
    """The plain-data form of ``estimator`` and what meta.json says of it; (None, {"error": ...}) if there is none."""
    from .export import export_plain, max_difference

    try:
        plain = export_plain(estimator)
        info = {"format": PLAIN_FORMAT, "checked_on": 0}
        if check_on is not None and len(check_on):
            difference = max_difference(estimator, plain, check_on)
            if not difference <= PLAIN_TOLERANCE:
                raise PlainExportError(f"its probabilities differ from the estimator's by {difference:.3g} "
                                       f"(more than {PLAIN_TOLERANCE}) on the statements checked")
            info.update(checked_on=len(check_on), max_difference=difference)
    except PlainExportError as e:
        return None, {"error": str(e)}
    return plain, info


def save_model(estimator, folder, *, scheme, metadata: dict | None = None, check_on=None) -> Path:
    """Write ``estimator`` to ``folder`` (created) with its plain-data form and metadata; returns the folder.

    The archive is canonical (`canonical_skops`): saving the same fitted
    estimator twice, in two processes, gives the same bytes and SHA-256, and
    so do the plain-data files.  Fitted vectorisers lose their
    ``stop_words_`` (see `_drop_stop_words`).  ``check_on`` (statement
    records) are predicted by both forms, which must agree to
    `PLAIN_TOLERANCE`.  A model the exporter cannot represent exactly is
    saved without the plain-data form, with a `StanceWarning` saying why
    (``meta.json`` keeps the reason under ``plain_form``).
    """
    import sklearn
    import skops.io as sio

    from .._version import __version__
    from .schemes import get_scheme

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    model_path = folder / MODEL_FILE
    _drop_stop_words(estimator)
    model_path.write_bytes(canonical_skops(sio.dumps(estimator)))
    plain, plain_info = _plain_form(estimator, check_on)
    for name in PLAIN_FILES:
        (folder / name).unlink(missing_ok=True)
    if plain is None:
        warnings.warn(f"{folder}: saved without the plain-data form ({plain_info['error']}); loading it will "
                      "import scikit-learn", StanceWarning, stacklevel=2)
    else:
        plain_info["sha256"] = {path.name: file_fingerprint(path) for path in plain.save(folder)}
    meta = {
        "format_version": FORMAT_VERSION,
        "stance_version": __version__,
        "sklearn_version": sklearn.__version__,
        "python_version": platform.python_version(),
        "estimator": type(estimator).__name__,
        "label_scheme": get_scheme(scheme).to_dict(),
        "sha256": file_fingerprint(model_path),
        "plain_form": plain_info,
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
    required = ("format_version", "kind", "members", "label_scheme") if meta.get("kind") == VOTE_KIND else (
        "format_version", "sha256", "label_scheme", "sklearn_version")
    for key in required:
        if key not in meta:
            raise ModelFileError(f"{folder / META_FILE}: field {key!r} is missing")
    if meta["format_version"] != FORMAT_VERSION:
        raise ModelFileError(f"{folder}: model format {meta['format_version']} is not supported "
                             f"(this stance reads format {FORMAT_VERSION}); retrain or upgrade stance")
    return meta


def _checksums(folder: Path, meta: dict) -> dict[str, str]:
    """File name -> SHA-256 of every file ``meta.json`` vouches for."""
    sums = {MODEL_FILE: meta["sha256"]}
    plain = meta.get("plain_form") or {}
    if "sha256" in plain:
        if not isinstance(plain["sha256"], dict) or set(plain["sha256"]) != set(PLAIN_FILES):
            raise ModelFileError(f"{folder / META_FILE}: plain_form.sha256 must name {list(PLAIN_FILES)}")
        sums.update(plain["sha256"])
    return sums


def check_files(folder: Path, checksums: dict[str, str]) -> None:
    """Refuse (`ModelFileError`) a folder where a listed file is missing or differs from its SHA-256."""
    for name, expected in checksums.items():
        path = folder / name
        if not path.exists():
            raise ModelFileError(f"{folder}: {name} is missing")
        digest = file_fingerprint(path)
        if digest != expected:
            raise ModelFileError(f"{path}: checksum mismatch (file {digest[:12]}…, metadata {expected[:12]}…); "
                                 "the file was changed or truncated after it was saved — do not use it")


def load_model(folder=None, *, trusted: list[str] | None = None, estimator: bool = False):
    """Load a model folder (default: the bundled model); returns ``(model, meta)``.

    ``model`` is the plain-data form (a `PlainModel`: ``classes_``,
    ``predict``, ``predict_proba``; NumPy only, no scikit-learn import) when
    the folder has one, else -- or with ``estimator=True`` -- the
    scikit-learn estimator from ``model.skops``.  Every file of the folder is
    checked against the SHA-256 in ``meta.json`` first, whichever is loaded.

    A soft-vote folder (`stance.classify.vote`: the linear model voted with a
    fine-tuned encoder) loads as a `SoftVote` of its members; its encoder
    member needs the ``encoder`` extra.

    Raises `ModelFileError` when the folder is incomplete, a checksum does
    not match (tampered or truncated), or the skops file holds types outside
    the trusted list and ``trusted`` does not name them.
    """
    folder = default_model_path() if folder is None else Path(folder)
    meta = read_meta(folder)
    if meta.get("kind") == VOTE_KIND:  # a vote of saved members (`stance.classify.vote`), each checked itself
        if estimator:
            raise ModelFileError(f"{folder}: a soft vote has no single scikit-learn estimator; load its members")
        return load_vote(folder, meta, trusted=trusted), meta
    checksums = _checksums(folder, meta)
    check_files(folder, checksums)
    if not estimator and SPEC_FILE in checksums:
        return PlainModel.load(folder), meta
    return _load_estimator(folder, meta, trusted), meta


def _load_estimator(folder: Path, meta: dict, trusted):
    import sklearn
    import skops.io as sio

    model_path = folder / MODEL_FILE
    if meta["sklearn_version"] != sklearn.__version__:
        warnings.warn(f"{folder}: saved with scikit-learn {meta['sklearn_version']}, running {sklearn.__version__}; "
                      "predictions may differ. Retrain the model to be sure.", StanceWarning, stacklevel=3)
    try:
        untrusted = sio.get_untrusted_types(file=model_path)
    except Exception as e:  # skops raises several types on a corrupt archive
        raise ModelFileError(f"{model_path}: not a readable skops file ({e})") from None
    allowed = TRUSTED_TYPES | set(trusted or ())
    refused = [t for t in untrusted if t not in allowed]
    if refused:
        raise ModelFileError(f"{model_path}: holds types stance does not trust: {refused}. Load it only if you "
                             "trust its author, with load_model(path, trusted=[...those names...])")
    try:
        return sio.load(model_path, trusted=list(untrusted))
    except Exception as e:
        raise ModelFileError(f"{model_path}: could not be loaded ({type(e).__name__}: {e})") from None
