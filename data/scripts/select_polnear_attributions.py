"""Choose the PolNeAR attributions the team labels (data/polnear_labels) and write reading batches.

Why: demands, concerns and above all rejections are rare in running news, so
a uniform sample would hold few of them.  Attributions are ranked by cheap
*hints* (a cue or content word typical of a rejection, a demand or a concern);
the hints only order the reading queue, a reader decides every label.  Only
train and dev are used (test stays unread).  Batches hold the attribution with
its sentence context for the reader and are written OUTSIDE the project
(they contain third-party text).

Round 2 (session 4) read the next attributions of the same queue that lie in documents of the team's
*train* split, so that the dev and test sets stay as they were:
``--exclude-labelled data/polnear_labels --team-split train --limit 995 --first-batch 11 --per-batch 500
--agreement-sample 100`` (the last writes the seeded random items of the independent second annotation).

Usage: python data/scripts/select_polnear_attributions.py OUT_DIR [--per-batch 250] [--limit 2600]
       [--exclude-labelled DIR] [--team-split SPLIT] [--first-batch N] [--agreement-sample N]
"""
import argparse
import gzip
import json
import random
import re
from pathlib import Path

from stance.corpora.splits import split_of

SEED = 20261128
REJECT = re.compile(r"\b(den(y|ie)|reject|refus|dismiss|declin|rebuff|rebut|no truth|not true|false|untrue|"
                    r"baseless|nonsense|ridiculous|absurd|lie\b|never|won't|will not|cannot|can't)", re.I)
DEMAND = re.compile(r"\b(urg|call(ed|s|ing)? (on|for)|demand|insist|press|appeal|ask|implor|plead|must|should|"
                    r"need to|warn)", re.I)
CONCERN = re.compile(r"\b(criticiz|condemn|accus|slam|blast|attack|complain|concern|worr|oppos|object|protest|"
                     r"decr|lament|fear|deplor|alarm|troubl|disgrace|outrage)", re.I)


def priority(a):
    cue, content = a["cue_text"] or "", a["content_text"] or ""
    if REJECT.search(cue) or REJECT.search(content[:200]):
        return 0
    if DEMAND.search(cue) or CONCERN.search(cue):
        return 1
    if DEMAND.search(content[:200]) or CONCERN.search(content[:200]):
        return 2
    return 3


def context(text, spans, width=350):
    lo = max(0, min(s for s, _ in spans) - width)
    hi = min(len(text), max(e for _, e in spans) + width)
    return lo, text[lo:hi]


def write_items(path, items):
    """One JSON line per item, without the sorting keys (``_p``, ``_r``)."""
    with open(path, "w", encoding="utf-8") as f:
        for it in items:
            f.write(json.dumps({k: v for k, v in it.items() if not k.startswith("_")}, ensure_ascii=False) + "\n")


def main(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("out_dir")
    p.add_argument("--corpus", default="../shared/corpora/polnear")
    p.add_argument("--per-batch", type=int, default=250)
    p.add_argument("--limit", type=int, default=2600)
    p.add_argument("--exclude-labelled", help="folder of label files whose attributions are skipped")
    p.add_argument("--team-split", choices=("train", "dev", "test"),
                   help="keep only documents of this split of the team corpus (stance.corpora.split_of)")
    p.add_argument("--first-batch", type=int, default=0, help="number of the first batch file written")
    p.add_argument("--agreement-sample", type=int, default=0,
                   help="also write this many seeded random items to agreement_items.jsonl")
    a = p.parse_args(argv)
    rng = random.Random(SEED)
    done = set()
    for path in sorted(Path(a.exclude_labelled).glob("*.jsonl")) if a.exclude_labelled else ():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                done.add((r["doc_id"], r["attribution_id"]))
    items = []
    for split in ("train", "dev"):
        with gzip.open(Path(a.corpus) / "jsonl" / f"polnear_{split}.jsonl.gz", "rt", encoding="utf-8") as f:
            for line in f:
                doc = json.loads(line)
                for att in doc["attributions"]:
                    if not att["cue"] or not att["content"] or not att["source"]:
                        continue
                    if (doc["doc_id"], att["id"]) in done:
                        continue
                    if a.team_split and split_of(doc["doc_id"]) != a.team_split:
                        continue
                    spans = att["source"] + att["cue"] + att["content"]
                    lo, ctx = context(doc["text"], spans)
                    items.append({"split": split, "doc_id": doc["doc_id"], "attribution_id": att["id"],
                                  "source_text": att["source_text"], "cue_text": att["cue_text"],
                                  "content_text": att["content_text"], "context": ctx,
                                  "_p": priority(att), "_r": rng.random()})
    items.sort(key=lambda x: (x["_p"], x["_r"]))
    items = items[: a.limit]
    items.sort(key=lambda x: (x["split"], x["doc_id"], x["attribution_id"]))
    out = Path(a.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for b in range(0, len(items), a.per_batch):
        write_items(out / f"batch_{a.first_batch + b // a.per_batch:02d}.jsonl", items[b:b + a.per_batch])
    print(f"{len(items)} attributions in {(len(items) - 1) // a.per_batch + 1} batches under {out}")
    if a.agreement_sample:
        chosen = sorted(random.Random(SEED).sample(range(len(items)), a.agreement_sample))
        write_items(out / "agreement_items.jsonl", [items[i] for i in chosen])
        print(f"{len(chosen)} of them for the second annotation in {out / 'agreement_items.jsonl'}")


if __name__ == "__main__":
    main()
