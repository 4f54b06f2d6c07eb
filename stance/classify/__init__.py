"""Classify stage: label schemes, features, scikit-learn estimators and model files."""

from .features import cue_label, lexicon_signals, statement_fields
from .lexicon_model import CueLexiconClassifier
from .persistence import default_model_path, load_model, read_meta, save_model
from .schemes import DEFAULT_SCHEME, LabelScheme, get_scheme

__all__ = ["LabelScheme", "DEFAULT_SCHEME", "get_scheme", "CueLexiconClassifier", "statement_fields",
           "lexicon_signals", "cue_label", "save_model", "load_model", "read_meta", "default_model_path"]
