"""Errors and warnings of `stance`, in one place.

Every message says what was given, what is allowed and how to fix it, so that
the command line can print it as one line and a notebook user can act on it.
"""

__all__ = [
    "StanceError",
    "OffsetError",
    "SchemaError",
    "InputError",
    "CorpusNotFoundError",
    "ChecksumError",
    "ModelFileError",
    "PlainExportError",
    "MissingOptionalDependencyError",
    "StanceWarning",
]


class StanceError(Exception):
    """Base class of every error the library raises on purpose."""


class OffsetError(StanceError, ValueError):
    """A span does not fit the text it claims to index."""


class SchemaError(StanceError, ValueError):
    """A record does not follow the exchange format; the message names the field."""

    def __init__(self, field, message):
        self.field = field
        super().__init__(f"{field}: {message}")


class InputError(StanceError, ValueError):
    """Input that cannot be read: a missing file, bad bytes, malformed JSON lines."""


class CorpusNotFoundError(StanceError, FileNotFoundError):
    """A corpus folder or file is not where the loader was told to look."""


class ChecksumError(StanceError, ValueError):
    """A source text differs from the one the annotations were made on."""


class ModelFileError(StanceError, ValueError):
    """A model folder is missing, tampered with, truncated or incompatible."""


class PlainExportError(StanceError, ValueError):
    """A fitted model holds a component (or setting) that its plain-data form cannot reproduce exactly."""


class MissingOptionalDependencyError(StanceError, ImportError):
    """A feature needs an optional extra that is not installed."""

    def __init__(self, package, extra):
        super().__init__(
            f"this feature needs the optional package {package!r}; "
            f"install it with: pip install 'stance[{extra}]'"
        )


class StanceWarning(UserWarning):
    """Something was recovered from rather than refused (e.g. an unclosed quotation mark)."""
