"""Choose the White House documents the team annotates in full (data/wh_gold).

Why a script: the data card must say how documents were chosen, and the choice
must be reproducible.  Rejections and demands are rare in running text, so
documents are ranked by how many sentences carry a demand, concern or
rejection *cue word* (a cheap proposal, never a label), within a length band
that a reader can annotate in full.  Ties and order are broken by a seeded
shuffle.  The script prints a JSON selection; it copies no text.

Usage: python data/scripts/select_wh_documents.py [CORPUS_DIR] > data/wh_gold/selection.json
"""
import gzip
import json
import random
import re
import sys
from pathlib import Path

SEED = 20261128
CUES = {
    "demand": r"\b(urg|call(ed|s)? (on|for)|demand|insist|press(ed)? |appeal|request|must|should)",
    "concern": r"\b(concern|condemn|deplor|alarm|criticiz|regret|accus|denounc|troubl)",
    "rejection": r"\b(reject|refus|den(y|ied|ies)|dismiss|declin|cannot accept|will not|won't|oppos)",
}
# genre -> (file, title test, min words, max words, how many)
GENRES = {
    "readout": ("statements-releases.jsonl.gz", lambda t: t.startswith("readout"), 90, 450, 50),
    "joint_statement": ("statements-releases.jsonl.gz", lambda t: "joint statement" in t, 150, 900, 25),
    "statement": ("statements-releases.jsonl.gz",
                  lambda t: t.startswith("statement") and "joint" not in t, 90, 450, 35),
    "transcript": ("press-briefings.jsonl.gz", lambda t: True, 0, 1400, 10),
}


def score(text):
    return sum(len(re.findall(p, text, flags=re.I)) > 0 for p in CUES.values()) * 100 + sum(
        len(re.findall(p, text, flags=re.I)) for p in CUES.values()
    )


def main(corpus_dir):
    rng = random.Random(SEED)
    selection = {}
    for genre, (fname, is_genre, lo, hi, n) in GENRES.items():
        with gzip.open(Path(corpus_dir) / fname, "rt", encoding="utf-8") as f:
            records = [json.loads(line) for line in f]
        pool = [r for r in records if is_genre(r["title"].lower()) and lo <= len(r["text"].split()) <= hi]
        rng.shuffle(pool)
        pool.sort(key=lambda r: -score(r["text"]) / max(1, len(r["text"].split())) ** 0.5)
        selection[genre] = [{"id": r["id"], "file": fname} for r in pool[:n]]
    json.dump(selection, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpora/wh_briefings")
