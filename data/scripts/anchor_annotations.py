"""Turn an annotator's draft (spans written as text snippets) into a gold file (spans as offsets).

Why: annotators read and decide; typing character offsets by hand is where
errors creep in.  A draft names each span by its text; this script finds the
offsets, refuses anything ambiguous or absent, and writes the gold record of
data/ANNOTATION.md section 4.  For third-party texts (``--wh``) the gold keeps
no text at all: only offsets, labels and the SHA-256 of the source text.

Draft format (JSON)::

    {"doc_id": "...", "genre": "readout", "annotator": "A1",
     "entities": {"Joseph R. Biden": {"type": "person", "aliases": ["President Biden"], ...}},
     "statements": [
       {"content_text": "...", "content_occurrence": 1,        # 1-based, optional
        "speaker": "Joseph R. Biden", "speaker_text": "President Biden",  # or null
        "cue_text": "urged",                                  # or null
        "quote_type": "indirect", "label": "demand"}]}

``content_text`` must occur in the text (exactly; use ``content_occurrence``
when it occurs more than once).  ``speaker_text`` and ``cue_text`` are taken at
their occurrence nearest to the content (``speaker_start`` / ``cue_start``
give an offset instead when the nearest is wrong).

Usage::

    python data/scripts/anchor_annotations.py DRAFT.json --text FILE.txt -o OUT.gold.json
    python data/scripts/anchor_annotations.py DRAFT.json --wh [--corpus DIR] -o OUT.gold.json
"""
import argparse
import gzip
import hashlib
import json
import re
import sys
from pathlib import Path

LABELS = {"demand", "concern", "rejection", "other"}
QUOTE_TYPES = {"direct", "indirect", "mixed"}
WH_FILES = ("statements-releases.jsonl.gz", "press-briefings.jsonl.gz")


def wh_text(doc_id, corpus):
    for name in WH_FILES:
        with gzip.open(Path(corpus) / name, "rt", encoding="utf-8") as f:
            for line in f:
                if f'"{doc_id}"' in line[:400]:
                    rec = json.loads(line)
                    if rec["id"] == doc_id:
                        return rec["text"], name
    sys.exit(f"{doc_id}: not found in {corpus}")


def occurrences(text, snippet, whole_words=False):
    """Start offsets of ``snippet``; with ``whole_words``, only where it is not part of a longer word."""
    pattern = re.escape(snippet)
    if whole_words:
        pattern = (r"(?<!\w)" if snippet[:1].isalnum() else "") + pattern + (r"(?!\w)" if snippet[-1:].isalnum() else "")
    return [m.start() for m in re.finditer(pattern, text)]


def nearest(text, snippet, anchor, where):
    starts = occurrences(text, snippet, whole_words=True) or occurrences(text, snippet)
    if not starts:
        raise ValueError(f"{where}: {snippet!r} does not occur in the text")
    start = min(starts, key=lambda s: abs(s - anchor))
    return [start, start + len(snippet)]


def anchor(draft, text):
    out = []
    for i, st in enumerate(draft["statements"]):
        where = f"statement {i}"
        if st.get("label") not in LABELS:
            raise ValueError(f"{where}: label {st.get('label')!r} not in {sorted(LABELS)}")
        if st.get("quote_type") not in QUOTE_TYPES:
            raise ValueError(f"{where}: quote_type {st.get('quote_type')!r} not in {sorted(QUOTE_TYPES)}")
        if st.get("speaker") not in draft["entities"]:
            raise ValueError(f"{where}: speaker {st.get('speaker')!r} is not in entities")
        starts = occurrences(text, st["content_text"])
        k = st.get("content_occurrence")
        if not starts:
            raise ValueError(f"{where}: content {st['content_text'][:60]!r} does not occur in the text")
        if len(starts) > 1 and k is None:
            raise ValueError(f"{where}: content occurs {len(starts)} times; give content_occurrence")
        c0 = starts[(k or 1) - 1]
        rec = {"speaker": st["speaker"], "speaker_span": None, "cue_span": None,
               "content_span": [c0, c0 + len(st["content_text"])],
               "quote_type": st["quote_type"], "label": st["label"]}
        for role in ("speaker", "cue"):
            snippet = st.get(f"{role}_text")
            if snippet:
                if st.get(f"{role}_start") is not None:
                    s = st[f"{role}_start"]
                    if text[s:s + len(snippet)] != snippet:
                        raise ValueError(f"{where}: {role}_start {s} does not hold {snippet!r}")
                    rec[f"{role}_span"] = [s, s + len(snippet)]
                else:
                    rec[f"{role}_span"] = nearest(text, snippet, c0, f"{where} {role}")
        if st.get("note"):
            rec["note"] = st["note"]
        out.append(rec)
    out.sort(key=lambda r: (r["content_span"][0], (r["cue_span"] or [0])[0]))
    return out


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("draft")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--text", help="the document's .txt (team-written articles)")
    g.add_argument("--wh", action="store_true", help="the text is a wh_briefings record (doc_id)")
    p.add_argument("--corpus", default="../shared/corpora/wh_briefings")
    p.add_argument("-o", "--output", required=True)
    a = p.parse_args(argv)
    draft = json.loads(Path(a.draft).read_text(encoding="utf-8"))
    if a.text:
        text = Path(a.text).read_bytes().decode("utf-8")  # exact characters: CRLF stays CRLF
        source = None
    else:
        text, source = wh_text(draft["doc_id"], a.corpus)
    try:
        statements = anchor(draft, text)
    except ValueError as e:
        sys.exit(f"{a.draft}: {e}")
    gold = {"doc_id": draft["doc_id"]}
    if source:
        gold.update(corpus="wh_briefings", file=source,
                    text_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
    for key in ("genre", "annotator", "source"):
        if key in draft:
            gold[key] = draft[key]
    gold["entities"] = draft["entities"]
    for key in ("not_statements", "note"):  # for review (ANNOTATION.md 4.1), not scored
        if key in draft:
            gold[key] = draft[key]
    if not source:  # team-written text: keep *_text for readers
        for st in statements:
            for role in ("speaker", "cue", "content"):
                span = st[f"{role}_span"]
                st[f"{role}_text"] = text[span[0]:span[1]] if span else None
    gold["statements"] = statements
    Path(a.output).write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{a.output}: {len(statements)} statements")


if __name__ == "__main__":
    main()
