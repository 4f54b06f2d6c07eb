#!/usr/bin/env python3
"""Validate the English reporting-cue lexicon and measure its coverage of PolNeAR train cues.

Checks the five files in ``stance/resources/lexicons/en/`` (verbs, nouns,
light verbs, phrases, titles): the exact columns, labels in the allowed set,
non-empty forms, no duplicate rows or forms, no "that" particle, and that no
verb row is made unreachable by an earlier row (the segmenter tries a form's
rows top-down and a row without ``requires_particle`` always fits).

Then, on PolNeAR train, it counts the attributions whose ``cue_text``
contains, as a token sequence compared case-insensitively, a form of some
verb (with one of its particles directly after it when the row requires one),
a form of some noun, or a phrase of the lexicon. Cues with no word in them
(":", "-", an empty cue) are counted apart. It reports coverage overall and
for the most frequent cue texts, and lists the most frequent uncovered ones.

Standard library only. Usage (from the repository root):

    python3 data/scripts/check_lexicon.py
    python3 data/scripts/check_lexicon.py --min-coverage 0.95   # exit 1 if below

Exit status: 0 when the files are valid (and coverage reaches --min-coverage
when given), 1 otherwise.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_LEXICON = REPO / "stance" / "resources" / "lexicons" / "en"
DEFAULT_POLNEAR = Path("/work/shared/corpora/polnear/jsonl/polnear_train.jsonl.gz")

LABELS = ("demand", "concern", "rejection", "other", "neutral")
SPEAKERS = ("after", "subject")
YES_NO = ("yes", "no")
COLUMNS = {
    "verbs.tsv": ["lemma", "forms", "label", "particles", "requires_particle", "speech"],
    "nouns.tsv": ["lemma", "forms", "label", "particles"],
    "light_verbs.tsv": ["lemma", "forms"],
    "phrases.tsv": ["phrase", "label", "speaker", "note"],
    "titles.tsv": ["title"],
}

# the same token shapes as stance.text.tokens: "U.S." is one token, words keep
# inner apostrophes and hyphens ("can't", "op-ed"), any other symbol stands alone
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:[\u2019'\-]\w+)*|[^\w\s]")


def tokens(text: str) -> tuple[str, ...]:
    return tuple(m.group().lower() for m in _TOKEN.finditer(text))


def is_word(tok: str) -> bool:
    return any(ch.isalnum() for ch in tok)


class Problems:
    def __init__(self):
        self.items = []

    def add(self, where: str, message: str):
        self.items.append(f"{where}: {message}")


def read_table(path: Path, problems: Problems) -> list[tuple[int, dict]]:
    """Rows of a lexicon file as (line number, {column: value}); comments only at the top."""
    name = path.name
    if not path.exists():
        problems.add(name, "file is missing")
        return []
    rows, header, seen_data = [], None, False
    with open(path, encoding="utf-8", newline="") as f:
        for number, raw in enumerate(f, 1):
            line = raw.rstrip("\r\n")
            if line.startswith("#"):
                if seen_data:
                    problems.add(f"{name}:{number}", "comment line below the header (comments belong at the top)")
                continue
            if not line.strip():
                problems.add(f"{name}:{number}", "empty line")
                continue
            cells = line.split("\t")
            if header is None:
                header, seen_data = cells, True
                if header != COLUMNS[name]:
                    problems.add(f"{name}:{number}", f"header {header} is not {COLUMNS[name]}")
                continue
            if len(cells) != len(COLUMNS[name]):
                problems.add(f"{name}:{number}", f"{len(cells)} columns, expected {len(COLUMNS[name])}")
                continue
            for col, cell in zip(COLUMNS[name], cells):
                if cell != cell.strip() or "  " in cell:
                    problems.add(f"{name}:{number}", f"stray white space in column {col}: {cell!r}")
            rows.append((number, dict(zip(COLUMNS[name], cells))))
    if header is None:
        problems.add(name, "no header line")
    return rows


def check_label(where, value, allowed, column, problems):
    if value not in allowed:
        problems.add(where, f"{column} {value!r} is not one of {'|'.join(allowed)}")


def check_particles(where, value, problems) -> tuple[str, ...]:
    if not value:
        return ()
    parts = value.split("|")
    for p in parts:
        if not p or p != p.strip() or " " in p:
            problems.add(where, f"bad particle {p!r} (one word each, |-separated)")
        if p.lower() == "that":
            problems.add(where, 'particle "that" (the content starts at "that")')
        if p != p.lower():
            problems.add(where, f"particle {p!r} is not lower-case")
    if len(set(parts)) != len(parts):
        problems.add(where, f"repeated particle in {value!r}")
    return tuple(parts)


def check_forms(where, row, problems) -> list[str]:
    forms = row["forms"].split(" ") if row["forms"] else []
    if not forms:
        problems.add(where, "forms is empty")
        return []
    # The base form may be left out on purpose (a form that is mostly a noun, e.g. 'state'), but where it is
    # listed it comes first.
    if row["lemma"] in forms and forms[0] != row["lemma"]:
        problems.add(where, f"first form {forms[0]!r} is not the lemma {row['lemma']!r}")
    if len(set(forms)) != len(forms):
        problems.add(where, f"a form is repeated in {row['forms']!r}")
    for form in forms:
        if len(tokens(form)) != 1:
            problems.add(where, f"form {form!r} is not one token")
    return forms


def validate(folder: Path):
    """Check the five files; return (problems, lexicon patterns, row counts)."""
    problems = Problems()
    tables = {name: read_table(folder / name, problems) for name in COLUMNS}
    patterns = {}  # token tuple -> description of the entry
    counts = {name: len(rows) for name, rows in tables.items()}

    # verbs
    seen_senses, by_form = set(), collections.defaultdict(list)
    for number, row in tables["verbs.tsv"]:
        where = f"verbs.tsv:{number}"
        if not row["lemma"]:
            problems.add(where, "lemma is empty")
        forms = check_forms(where, row, problems)
        check_label(where, row["label"], LABELS, "label", problems)
        check_label(where, row["requires_particle"], YES_NO, "requires_particle", problems)
        check_label(where, row["speech"], YES_NO, "speech", problems)
        particles = check_particles(where, row["particles"], problems)
        needs = row["requires_particle"] == "yes"
        if needs and not particles:
            problems.add(where, "requires_particle is yes but no particle is given")
        sense = (row["lemma"], particles)
        if sense in seen_senses:
            problems.add(where, f"duplicate row for {row['lemma']} {'|'.join(particles)}")
        seen_senses.add(sense)
        for form in forms:
            # the segmenter's order: a row is reachable for a form only if no earlier row
            # for that form fits without a particle, and its particles are not taken earlier
            for other_number, other_needs, other_particles in by_form[form]:
                if not other_needs:
                    problems.add(where, f"form {form!r} is shadowed by verbs.tsv:{other_number}, "
                                        "which needs no particle (put the particle sense first)")
                    break
                overlap = set(particles) & set(other_particles)
                if needs and overlap == set(particles):
                    problems.add(where, f"form {form!r} with {'|'.join(particles)} is taken by "
                                        f"verbs.tsv:{other_number}")
                    break
            by_form[form].append((number, needs, particles))
            desc = f"verb {row['lemma']} ({row['label']})"
            if needs:
                for p in particles:
                    patterns.setdefault((form, p), desc)
            else:
                patterns.setdefault((form,), desc)

    # nouns
    seen_nouns, noun_forms = set(), {}
    for number, row in tables["nouns.tsv"]:
        where = f"nouns.tsv:{number}"
        if not row["lemma"]:
            problems.add(where, "lemma is empty")
        forms = check_forms(where, row, problems)
        check_label(where, row["label"], LABELS, "label", problems)
        check_particles(where, row["particles"], problems)
        if row["lemma"] in seen_nouns:
            problems.add(where, f"duplicate noun {row['lemma']!r}")
        seen_nouns.add(row["lemma"])
        for form in forms:
            if form in noun_forms:
                problems.add(where, f"noun form {form!r} is already in nouns.tsv:{noun_forms[form]}")
            noun_forms.setdefault(form, number)
            patterns.setdefault((form,), f"noun {row['lemma']} ({row['label']})")

    # light verbs
    seen_light = set()
    for number, row in tables["light_verbs.tsv"]:
        where = f"light_verbs.tsv:{number}"
        if not row["lemma"]:
            problems.add(where, "lemma is empty")
        check_forms(where, row, problems)
        if row["lemma"] in seen_light:
            problems.add(where, f"duplicate light verb {row['lemma']!r}")
        seen_light.add(row["lemma"])

    # phrases
    seen_phrases = set()
    for number, row in tables["phrases.tsv"]:
        where = f"phrases.tsv:{number}"
        toks = tokens(row["phrase"])
        if not toks:
            problems.add(where, "phrase is empty")
            continue
        check_label(where, row["label"], LABELS, "label", problems)
        check_label(where, row["speaker"], SPEAKERS, "speaker", problems)
        if toks in seen_phrases:
            problems.add(where, f"duplicate phrase {row['phrase']!r}")
        seen_phrases.add(toks)
        if toks[-1] == "that":
            problems.add(where, 'phrase ends in "that" (the content starts at "that")')
        patterns[toks] = f"phrase {row['phrase']!r} ({row['label']})"

    # titles
    seen_titles = {}
    for number, row in tables["titles.tsv"]:
        where = f"titles.tsv:{number}"
        title = row["title"]
        if not title:
            problems.add(where, "title is empty")
            continue
        key = title.lower().rstrip(".")  # how the segmenter compares them
        if key in seen_titles:
            problems.add(where,
                         f"title {title!r} repeats titles.tsv:{seen_titles[key]} (case and final period ignored)")
        seen_titles.setdefault(key, number)

    return problems, patterns, counts


def library_check(folder: Path, problems: Problems):
    """Load the files with the library's own loader too, when the package is importable."""
    sys.path.insert(0, str(REPO))
    try:
        from stance.segment.lexicon import load_lexicon
    except Exception as exc:  # the package may be absent or broken; the check above still stands
        return f"library loader not run ({type(exc).__name__}: {exc})"
    try:
        lex = load_lexicon("en", str(folder))
    except Exception as exc:
        problems.add("library loader", f"{type(exc).__name__}: {exc}")
        return "library loader failed"
    return f"library loader: {lex!r}"


