"""Label schemes as objects: the ordered label names, their definitions, the tie-break order and the
mappings from CAMEO event codes and PLOVER event types.

One `LabelScheme` gives the estimators their ``classes_`` order and the
`datasets.ClassLabel` of the corpora, so integer ids agree everywhere.  The
default scheme, ``stance4``, is data: ``stance/resources/schemes/stance4.json``
(labels, definitions, priority, fallback, and the CAMEO and PLOVER mappings of
ANNOTATION.md section 3).  A user defines another scheme (e.g. ``accusation``
split out of ``concern``) by constructing one, or by writing such a JSON file;
nothing in the library has to change.

Examples
--------
>>> from stance.classify import DEFAULT_SCHEME, LabelScheme, cameo_to_label
>>> cameo_to_label("1056"), cameo_to_label("012"), cameo_to_label("139"), cameo_to_label("190")
('demand', 'concern', 'demand', 'other')
>>> DEFAULT_SCHEME.plover_to_label("REJECT"), DEFAULT_SCHEME.plover_to_label("ACCUSE", mode="investigate")
('rejection', 'other')
>>> five = LabelScheme.from_cameo("stance5", {**DEFAULT_SCHEME.cameo, "112": "accusation"},
...                               labels=("demand", "concern", "accusation", "rejection", "other"))
>>> five.cameo_to_label("1123"), five.cameo_to_label("111")
('accusation', 'concern')
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

__all__ = ["LabelScheme", "DEFAULT_SCHEME", "get_scheme", "register_scheme", "cameo_to_label", "plover_to_label"]

_CAMEO_CODE = re.compile(r"^\d{2,4}$")


@dataclass(frozen=True)
class LabelScheme:
    """An ordered set of labels, with the CAMEO and PLOVER mappings that ground them.

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
    cameo : dict
        CAMEO event-code prefix -> label ("10" -> demand, "139" -> demand); the
        longest matching prefix wins, codes matching none get ``fallback``.
    plover : dict
        PLOVER event type (``"REJECT"``) or ``"EVENT:mode"`` -> label; others
        get ``fallback``.
    """

    name: str
    labels: tuple
    definitions: dict = field(default_factory=dict)
    priority: tuple = ()
    fallback: str = ""
    version: str = "1"
    cameo: dict = field(default_factory=dict)
    plover: dict = field(default_factory=dict)

    def __post_init__(self):
        labels = tuple(self.labels)
        if len(labels) < 2 or len(set(labels)) != len(labels):
            raise ValueError(f"a label scheme needs two or more distinct labels, got {labels!r}")
        object.__setattr__(self, "labels", labels)
        object.__setattr__(self, "priority", tuple(self.priority) or labels)
        object.__setattr__(self, "fallback", self.fallback or labels[-1])
        object.__setattr__(self, "cameo", dict(self.cameo))
        object.__setattr__(self, "plover", {k.upper(): v for k, v in self.plover.items()})
        unknown = (set(self.priority) | {self.fallback} | set(self.definitions) | set(self.cameo.values())
                   | set(self.plover.values())) - set(labels)
        if unknown:
            raise ValueError(f"scheme {self.name!r}: {sorted(unknown)} are not among its labels {labels}")
        bad = [c for c in self.cameo if not _CAMEO_CODE.match(str(c))]
        if bad:
            raise ValueError(f"scheme {self.name!r}: CAMEO keys must be 2-4 digit code prefixes, got {bad}")

    def index(self, label: str) -> int:
        try:
            return self.labels.index(label)
        except ValueError:
            raise ValueError(f"label {label!r} is not in scheme {self.name!r} {self.labels}") from None

    def class_label(self):
        """The `datasets.ClassLabel` feature of this scheme."""
        from datasets import ClassLabel

        return ClassLabel(names=list(self.labels))

    def cameo_to_label(self, code) -> str:
        """The label of a CAMEO event code ("0234", "112", "13"), by the longest matching prefix."""
        code = str(code).strip()
        if not _CAMEO_CODE.match(code):
            raise ValueError(f"{code!r} is not a CAMEO event code (two to four digits, e.g. '112' or '0234')")
        for n in range(len(code), 1, -1):
            label = self.cameo.get(code[:n])
            if label is not None:
                return label
        return self.fallback

    def plover_to_label(self, event: str, mode: str | None = None) -> str:
        """The label of a PLOVER event type (``"REJECT"``), optionally with its mode (``"investigate"``)."""
        event = str(event).strip().upper()
        if mode and mode.strip():
            label = self.plover.get(f"{event}:{mode.strip().lower()}".upper())
            if label is not None:
                return label
        return self.plover.get(event, self.fallback)

    def to_dict(self) -> dict:
        return {"name": self.name, "labels": list(self.labels), "definitions": dict(self.definitions),
                "priority": list(self.priority), "fallback": self.fallback, "version": self.version,
                "cameo": dict(self.cameo), "plover": dict(self.plover)}

    @classmethod
    def from_dict(cls, d: dict) -> "LabelScheme":
        return cls(name=d["name"], labels=tuple(d["labels"]), definitions=dict(d.get("definitions", {})),
                   priority=tuple(d.get("priority", ())), fallback=d.get("fallback", ""),
                   version=str(d.get("version", "1")), cameo=dict(d.get("cameo", {})),
                   plover=dict(d.get("plover", {})))

    @classmethod
    def from_file(cls, path) -> "LabelScheme":
        """A scheme from a JSON file shaped like ``stance/resources/schemes/stance4.json``."""
        path = Path(path)
        try:
            return cls.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, json.JSONDecodeError, KeyError) as e:
            raise ValueError(f"{path}: not a label scheme file ({type(e).__name__}: {e})") from None

    @classmethod
    def from_cameo(cls, name: str, mapping: dict, *, labels=None, fallback: str = "other", plover=None,
                   priority=(), definitions=None, version: str = "1") -> "LabelScheme":
        """A scheme defined by its CAMEO mapping (code prefix -> label).

        ``labels`` gives the order (default: the mapping's labels in first-seen
        order, then ``fallback``).
        """
        if labels is None:
            labels = tuple(dict.fromkeys([*mapping.values(), fallback]))
        return cls(name=name, labels=tuple(labels), definitions=dict(definitions or {}), priority=tuple(priority),
                   fallback=fallback, version=version, cameo=dict(mapping), plover=dict(plover or {}))


def _bundled(name: str) -> LabelScheme:
    return LabelScheme.from_file(Path(str(resources.files("stance") / "resources" / "schemes" / f"{name}.json")))


DEFAULT_SCHEME = _bundled("stance4")

_SCHEMES = {DEFAULT_SCHEME.name: DEFAULT_SCHEME, "default": DEFAULT_SCHEME}


def register_scheme(scheme: LabelScheme) -> LabelScheme:
    """Make ``scheme`` known by its name to `get_scheme` (and so to estimators given the name)."""
    _SCHEMES[scheme.name] = scheme
    return scheme


def get_scheme(scheme) -> LabelScheme:
    """A scheme from a `LabelScheme`, a registered name, a dict, or a path to a JSON scheme file."""
    if isinstance(scheme, LabelScheme):
        return scheme
    if isinstance(scheme, dict):
        return LabelScheme.from_dict(scheme)
    if isinstance(scheme, str) and scheme in _SCHEMES:
        return _SCHEMES[scheme]
    if isinstance(scheme, (str, Path)) and str(scheme).endswith(".json") and Path(scheme).is_file():
        return LabelScheme.from_file(scheme)
    raise ValueError(f"unknown label scheme {scheme!r}; known: {sorted(_SCHEMES)} (or pass a LabelScheme, "
                     "a dict or a .json file)")


def cameo_to_label(code, scheme=None) -> str:
    """The label of a CAMEO event code under ``scheme`` (default: ``stance4``)."""
    return get_scheme(scheme or DEFAULT_SCHEME).cameo_to_label(code)


def plover_to_label(event: str, mode: str | None = None, scheme=None) -> str:
    """The label of a PLOVER event type under ``scheme`` (default: ``stance4``)."""
    return get_scheme(scheme or DEFAULT_SCHEME).plover_to_label(event, mode)
