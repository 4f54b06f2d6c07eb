"""The reporting-cue lexicon: data files in ``stance/resources/lexicons/<lang>/``, loaded once.

Why files and not code: the lexicon is linguistic data that researchers read,
extend and cite; keeping it in tab-separated files (one per kind of cue) makes
it reviewable and lets a user point the library at their own.  See the
comment lines at the top of each file for its columns.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import InputError
from ..text.tokens import tokenize

__all__ = ["CueEntry", "Lexicon", "load_lexicon", "LANGUAGES", "CUE_LABELS"]

LANGUAGES = ("en",)
CUE_LABELS = ("demand", "concern", "rejection", "other", "neutral")


@dataclass(frozen=True, slots=True)
class CueEntry:
    """One cue of the lexicon.

    ``kind`` is ``verb``, ``noun`` or ``phrase``; ``label`` the act the cue
    carries by itself (``neutral``: label by content); ``speech`` is False for
    cognition and evidence cues (believe, a poll shows), which are not
    statements; ``speaker`` says where a phrase's speaker stands (``subject``
    or ``after``, as in "according to X").
    """

    lemma: str
    kind: str
    label: str
    particles: tuple[str, ...] = ()
    requires_particle: bool = False
    speech: bool = True
    speaker: str = "subject"


@dataclass(frozen=True)
class Lexicon:
    """Cue forms mapped to their entries, ready for token look-up."""

    verbs: dict  # form -> CueEntry
    nouns: dict  # form -> CueEntry
    light_verbs: frozenset  # forms
    phrases: dict  # first token -> list of (tokens, CueEntry), longest first
    titles: frozenset  # lower-cased titles, e.g. "foreign minister"
    source: str = ""

    @functools.cached_property
    def cue_words(self) -> frozenset:
        """Every word a cue can begin with: verb and noun forms, light verbs, first words of phrases.

        Matching skips the other words (most of a text) with one look-up each.
        """
        return frozenset(self.verbs) | frozenset(self.nouns) | self.light_verbs | frozenset(self.phrases)

    def __repr__(self):
        return (f"Lexicon({self.source!r}: {len(self.verbs)} verb forms, {len(self.nouns)} noun forms, "
                f"{sum(map(len, self.phrases.values()))} phrases, {len(self.titles)} titles)")


def _rows(path: Path):
    if not path.exists():
        raise InputError(f"lexicon file {path} is missing")
    with open(path, encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    for i, row in enumerate(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)):
        yield i + 2, {k.strip(): (v or "").strip() for k, v in row.items() if k}


def _check_label(path, line, label):
    if label not in CUE_LABELS:
        raise InputError(f"{path}:{line}: label {label!r} is not one of {CUE_LABELS}")
    return label


def _split(value: str, sep: str) -> tuple[str, ...]:
    return tuple(p.strip().lower() for p in value.split(sep) if p.strip())


def _tokens(phrase: str) -> tuple[str, ...]:
    return tuple(t.lower for t in tokenize(phrase))


@functools.lru_cache(maxsize=8)
def load_lexicon(lang: str = "en", path: str | None = None) -> Lexicon:
    """Load (once) the lexicon of ``lang``, or the one in folder ``path``."""
    if path is None:
        if lang not in LANGUAGES:
            raise ValueError(f"no cue lexicon for language {lang!r}; supported: {', '.join(LANGUAGES)}")
        folder = Path(str(resources.files("stance") / "resources" / "lexicons" / lang))
    else:
        folder = Path(path)
    verbs, nouns, phrases = {}, {}, {}
    for line, row in _rows(folder / "verbs.tsv"):
        entry = CueEntry(
            lemma=row["lemma"], kind="verb", label=_check_label(folder / "verbs.tsv", line, row["label"]),
            particles=_split(row.get("particles", ""), "|"),
            requires_particle=row.get("requires_particle", "no").lower() == "yes",
            speech=row.get("speech", "yes").lower() != "no",
        )
        for form in _split(row["forms"], " "):
            verbs.setdefault(form, []).append(entry)
    for line, row in _rows(folder / "nouns.tsv"):
        entry = CueEntry(lemma=row["lemma"], kind="noun", label=_check_label(folder / "nouns.tsv", line, row["label"]),
                         particles=_split(row.get("particles", ""), "|"))
        for form in _split(row["forms"], " "):
            nouns.setdefault(form, entry)
    light = frozenset(f for _, row in _rows(folder / "light_verbs.tsv") for f in _split(row["forms"], " "))
    for line, row in _rows(folder / "phrases.tsv"):
        toks = _tokens(row["phrase"])
        entry = CueEntry(lemma=row["phrase"], kind="phrase", label=_check_label(folder / "phrases.tsv", line, row["label"]),
                         speaker=row.get("speaker") or "subject")
        phrases.setdefault(toks[0], []).append((toks, entry))
    for lst in phrases.values():
        lst.sort(key=lambda p: -len(p[0]))
    titles = frozenset(row["title"].lower().rstrip(".") for _, row in _rows(folder / "titles.tsv"))
    return Lexicon(verbs=verbs, nouns=nouns, light_verbs=light, phrases=phrases, titles=titles, source=str(folder))
