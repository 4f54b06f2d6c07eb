"""stance: find the statements in news and diplomatic texts, attribute them, label them.

>>> import stance
>>> result = stance.analyze("The ministry urged Tokyo to withdraw the plan.")
>>> [(s.speaker, s.label) for s in result.statements]  # doctest: +SKIP
[('ministry', 'demand')]

The public names are few: `analyze`, `Pipeline`, `Analysis`, the data model
(`Document`, `Span`, `Entity`, `Statement`), the record conversion
(`to_record`, `from_record`, `validate_record`), `load_model` and
`LabelScheme`.  Stages live in subpackages: `stance.text`, `stance.segment`,
`stance.attribute`, `stance.classify`, `stance.evaluate`, `stance.corpora`.
"""

from ._version import __version__
from .document import Document, Entity, Span, Statement
from .records import from_record, to_record, validate_record

__all__ = [
    "__version__",
    "analyze",
    "Pipeline",
    "Analysis",
    "Document",
    "Span",
    "Entity",
    "Statement",
    "to_record",
    "from_record",
    "validate_record",
    "load_model",
    "LabelScheme",
]

_LAZY = {
    "analyze": ("pipeline", "analyze"),
    "Pipeline": ("pipeline", "Pipeline"),
    "Analysis": ("pipeline", "Analysis"),
    "load_model": ("classify.persistence", "load_model"),
    "LabelScheme": ("classify.schemes", "LabelScheme"),
}


def __getattr__(name):
    """Import the heavier parts (scikit-learn) only when they are first used."""
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(f"{__name__}.{module}"), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'stance' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
