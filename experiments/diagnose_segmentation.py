"""Why PolNeAR attributions are missed and predictions are wrong: counts by category, with examples.

Usage:
    python experiments/diagnose_segmentation.py experiments/configs/diagnose_segmentation.toml [--overwrite]

For each speech-cue attribution of the configured split that no prediction
matches (ANNOTATION.md section 5), and for each unmatched prediction, it
names the first thing that went wrong: the cue's sentence is page furniture,
the lexicon finds no cue there, the cue is found but yields no statement, or
the statement's content is too long, too short or elsewhere.  A cue found with
no statement is broken down by the segmenter's own reason
(`stance.segment.segmenter.REFUSALS`: no speaker, content refused, nested in
another cue's content, dropped by the statement filter, …), separately for
attributions to which PolNeAR gives no source (rule 8 skips those).  Writes
experiments/results/<name>/diagnosis.json with the counts and a few examples
per category (document ids, attribution ids and offsets: no corpus text).
Develop on train; never run it on test.
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import body_sentences, experiment_parser, load_config, result_dir, write_json  # noqa: E402

from stance import Pipeline  # noqa: E402
from stance.corpora.team import read_polnear  # noqa: E402
from stance.evaluate.matching import match_spans, trim  # noqa: E402
from stance.evaluate.polnear import merge_quote_sentences, polnear_document, polnear_statements  # noqa: E402
from stance.segment import load_lexicon  # noqa: E402
from stance.segment.cues import find_cues  # noqa: E402
from stance.text.tokens import tokenize  # noqa: E402


def _overlap(a, b) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


NO_STATEMENT = "cue found, no statement"


def no_statement_reason(text, attribution, sentences, lexicon, refused, predictions) -> str:
    """Why the speech cue found for a missed attribution made no statement: the segmenter's reason
    (`REFUSALS`, from ``refused``: cue offset -> reason), or, when it made one (among all of the document's
    ``predictions``), why that statement does not count here."""
    cue = (attribution["cue"][0][0], attribution["cue"][-1][1])
    sentence = next(s for s in sentences if s[0] <= cue[0] < s[1])
    tokens = tokenize(text, *sentence)
    for c in find_cues(tokens, lexicon):
        if c.entry.speech and tokens[c.first].start < cue[1] and cue[0] < tokens[c.last - 1].end \
                and tokens[c.first].start in refused:
            return refused[tokens[c.first].start]
    if any(p.get("cue_span") and _overlap(p["cue_span"], cue) > 0 for p in predictions):
        return "statement made, matched to an attribution outside the subset"
    return "statement made, under another cue"


def miss_category(text, attribution, gold_content, sentences, predictions, lexicon) -> str:
    cue = (attribution["cue"][0][0], attribution["cue"][-1][1])
    sentence = next((s for s in sentences if s[0] <= cue[0] < s[1]), None)
    if sentence is None:
        return "cue outside body sentences"
    tokens = tokenize(text, *sentence)
    found = [c for c in find_cues(tokens, lexicon)
             if tokens[c.first].start < cue[1] and cue[0] < tokens[c.last - 1].end]
    if not found:
        return "cue not found by the lexicon"
    if not any(c.entry.speech for c in found):
        return "cue found, not a speech cue"
    same_cue = [p for p in predictions if p.get("cue_span") and _overlap(p["cue_span"], cue) > 0]
    if not same_cue:
        return NO_STATEMENT
    pred = trim(text, tuple(same_cue[0]["content_span"]))
    gold = trim(text, gold_content)
    if _overlap(pred, gold) <= 0:
        return "statement, content elsewhere"
    if pred[1] - pred[0] < gold[1] - gold[0]:
        multi = gold[0] < sentence[0] - 2 or gold[1] > sentence[1] + 2
        return "statement, content too short" + (" (gold spans sentences)" if multi else "")
    return "statement, content too long"


def false_positive_category(text, pred, attributions) -> str:
    content = trim(text, tuple(pred["content_span"]))
    cue = pred.get("cue_span")
    overlapping = [a for a in attributions if a["content"] and _overlap(
        trim(text, (a["content"][0][0], a["content"][-1][1])), content) > 0]
    gold_cue = cue and any(_overlap(c, cue) > 0 for a in attributions for c in a["cue"])
    if not overlapping:
        return "no attribution there" + (" (its cue is a gold cue)" if gold_cue else "")
    return "overlaps an attribution, " + ("same cue: boundary" if gold_cue else "other cue")


def main(argv=None):
    ap = experiment_parser(__doc__)
    a = ap.parse_args(argv)
    config = load_config(a.config)
    if config["split"] == "test":
        sys.exit("diagnose on train (or dev), never on test")
    out = result_dir(config["name"], overwrite=a.overwrite, results=a.results)
    lexicon = load_lexicon()
    nlp = Pipeline(classifier=False)
    misses, false_pos = Counter(), Counter()
    no_statement = {"with a source": Counter(), "no source in PolNeAR": Counter()}
    examples = defaultdict(list)
    missed_cues = defaultdict(Counter)  # printed only: the results hold offsets and ids, never corpus words
    n_gold = n_pred = 0
    for doc in read_polnear((config["split"],)):
        text = doc["text"]
        document = polnear_document(doc)
        predictions = merge_quote_sentences(nlp(document).records())
        all_predictions = predictions  # before those matching an attribution outside the subset are left out
        refused: dict[int, str] = {}  # the segmenter's reasons for the cues that made no statement
        nlp.segmenter.segment(document, refused=refused)
        gold = polnear_statements(doc, speech_only=True, lexicon=lexicon)
        # as in the scores: predictions that find an attribution outside the subset are left out
        kept = {g["id"] for g in gold}
        others = [g["content"] for g in polnear_statements(doc) if g["id"] not in kept]
        used = {pi for _, pi in match_spans(text, others, [tuple(p["content_span"]) for p in predictions])}
        predictions = [p for i, p in enumerate(predictions) if i not in used]
        pairs = match_spans(text, [g["content"] for g in gold], [tuple(p["content_span"]) for p in predictions])
        matched_gold, matched_pred = {g for g, _ in pairs}, {p for _, p in pairs}
        n_gold += len(gold)
        n_pred += len(predictions)
        sentences = body_sentences(text)
        by_id = {x["id"]: x for x in doc["attributions"]}
        for gi, g in enumerate(gold):
            if gi not in matched_gold:
                cat = miss_category(text, by_id[g["id"]], g["content"], sentences, predictions, lexicon)
                misses[cat] += 1
                examples["miss: " + cat].append({"doc_id": doc["doc_id"], "attribution": g["id"]})
                if cat == NO_STATEMENT:
                    reason = no_statement_reason(text, by_id[g["id"]], sentences, lexicon, refused,
                                                 all_predictions)
                    no_statement["with a source" if g["source"] else "no source in PolNeAR"][reason] += 1
                    examples[f"no statement: {reason}"].append({"doc_id": doc["doc_id"], "attribution": g["id"]})
                missed_cues[cat][g["cue"].lower()] += 1
        for pi, p in enumerate(predictions):
            if pi not in matched_pred:
                cat = false_positive_category(text, p, doc["attributions"])
                false_pos[cat] += 1
                examples["false positive: " + cat].append({"doc_id": doc["doc_id"], "content_span": p["content_span"],
                                                           "cue_span": p.get("cue_span")})
    rng = random.Random(config["seed"])
    report = {"config": config, "speech_cue_gold": n_gold, "predictions": n_pred,
              "missed": dict(misses.most_common()), "false_positives": dict(false_pos.most_common()),
              "cue_found_no_statement": {k: dict(v.most_common()) for k, v in no_statement.items()},
              "examples": {k: rng.sample(v, min(config["examples"], len(v))) for k, v in sorted(examples.items())}}
    write_json(out / "diagnosis.json", report)
    print(f"{config['split']}: {n_gold} speech-cue attributions, {sum(misses.values())} missed; "
          f"{n_pred} predictions, {sum(false_pos.values())} false")
    for title, counts in (("missed", misses), *((f"{NO_STATEMENT}, {k}", v) for k, v in no_statement.items()),
                          ("false positives", false_pos)):
        print(title)
        for k, v in counts.most_common():
            print(f"  {v:6d}  {k}")
    print(json.dumps({"cues of missed attributions the lexicon does not find":
                      missed_cues["cue not found by the lexicon"].most_common(25)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
