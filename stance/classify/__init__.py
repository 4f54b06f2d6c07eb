"""Classify stage: label schemes, features, scikit-learn estimators, weak labels and model files.

The names are imported from their modules on first use, so that importing a
light part (``stance.classify.features``, ``stance.classify.plain``, the model
loader) does not import scikit-learn.
"""

import importlib

__all__ = ["LabelScheme", "DEFAULT_SCHEME", "get_scheme", "register_scheme", "cameo_to_label", "plover_to_label",
           "CueLexiconClassifier", "CalibratedLinearClassifier", "make_linear_model", "make_features",
           "statement_table", "document_groups", "sentence_views", "statement_fields", "lexicon_signals",
           "cue_label", "save_model", "load_model", "read_meta", "default_model_path", "TRUSTED_TYPES",
           "PlainModel", "EncoderClassifier", "SoftVote"]

_MODULES = {
    "encoder": ("EncoderClassifier",),
    "vote": ("SoftVote",),
    "features": ("cue_label", "lexicon_signals", "statement_fields", "statement_table"),
    "lexicon_model": ("CueLexiconClassifier",),
    "linear": ("CalibratedLinearClassifier", "document_groups", "make_features", "make_linear_model",
               "sentence_views"),
    "persistence": ("TRUSTED_TYPES", "default_model_path", "load_model", "read_meta", "save_model"),
    "plain": ("PlainModel",),
    "schemes": ("DEFAULT_SCHEME", "LabelScheme", "cameo_to_label", "get_scheme", "plover_to_label",
                "register_scheme"),
}
_HOME = {name: module for module, names in _MODULES.items() for name in names}


def __getattr__(name):
    if name in _HOME:
        value = getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
