"""Score statement finding and attribution on PolNeAR with the matching of ANNOTATION.md section 5.

PolNeAR's gold statements are its attribution relations: the content (its
fragments' hull, ``[first start, last end)``), the source span (the mention as
written; no canonical entity) and the cue.  Because PolNeAR names no entity,
a predicted speaker counts as right when

- its mention span overlaps the gold source span, or
- its name names the gold source (`same_speaker` on the source text, with the
  document: "Hillary Clinton" names the source "Clinton" where the document
  calls her so, as on the team gold), or the silver coreference representative
  of the gold source (CoreNLP chains shipped with the corpus), as the corpus
  README suggests for pronoun sources.

Predicted quotations split into sentences (rule 2) are joined back first
(`merge_quote_sentences`), since PolNeAR's unit is the whole quotation.

The *speech-cue subset* keeps attributions whose cue holds a speech verb,
reporting noun or phrase of the lexicon (``speech=yes``), or "according to";
predictions that match an attribution outside the subset are left out of its
scores (neither true nor false positives).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..document import Document, Span
from ..segment.lexicon import Lexicon
from ..text.tokens import tokenize
from .matching import fold_name, match_spans, same_speaker
from .metrics import DocCounts

__all__ = ["merge_quote_sentences", "polnear_statements", "is_speech_cue", "count_polnear_document", "polnear_document"]


def is_speech_cue(cue_text: str, lexicon: Lexicon) -> bool:
    """Whether a PolNeAR cue is a speech act (a speech verb, reporting noun or phrase, or "according to")."""
    tokens = [t.lower for t in tokenize(cue_text)]
    if "according" in tokens:
        return True
    for i, tok in enumerate(tokens):
        if any(e.speech for e in lexicon.verbs.get(tok, ())):
            return True
        if tok in lexicon.nouns:
            return True
        for toks, entry in lexicon.phrases.get(tok, ()):
            if tuple(tokens[i:i + len(toks)]) == toks and entry.speech:
                return True
    return False


def merge_quote_sentences(predictions: list[Mapping]) -> list[dict]:
    """Join the per-sentence statements of one quotation into one (PolNeAR's unit).

    ANNOTATION.md rule 2 makes a quotation of several sentences one statement
    per sentence, sharing a cue; PolNeAR annotates the whole quotation as one
    content, continuation sentences and paragraphs included.  Statements with
    the same cue span and speaker, and cue-less continuations of a direct
    quotation, become their hull.
    """
    out: list[dict] = []
    for p in predictions:
        prev = out[-1] if out else None
        same_quote = p.get("cue_span") and prev is not None and prev.get("cue_span") == p.get("cue_span")
        continuation = not p.get("cue_span") and prev is not None and prev.get("quote_type") in ("direct", "mixed")
        if (prev is not None and (same_quote or continuation) and prev.get("speaker") == p.get("speaker")
                and p.get("quote_type") == "direct"):
            prev["content_span"] = [min(prev["content_span"][0], p["content_span"][0]),
                                    max(prev["content_span"][1], p["content_span"][1])]
        else:
            out.append(dict(p))
    return out


def polnear_statements(doc: Mapping, *, speech_only: bool = False, lexicon: Lexicon | None = None) -> list[dict]:
    """Gold statements of one PolNeAR document: ``{content, source, cue, source_text, cue_text}``.

    Degenerate relations (no content or no cue) are skipped.
    """
    out = []
    for a in doc["attributions"]:
        if not a["content"] or not a["cue"]:
            continue
        if speech_only and not is_speech_cue(a["cue_text"], lexicon):
            continue
        out.append({"content": (min(s for s, _ in a["content"]), max(e for _, e in a["content"])),
                    "source": [tuple(s) for s in a["source"]], "cue": a["cue_text"],
                    "source_text": a["source_text"], "id": a["id"]})
    return out


def _representatives(chains: Iterable) -> list[tuple[int, int, str]]:
    """``(start, end, representative text)`` for every mention of the silver coreference chains."""
    out = []
    for chain in chains or ():
        rep = next((m["text"] for m in chain if m.get("representative")), chain[0]["text"] if chain else "")
        for m in chain:
            out.append((m["start"], m["end"], rep))
    return out


def count_polnear_document(doc: Mapping, predictions: list[Mapping], *, speech_only: bool = False,
                           lexicon: Lexicon | None = None, chains=None) -> DocCounts:
    """Per-document counts (detection and attribution) against PolNeAR's attributions.

    PolNeAR has no labels, so ``e2e`` counts span + speaker (it equals ``speaker_ok``).
    """
    text = doc["text"]
    predictions = merge_quote_sentences(predictions)
    gold = polnear_statements(doc, speech_only=speech_only, lexicon=lexicon)
    if speech_only:
        # predictions that find an attribution outside the subset are neither right nor wrong here
        kept = {g["id"] for g in gold}
        others = [g["content"] for g in polnear_statements(doc) if g["id"] not in kept]
        used = {pi for _, pi in match_spans(text, others, [tuple(p["content_span"]) for p in predictions])}
        predictions = [p for i, p in enumerate(predictions) if i not in used]
    pairs = match_spans(text, [g["content"] for g in gold], [tuple(p["content_span"]) for p in predictions])
    reps = _representatives(chains)
    c = DocCounts(doc["doc_id"], gold=len(gold), pred=len(predictions), matched=len(pairs))
    c.exact = len(match_spans(text, [g["content"] for g in gold], [tuple(p["content_span"]) for p in predictions],
                              exact=True))
    for gi, pi in pairs:
        g, p = gold[gi], predictions[pi]
        ok = _speaker_ok(g, p, reps, text)
        c.speaker_ok += ok
        c.e2e += ok
        c.speaker_pairs.append((g["source_text"], p.get("speaker")))
    return c


def _speaker_ok(g: dict, p: Mapping, reps, document: str = "") -> bool:
    if not g["source"]:
        return not p.get("speaker")  # "Attribution-no-source": the right answer is no speaker
    span = p.get("speaker_span")
    if span and any(Span(*span).overlap(Span(s, e)) for s, e in g["source"]):
        return True
    name = p.get("speaker")
    if not name:
        return False
    # "Hillary Clinton" names the source "Clinton" where the document calls her so (ANNOTATION.md section 5)
    if same_speaker(name, g["source_text"], document=document) or fold_name(g["source_text"]).endswith(
            fold_name(name)):
        return True
    for s, e in g["source"]:
        for rs, re_, rep in reps:
            if rs < e and s < re_ and (same_speaker(name, rep, document=document)
                                       or fold_name(rep).endswith(fold_name(name))):
                return True
    return False


def polnear_document(doc: Mapping) -> Document:
    """The `Document` of a PolNeAR record (title and publisher as metadata)."""
    return Document(doc["doc_id"], doc["text"], {"genre": "news", "publisher": doc.get("publisher", "")})
