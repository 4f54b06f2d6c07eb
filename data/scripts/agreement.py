"""Inter-annotator agreement of the team corpus: labels (Cohen's kappa), spans and speakers (F1).

Compares the independent second annotation (annotator A7, data/agreement/) with
the first annotation of the same items (data/polnear_labels/, data/wh_gold/).
Writes data/agreement/agreement.json and a list of disagreements (ids and
offsets only) for adjudication to data/agreement/disagreements.jsonl.

Round 2 (session 4: PolNeAR labels of A10 and A11, second annotation A12 on 100 of them) is measured with
``--round 2`` and written to agreement/agreement_round2.json and disagreements_round2.jsonl.

The team-written training articles (session 5: written and annotated by w1-w6; labels of a seeded random 260
of their statements given blind by A14, A15 and A16 in agreement/training_articles_A*.jsonl, keyed by doc_id
and statement index) are measured with ``--round training_articles``.

The committed records of rounds 1 and 2 were measured before adjudication. Adjudication then rewrote the first
annotation in place, so running those rounds again compares with the adjudicated labels and gives higher figures
(round 2: observed 0.96 instead of 0.91); the records, not a re-run, are the agreement figures.

Usage: python data/scripts/agreement.py [--corpora DIR] [--round 2|training_articles]
"""
import argparse
import json
from pathlib import Path

from sklearn.metrics import cohen_kappa_score

from stance.corpora.gold import gold_from_dict
from stance.corpora.team import read_polnear_labels, read_training_articles, read_wh_gold
from stance.corpora.wh import wh_texts
from stance.evaluate.matching import match_spans, same_speaker

DATA = Path(__file__).resolve().parent.parent


def polnear_agreement(disagreements, second_file="polnear_A7.jsonl"):
    first = {(r["doc_id"], r["attribution_id"]): r for r in read_polnear_labels(DATA)}
    second = [json.loads(line) for line in (DATA / "agreement" / second_file).read_text().splitlines() if line]
    a, b = [], []
    for r in second:
        f = first[(r["doc_id"], r["attribution_id"])]
        a.append(f["label"])
        b.append(r["label"])
        if f["label"] != r["label"]:
            disagreements.append({"part": "polnear", "doc_id": r["doc_id"], "attribution_id": r["attribution_id"],
                                  "first": {"annotator": f["annotator"], "label": f["label"]},
                                  "second": {"annotator": r["annotator"], "label": r["label"]}})
    return {"items": len(a), "observed_agreement": round(sum(x == y for x, y in zip(a, b)) / len(a), 4),
            "cohen_kappa": round(float(cohen_kappa_score(a, b)), 4)}


def wh_agreement(corpora, disagreements):
    second_files = sorted((DATA / "agreement" / "wh").glob("*.gold.json"))
    seconds = [json.loads(p.read_text(encoding="utf-8")) for p in second_files]
    firsts = {g.doc_id: g for g in read_wh_gold(corpora, DATA)}
    texts = wh_texts([s["doc_id"] for s in seconds], Path(corpora) / "wh_briefings" if corpora else None)
    n_first = n_second = n_match = speaker_ok = 0
    la, lb = [], []
    for ann in seconds:
        g1 = firsts[ann["doc_id"]]
        g2 = gold_from_dict(ann, text=texts[ann["doc_id"]]["text"], where=ann["doc_id"])
        text = g1.document.text
        s1 = [(s.content_span.start, s.content_span.end) for s in g1.statements]
        s2 = [(s.content_span.start, s.content_span.end) for s in g2.statements]
        pairs = match_spans(text, s1, s2)
        n_first, n_second, n_match = n_first + len(s1), n_second + len(s2), n_match + len(pairs)
        forms1 = {name: frozenset(a.lower() for a in e.aliases) for name, e in g1.entities.items()}
        matched1, matched2 = {i for i, _ in pairs}, {j for _, j in pairs}
        for i, j in pairs:
            a, b = g1.statements[i], g2.statements[j]
            ok = same_speaker(b.speaker, a.speaker, forms1.get(a.speaker, frozenset())) or same_speaker(
                a.speaker, b.speaker, frozenset(x.lower() for x in g2.entities.get(b.speaker).aliases)
                if b.speaker in g2.entities else frozenset())
            speaker_ok += ok
            la.append(a.label)
            lb.append(b.label)
            if a.label != b.label or not ok:
                disagreements.append({"part": "wh_gold", "doc_id": ann["doc_id"], "content_span": s1[i],
                                      "first": {"annotator": g1.document.metadata.get("annotator"),
                                                "speaker": a.speaker, "label": a.label},
                                      "second": {"annotator": "A7", "speaker": b.speaker, "label": b.label,
                                                 "content_span": s2[j]}})
        for i in set(range(len(s1))) - matched1:
            disagreements.append({"part": "wh_gold", "doc_id": ann["doc_id"], "content_span": s1[i],
                                  "only": "first", "label": g1.statements[i].label})
        for j in set(range(len(s2))) - matched2:
            disagreements.append({"part": "wh_gold", "doc_id": ann["doc_id"], "content_span": s2[j],
                                  "only": "second", "label": g2.statements[j].label})
    p, r = n_match / n_second, n_match / n_first
    return {"documents": len(seconds), "statements_first": n_first, "statements_second": n_second,
            "matched": n_match, "span_f1": round(2 * p * r / (p + r), 4),
            "speaker_agreement_on_matched": round(speaker_ok / n_match, 4),
            "speaker_f1": round(2 * speaker_ok / (n_first + n_second), 4),
            "label_cohen_kappa_on_matched": round(float(cohen_kappa_score(la, lb)), 4),
            "label_observed_agreement_on_matched": round(sum(x == y for x, y in zip(la, lb)) / len(la), 4)}


