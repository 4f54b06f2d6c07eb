"""The White House briefing-room corpus (../shared/corpora/wh_briefings): texts by id, streamed."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable

from .paths import corpus_dir

__all__ = ["WH_FILES", "WH_PUBLISHER", "wh_texts"]

WH_FILES = ("statements-releases.jsonl.gz", "press-briefings.jsonl.gz")
WH_PUBLISHER = "The White House"  # the office whose briefing room publishes these documents


def wh_texts(ids: Iterable[str], path=None) -> dict[str, dict]:
    """``{id: record}`` for the wanted ids (one streaming pass over each file; other records are not kept)."""
    wanted = set(ids)
    folder = corpus_dir("wh_briefings", path)
    out: dict[str, dict] = {}
    for name in WH_FILES:
        if not (folder / name).exists():
            continue
        with gzip.open(folder / name, "rt", encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                if rec["id"] in wanted:
                    rec["file"] = name
                    out[rec["id"]] = rec
        if len(out) == len(wanted):
            break
    return out
