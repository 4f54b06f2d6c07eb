"""Classify stage: label schemes, features, scikit-learn estimators, weak labels and model files."""

from .features import cue_label, lexicon_signals, statement_fields
from .lexicon_model import CueLexiconClassifier
from .linear import (CalibratedLinearClassifier, document_groups, make_features, make_linear_model, sentence_views,
                     statement_table)
from .persistence import TRUSTED_TYPES, default_model_path, load_model, read_meta, save_model
from .schemes import DEFAULT_SCHEME, LabelScheme, cameo_to_label, get_scheme, plover_to_label, register_scheme

__all__ = ["LabelScheme", "DEFAULT_SCHEME", "get_scheme", "register_scheme", "cameo_to_label", "plover_to_label",
           "CueLexiconClassifier", "CalibratedLinearClassifier", "make_linear_model", "make_features",
           "statement_table", "document_groups", "sentence_views", "statement_fields", "lexicon_signals",
           "cue_label", "save_model", "load_model", "read_meta", "default_model_path", "TRUSTED_TYPES"]
