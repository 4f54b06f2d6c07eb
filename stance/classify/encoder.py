"""A fine-tuned transformer encoder as a statement classifier (optional: ``pip install 'stance[encoder]'``).

Why: the linear models over words, cue frames and lexicon features stop
near macro-F1 0.79 on the team dev split, and their errors need the meaning
of the whole content (docs/classifiers.md).  A small pretrained encoder
fine-tuned on the gold statements reads that meaning; voting it with the
linear model (`stance.classify.vote`) is the library's most accurate model of statements.
It is slower by two orders of magnitude and needs PyTorch and Hugging Face
``transformers``, so it is an extra, never the bundled default.

`EncoderClassifier` is a scikit-learn estimator (``fit`` / ``predict`` /
``predict_proba``, ``get_params`` / ``set_params``, clone-able) over statement
records: it reads the pair (cue, content), as a reader meets them.  The
pretrained weights are the user's: ``encoder`` names a local folder of a
Hugging Face model, an installed package that carries one (a module with
``get_model_path()``), or a Hub name (downloaded by ``transformers``).

Saved folders hold the weights as ``safetensors`` and the tokenizer and
configuration as JSON: loading them reads data and runs no code
(``use_safetensors=True``, never ``trust_remote_code``).
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from ..errors import ModelFileError, StanceError
from ..provenance import file_fingerprint
from .persistence import check_files
from .schemes import get_scheme

__all__ = ["EncoderClassifier", "resolve_encoder", "require_encoder_extra", "ENCODER_META"]

ENCODER_META = "encoder_meta.json"
_WEIGHTS = "model.safetensors"
_NO_CUE = "-"  # what the first segment reads when a statement has no cue (a whole sentence, a heading)


def require_encoder_extra():
    """``(torch, transformers)``, or a `StanceError` that says how to install them."""
    try:
        import torch
        import transformers
    except ImportError as e:
        raise StanceError(f"the encoder model needs PyTorch and transformers ({e.name} is not installed): "
                          "pip install 'stance[encoder]'") from None
    return torch, transformers


def resolve_encoder(encoder: str) -> str:
    """The folder (or Hub name) of the pretrained encoder ``encoder`` names.

    A folder that exists is itself; a module name whose module has
    ``get_model_path()`` (a package that carries its model) is that path;
    anything else is passed to ``transformers`` as a Hub name.
    """
    if not encoder:
        raise ValueError("encoder is empty: name a model folder, a package that carries one, or a Hub model")
    if Path(encoder).is_dir():
        return str(Path(encoder))
    if encoder.isidentifier():
        try:
            module = importlib.import_module(encoder)
        except ImportError:
            module = None
        if module is not None and hasattr(module, "get_model_path"):
            return str(module.get_model_path())
    return encoder


def _pairs(X) -> tuple[list[str], list[str]]:
    cues = [(x.get("cue") or "").strip() or _NO_CUE for x in X]
    contents = [(x.get("content") or "").strip() or _NO_CUE for x in X]
    return cues, contents


class EncoderClassifier(ClassifierMixin, BaseEstimator):
    """Fine-tune a pretrained encoder on statements; predict class probabilities (the head's softmax, not calibrated).

    Parameters
    ----------
    encoder : str
        The pretrained model (`resolve_encoder`).
    scheme : str or dict, default "stance4"
        The label scheme; ``classes_`` are its labels in its order.
    max_length : int, default 128
        Word pieces per (cue, content) pair; longer contents are cut.
    epochs, batch_size, learning_rate, warmup, weight_decay
        The fine-tuning schedule: AdamW, linear warm-up over ``warmup`` of
        the steps, then linear decay to 0.
    class_weight : "balanced" or None
        Loss weights inverse to class frequency, as in the linear models.
    random_state : int
        Seeds the head's initialisation and the order of the batches.
    threads : int or None
        PyTorch threads (None: PyTorch's default).
    progress : bool
        A tqdm bar over the training batches.
    """

    def __init__(self, *, encoder="", scheme="stance4", max_length=128, epochs=4, batch_size=16,
                 learning_rate=5e-5, warmup=0.1, weight_decay=0.01, class_weight="balanced", random_state=0,
                 threads=None, progress=False):
        self.encoder = encoder
        self.scheme = scheme
        self.max_length = max_length
        self.epochs = epochs
        self.batch_size = batch_size
        self.learning_rate = learning_rate
        self.warmup = warmup
        self.weight_decay = weight_decay
        self.class_weight = class_weight
        self.random_state = random_state
        self.threads = threads
        self.progress = progress

    def _loss_weights(self, y_index: np.ndarray) -> np.ndarray:
        k = len(self.classes_)
        if self.class_weight is None:
            return np.ones(k)
        if self.class_weight != "balanced":
            raise ValueError(f"class_weight must be 'balanced' or None, not {self.class_weight!r}")
        counts = np.bincount(y_index, minlength=k).astype(float)
        return np.where(counts > 0, len(y_index) / (k * np.maximum(counts, 1)), 0.0)

    def fit(self, X, y, sample_weight=None):
        torch, transformers = require_encoder_extra()
        from tqdm.auto import tqdm

        labels = list(get_scheme(self.scheme).labels)
        y = list(y)
        if len(X) != len(y) or not y:
            raise ValueError(f"X and y must be non-empty and of one length (got {len(X)} and {len(y)})")
        unknown = sorted(set(y) - set(labels))
        if unknown:
            raise ValueError(f"labels {unknown} are not in the scheme {labels}")
        weights = np.ones(len(y)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        if weights.shape != (len(y),) or np.any(weights < 0):
            raise ValueError("sample_weight must hold one non-negative weight per statement")
        self.classes_ = np.array(labels, dtype=object)
        y_index = np.array([labels.index(v) for v in y])

        if self.threads:
            torch.set_num_threads(int(self.threads))
        torch.manual_seed(self.random_state)
        source = resolve_encoder(self.encoder)
        self.tokenizer_ = transformers.AutoTokenizer.from_pretrained(source)
        self.model_ = transformers.AutoModelForSequenceClassification.from_pretrained(
            source, num_labels=len(labels), id2label=dict(enumerate(labels)),
            label2id={v: i for i, v in enumerate(labels)}, use_safetensors=True)
        self.encoder_sha256_ = _weights_fingerprint(source)

        cues, contents = _pairs(X)
        loss_weights = torch.tensor(self._loss_weights(y_index), dtype=torch.float)
        targets = torch.tensor(y_index)
        row_weights = torch.tensor(weights, dtype=torch.float)
        optimiser = torch.optim.AdamW(self.model_.parameters(), lr=self.learning_rate, weight_decay=self.weight_decay)
        per_epoch = -(-len(y) // self.batch_size)
        steps = max(1, self.epochs * per_epoch)
        warm = max(1, int(self.warmup * steps))
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimiser, lambda s: (s + 1) / warm if s < warm else max(0.0, (steps - s) / max(1, steps - warm)))
        loss_fn = torch.nn.CrossEntropyLoss(weight=loss_weights, reduction="none")
        rng = np.random.default_rng(self.random_state)
        self.model_.train()
        self.loss_curve_ = []
        bar = tqdm(total=steps, desc="fine-tuning", unit="batch", disable=not self.progress)
        for _ in range(self.epochs):
            order = rng.permutation(len(y))
            total = 0.0
            for start in range(0, len(y), self.batch_size):
                idx = order[start:start + self.batch_size]
                batch = self._encode([cues[i] for i in idx], [contents[i] for i in idx])
                losses = loss_fn(self.model_(**batch).logits, targets[idx]) * row_weights[idx]
                loss = losses.sum() / torch.clamp(loss_weights[targets[idx]].mul(row_weights[idx]).sum(), min=1e-12)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(self.model_.parameters(), 1.0)
                optimiser.step()
                schedule.step()
                optimiser.zero_grad()
                total += float(loss.detach())
                bar.update(1)
            self.loss_curve_.append(total / per_epoch)
        bar.close()
        self.model_.eval()
        return self

    def _encode(self, cues, contents):
        return self.tokenizer_(cues, contents, truncation=True, max_length=self.max_length, padding=True,
                               return_tensors="pt")

    def predict_proba(self, X, batch_size: int = 64) -> np.ndarray:
        """Class probabilities (softmax of the head), one row per statement, columns in ``classes_`` order."""
        check_is_fitted(self, "model_")
        torch, _ = require_encoder_extra()
        if self.threads:
            torch.set_num_threads(int(self.threads))
        cues, contents = _pairs(X)
        out = [np.zeros((0, len(self.classes_)))]
        with torch.no_grad():
            for start in range(0, len(cues), batch_size):
                logits = self.model_(**self._encode(cues[start:start + batch_size],
                                                     contents[start:start + batch_size])).logits
                out.append(torch.softmax(logits, dim=-1).double().numpy())
        return np.vstack(out)

    def predict(self, X) -> np.ndarray:
        return self.classes_[self.predict_proba(X).argmax(axis=1)]

    def save(self, folder) -> Path:
        """Write the fine-tuned encoder to ``folder``: safetensors weights, JSON tokenizer and settings."""
        check_is_fitted(self, "model_")
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        self.model_.save_pretrained(folder, safe_serialization=True)
        self.tokenizer_.save_pretrained(folder)
        files = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name != ENCODER_META)
        meta = {"params": self.get_params(), "classes": list(self.classes_), "loss_curve": self.loss_curve_,
                "pretrained_sha256": self.encoder_sha256_,
                "sha256": {name: file_fingerprint(folder / name) for name in files}}
        meta["params"]["scheme"] = get_scheme(self.scheme).to_dict()
        (folder / ENCODER_META).write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return folder

    @classmethod
    def load(cls, folder) -> "EncoderClassifier":
        """A fitted classifier from a folder `save` wrote; every file is checked against its SHA-256 first."""
        folder = Path(folder)
        try:
            meta = json.loads((folder / ENCODER_META).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ModelFileError(f"{folder}: {ENCODER_META} is missing; not a saved encoder") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise ModelFileError(f"{folder / ENCODER_META}: not valid JSON ({e})") from None
        if not isinstance(meta.get("sha256"), dict) or _WEIGHTS not in meta["sha256"]:
            raise ModelFileError(f"{folder}: no {_WEIGHTS}; only safetensors weights are loaded")
        check_files(folder, meta["sha256"])
        _, transformers = require_encoder_extra()
        est = cls(**meta["params"])
        est.classes_ = np.array(meta["classes"], dtype=object)
        est.loss_curve_ = meta["loss_curve"]
        est.encoder_sha256_ = meta["pretrained_sha256"]
        est.tokenizer_ = transformers.AutoTokenizer.from_pretrained(folder)
        est.model_ = transformers.AutoModelForSequenceClassification.from_pretrained(folder, use_safetensors=True)
        est.model_.eval()
        return est


def _weights_fingerprint(source: str) -> str | None:
    """SHA-256 of the pretrained weights, when they are a local file (what the fine-tuning started from)."""
    path = Path(source) / _WEIGHTS
    return file_fingerprint(path) if path.is_file() else None