def covered_by(toks: tuple[str, ...], patterns: dict, by_first: dict):
    for i, tok in enumerate(toks):
        for pat in by_first.get(tok, ()):
            if toks[i:i + len(pat)] == pat:
                return patterns[pat]
    return None


def coverage(polnear: Path, patterns: dict, top: int, show: int):
    by_first = collections.defaultdict(list)
    for pat in patterns:
        by_first[pat[0]].append(pat)
    for lst in by_first.values():
        lst.sort(key=len, reverse=True)

    cue_counts = collections.Counter()
    with gzip.open(polnear, "rt", encoding="utf-8") as f:
        for line in f:
            doc = json.loads(line)
            for att in doc["attributions"]:
                cue_counts[" ".join(att.get("cue_text", "").lower().split())] += 1

    total = sum(cue_counts.values())
    punct = collections.Counter({c: n for c, n in cue_counts.items() if not any(map(is_word, tokens(c)))})
    words = collections.Counter({c: n for c, n in cue_counts.items() if c not in punct})
    hit = {c: covered_by(tokens(c), patterns, by_first) for c in words}
    n_words = sum(words.values())
    n_cov = sum(n for c, n in words.items() if hit[c])
    by_kind = collections.Counter(hit[c].split()[0] for c, n in words.items() if hit[c] for _ in range(n))

    print(f"\nPolNeAR train: {total} attributions, {len(cue_counts)} distinct cue texts ({polnear})")
    print(f"  cues with no word (punctuation or empty), counted apart: {sum(punct.values())} "
          f"({sum(punct.values()) / total:.1%})")
    for c, n in punct.most_common():
        print(f"      {n:5d}  {c!r}")
    print(f"  cues with words: {n_words}, covered {n_cov} = {n_cov / n_words:.2%}")
    print("      first matching entry by kind: " + ", ".join(f"{k} {v}" for k, v in by_kind.most_common()))
    print(f"  all attributions (punctuation-only cues counted as uncovered): {n_cov / total:.2%}")

    topc = words.most_common(top)
    t_types = sum(1 for c, _ in topc if hit[c])
    t_att = sum(n for c, n in topc if hit[c])
    t_all = sum(n for _, n in topc)
    print(f"  {top} most frequent cue texts (with words): {t_types}/{len(topc)} types covered "
          f"= {t_types / len(topc):.1%}; their attributions {t_att}/{t_all} = {t_att / t_all:.2%}")
    uncovered_top = [c for c, _ in topc if not hit[c]]
    if uncovered_top:
        print("      uncovered among them: " + ", ".join(repr(c) for c in uncovered_top))

    missing = collections.Counter({c: n for c, n in words.items() if not hit[c]})
    print(f"\n  {show} most frequent uncovered cue texts ({len(missing)} types, {sum(missing.values())} attributions):")
    for c, n in missing.most_common(show):
        print(f"      {n:5d}  {c!r}")
    return n_cov / n_words


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lexicon", type=Path, default=DEFAULT_LEXICON, help="folder with the five .tsv files")
    ap.add_argument("--polnear", type=Path, default=DEFAULT_POLNEAR, help="PolNeAR train JSONL (.gz)")
    ap.add_argument("--top", type=int, default=300, help="how many of the most frequent cue texts to report on")
    ap.add_argument("--show", type=int, default=40, help="how many uncovered cue texts to list")
    ap.add_argument("--min-coverage", type=float, default=None, help="fail below this share of word cues")
    args = ap.parse_args(argv)

    problems, patterns, counts = validate(args.lexicon)
    note = library_check(args.lexicon, problems)
    print(f"lexicon {args.lexicon}")
    for name, n in counts.items():
        print(f"  {name:16s} {n:4d} rows")
    print(f"  {len(patterns)} match patterns; {note}")
    if problems.items:
        print(f"\n{len(problems.items)} problem(s):")
        for p in problems.items:
            print("  " + p)
    else:
        print("  valid: columns, labels, forms, particles, duplicates, row order")

    ok = not problems.items
    if args.polnear.exists():
        share = coverage(args.polnear, patterns, args.top, args.show)
        if args.min_coverage is not None and share < args.min_coverage:
            print(f"\ncoverage {share:.2%} is below --min-coverage {args.min_coverage:.2%}")
            ok = False
    else:
        print(f"\n{args.polnear} not found: coverage not measured")
        if args.min_coverage is not None:
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