def training_articles_agreement(disagreements):
    """Writer's label vs a blind second label, per statement of the training articles (labels only)."""
    gold = {g.doc_id: g for g in read_training_articles(DATA)}
    a, b, by = [], [], {}
    for path in sorted((DATA / "agreement").glob("training_articles_A*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            g = gold[r["doc_id"]]
            first = g.statements[r["statement_index"]].label
            a.append(first)
            b.append(r["label"])
            by.setdefault(r["annotator"], []).append(first == r["label"])
            if first != r["label"]:
                disagreements.append({"part": "training_articles", "doc_id": r["doc_id"],
                                      "statement_index": r["statement_index"],
                                      "first": {"annotator": g.document.metadata.get("annotator"), "label": first},
                                      "second": {"annotator": r["annotator"], "label": r["label"]}})
    return {"items": len(a), "observed_agreement": round(sum(x == y for x, y in zip(a, b)) / len(a), 4),
            "cohen_kappa": round(float(cohen_kappa_score(a, b)), 4),
            "by_second_annotator": {k: {"items": len(v), "observed_agreement": round(sum(v) / len(v), 4)}
                                    for k, v in sorted(by.items())}}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", help="folder holding the corpora (default: ../shared/corpora)")
    ap.add_argument("--round", choices=("1", "2", "training_articles"), default="1")
    a = ap.parse_args()
    disagreements = []
    if a.round == "training_articles":
        result = {"training_articles": training_articles_agreement(disagreements),
                  "note": "the writers' labels (w1-w6) vs a blind second label (A14, A15: article texts beside "
                          "their gold files, told not to open them; A16: the texts alone), statements drawn at "
                          "random with a fixed seed; the articles were written to exemplify the guideline, so this "
                          "measures how clearly they do, not agreement on real texts"}
        return _write(result, disagreements, "_training_articles")
    if a.round == "2":
        result = {"polnear_labels": polnear_agreement(disagreements, "polnear_A12.jsonl"),
                  "note": "round 2: first annotation (A10, A11) vs the independent second annotation (A12) of a "
                          "seeded random 100 of the 995 round-2 items, before adjudication"}
        return _write(result, disagreements, "_round2")
    result = {"polnear_labels": polnear_agreement(disagreements), "wh_gold": wh_agreement(a.corpora, disagreements),
              "note": "first annotation (A1, A2, A5, A6) vs the independent second annotation (A7), before "
                      "adjudication; span matching and speaker equality as in ANNOTATION.md section 5"}
    return _write(result, disagreements)


def _write(result, disagreements, suffix=""):
    (DATA / "agreement" / f"agreement{suffix}.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    with open(DATA / "agreement" / f"disagreements{suffix}.jsonl", "w", encoding="utf-8") as f:
        for d in disagreements:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    print(json.dumps(result, indent=1))
    print(f"{len(disagreements)} disagreements written for adjudication")


if __name__ == "__main__":
    main()
