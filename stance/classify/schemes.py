"""Label schemes as objects: the ordered label names, their definitions and the tie-break order.

One `LabelScheme` gives the estimators their ``classes_`` order and the
`datasets.ClassLabel` of the corpora, so integer ids agree everywhere.  A user
defines another scheme (e.g. ``accusation`` split out of ``concern``) by
constructing one; nothing in the library has to change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["LabelScheme", "DEFAULT_SCHEME", "get_scheme"]


@dataclass(frozen=True)
class LabelScheme:
    """An ordered set of labels.

    Parameters
    ----------
    name : str
        Identifier stored in model files and results.
    labels : tuple of str
        Label names in id order.
    definitions : dict
        One sentence per label: what the speaker does.
    priority : tuple of str
        Which label wins when a statement mixes acts (first wins).
    fallback : str
        The label of a statement that carries none of the others.
    version : str
        Bumped whenever the definitions change meaning.
    """

    name: str
    labels: tuple
    definitions: dict = field(default_factory=dict)
    priority: tuple = ()
    fallback: str = ""
    version: str = "1"

    def __post_init__(self):
        labels = tuple(self.labels)
        if len(labels) < 2 or len(set(labels)) != len(labels):
            raise ValueError(f"a label scheme needs two or more distinct labels, got {labels!r}")
        object.__setattr__(self, "labels", labels)
        object.__setattr__(self, "priority", tuple(self.priority) or labels)
        object.__setattr__(self, "fallback", self.fallback or labels[-1])
        unknown = (set(self.priority) | {self.fallback} | set(self.definitions)) - set(labels)
        if unknown:
            raise ValueError(f"scheme {self.name!r}: {sorted(unknown)} are not among its labels {labels}")

    def index(self, label: str) -> int:
        try:
            return self.labels.index(label)
        except ValueError:
            raise ValueError(f"label {label!r} is not in scheme {self.name!r} {self.labels}") from None

    def class_label(self):
        """The `datasets.ClassLabel` feature of this scheme."""
        from datasets import ClassLabel

        return ClassLabel(names=list(self.labels))

    def to_dict(self) -> dict:
        return {"name": self.name, "labels": list(self.labels), "definitions": dict(self.definitions),
                "priority": list(self.priority), "fallback": self.fallback, "version": self.version}

    @classmethod
    def from_dict(cls, d: dict) -> "LabelScheme":
        return cls(name=d["name"], labels=tuple(d["labels"]), definitions=dict(d.get("definitions", {})),
                   priority=tuple(d.get("priority", ())), fallback=d.get("fallback", ""),
                   version=str(d.get("version", "1")))


DEFAULT_SCHEME = LabelScheme(
    name="stance4",
    labels=("demand", "concern", "rejection", "other"),
    definitions={
        "demand": "asks, urges, calls on or demands that some party act or stop acting (CAMEO 02 APPEAL, 10 DEMAND)",
        "concern": "voices worry, alarm, regret, criticism, condemnation or accusation (CAMEO 11 DISAPPROVE)",
        "rejection": "refuses, rejects, dismisses or denies a demand, proposal, claim or decision (CAMEO 12 REJECT)",
        "other": "anything else: announcements, reports, agreements, praise, intentions, threats",
    },
    priority=("demand", "rejection", "concern", "other"),
    fallback="other",
)

_SCHEMES = {DEFAULT_SCHEME.name: DEFAULT_SCHEME, "default": DEFAULT_SCHEME}


def get_scheme(scheme) -> LabelScheme:
    """A scheme from a `LabelScheme`, a registered name or a dict."""
    if isinstance(scheme, LabelScheme):
        return scheme
    if isinstance(scheme, dict):
        return LabelScheme.from_dict(scheme)
    try:
        return _SCHEMES[scheme]
    except KeyError:
        raise ValueError(f"unknown label scheme {scheme!r}; known: {sorted(_SCHEMES)}") from None
