"""The data model every stage reads and writes: spans, documents, entities, statements.

Plain frozen dataclasses, no framework.  A `Span` is a half-open character
range over the *original* text of its document; its text is computed, never
stored, so that the offsets invariant (``text[start:end]`` is the span's text)
cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

from .errors import OffsetError

__all__ = ["Span", "Document", "Entity", "Statement", "ENTITY_TYPES", "QUOTE_TYPES"]

ENTITY_TYPES = ("person", "organization", "government", "group", "unknown")
QUOTE_TYPES = ("direct", "indirect", "mixed")


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open character range ``[start, end)`` into a document's original text."""

    start: int
    end: int

    def __post_init__(self):
        if not (isinstance(self.start, int) and isinstance(self.end, int)):
            raise OffsetError(f"span offsets must be integers, got ({self.start!r}, {self.end!r})")
        if not 0 <= self.start <= self.end:
            raise OffsetError(f"span ({self.start}, {self.end}) is not 0 <= start <= end")

    def text(self, doc: "Document | str") -> str:
        """The span's text in ``doc`` (a `Document` or the string itself)."""
        text = doc.text if isinstance(doc, Document) else doc
        if self.end > len(text):
            raise OffsetError(f"span ({self.start}, {self.end}) runs past the text's end ({len(text)})")
        return text[self.start:self.end]

    def __len__(self) -> int:
        return self.end - self.start

    def overlap(self, other: "Span") -> int:
        """Number of characters shared with ``other``."""
        return max(0, min(self.end, other.end) - max(self.start, other.start))

    def to_list(self) -> list[int]:
        return [self.start, self.end]

    @classmethod
    def from_list(cls, pair) -> "Span | None":
        """``[start, end]`` (the JSON form) to a span; ``None`` stays ``None``."""
        return None if pair is None else cls(int(pair[0]), int(pair[1]))


@dataclass(frozen=True, slots=True)
class Document:
    """A text to analyse, with its id and free metadata (genre, date, source…)."""

    id: str
    text: str
    metadata: Mapping = field(default_factory=dict)

    def __post_init__(self):
        if not isinstance(self.text, str):
            raise TypeError(f"Document.text must be a str, got {type(self.text).__name__}")
        object.__setattr__(self, "metadata", MappingProxyType(dict(self.metadata)))

    def span(self, start: int, end: int) -> Span:
        """A span checked against this document's text."""
        s = Span(start, end)
        s.text(self)
        return s


@dataclass(frozen=True, slots=True)
class Entity:
    """A speaker: a person, an organisation, a government or a group.

    ``name`` is the canonical name (the fullest form the document gives);
    ``aliases`` are other names and descriptions that denote only this entity
    in the document (never pronouns); ``members`` are a group's members by
    their canonical names (data/ANNOTATION.md, section 4.1), empty otherwise.
    """

    name: str
    type: str = "unknown"
    aliases: tuple[str, ...] = ()
    affiliation: str | None = None
    country: str | None = None
    members: tuple[str, ...] = ()

    def __post_init__(self):
        if self.type not in ENTITY_TYPES:
            raise ValueError(f"Entity.type {self.type!r} is not one of {ENTITY_TYPES}")
        if isinstance(self.aliases, str) or isinstance(self.members, str):
            raise TypeError(f"Entity {self.name!r}: aliases and members are lists of names, not one string")
        object.__setattr__(self, "aliases", tuple(self.aliases))
        object.__setattr__(self, "members", tuple(self.members))

    def to_dict(self) -> dict:
        d = {"type": self.type}
        if self.aliases:
            d["aliases"] = list(self.aliases)
        if self.affiliation:
            d["affiliation"] = self.affiliation
        if self.country:
            d["country"] = self.country
        if self.members:
            d["members"] = list(self.members)
        return d

    @classmethod
    def from_dict(cls, name: str, d: Mapping) -> "Entity":
        return cls(name=name, type=d.get("type") or "unknown", aliases=tuple(d.get("aliases") or ()),
                   affiliation=d.get("affiliation"), country=d.get("country"),
                   members=tuple(d.get("members") or ()))


@dataclass(frozen=True, slots=True)
class Statement:
    """One attributed speech act (see data/ANNOTATION.md, section 1).

    ``speaker`` is the canonical name of the speaking entity (``None`` when the
    text names none); ``label`` and ``score`` are ``None`` until a classifier
    has run.
    """

    doc_id: str
    content_span: Span
    speaker: str | None = None
    speaker_span: Span | None = None
    cue_span: Span | None = None
    quote_type: str = "indirect"
    label: str | None = None
    score: float | None = None

    def __post_init__(self):
        if self.quote_type not in QUOTE_TYPES:
            raise ValueError(f"Statement.quote_type {self.quote_type!r} is not one of {QUOTE_TYPES}")
