"""Unlabelled real text for weak supervision: the writer's narration in PolNeAR documents."""

import gzip
import json

from stance.corpora.team import read_polnear, recorded_splits_or_rule
from stance.corpora.unlabelled import polnear_narration_sentences

# an invented article: a headline, a sentence holding an attribution, a short line, two narration sentences
_TEXT = ("Senate Passes Farm Bill\n\n"
         "Lawmakers voted 61 to 39 on Tuesday to pass the long-delayed farm bill in the chamber. "
         "The bill is a disgrace, Senator Ana Ruiz said after the vote in the chamber.\n\n"
         "It passed.\n\n"
         "Dozens of farmers gathered outside the building with tractors and banners during the vote.")


def _corpus(tmp_path, splits):
    said = _TEXT.index("Senator Ana Ruiz said")
    content = _TEXT.index("The bill is a disgrace")
    doc = {"doc_id": "doc-a", "text": _TEXT, "attributions": [
        {"id": "E1", "source": [[said, said + 16]], "cue": [[said + 17, said + 21]],
         "content": [[content, content + 21]]}]}
    other = dict(doc, doc_id="doc-b")
    folder = tmp_path / "corpora" / "polnear" / "jsonl"
    folder.mkdir(parents=True)
    with gzip.open(folder / "polnear_train.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write(json.dumps(doc) + "\n" + json.dumps(other) + "\n")
    data = tmp_path / "data"
    data.mkdir()
    (data / "splits.json").write_text(json.dumps({"documents": {"polnear": splits}}), encoding="utf-8")
    return tmp_path / "corpora", data


def test_narration_is_body_sentences_outside_every_attribution(tmp_path):
    corpora, data = _corpus(tmp_path, {"doc-a": "train", "doc-b": "dev"})
    rows = polnear_narration_sentences(team_split="train", polnear_splits=("train",), corpora_dir=corpora,
                                       data_dir=data)
    assert [r["doc_id"] for r in rows] == ["doc-a", "doc-a"]
    assert [r["content"] for r in rows] == [
        "Lawmakers voted 61 to 39 on Tuesday to pass the long-delayed farm bill in the chamber.",
        "Dozens of farmers gathered outside the building with tractors and banners during the vote."]
    for r in rows:  # offsets map back to the text; the sentence is its own context, with no cue
        s, e = r["sentence_span"]
        assert _TEXT[s:e] == r["content"] == r["context"] and r["cue"] == "" and r["quote_type"] == ""
    dev = polnear_narration_sentences(team_split="dev", polnear_splits=("train",), corpora_dir=corpora,
                                      data_dir=data)
    assert [r["doc_id"] for r in dev] == ["doc-b", "doc-b"]
    # a shorter minimum keeps the short line too
    short = polnear_narration_sentences(team_split="train", polnear_splits=("train",), min_words=2,
                                        corpora_dir=corpora, data_dir=data)
    assert "It passed." in [r["content"] for r in short]


def test_narration_of_the_shared_corpus_stays_in_its_split_and_outside_attributions(shared_dir):
    corpora = shared_dir / "corpora"
    rows = polnear_narration_sentences(team_split="dev", corpora_dir=corpora)
    docs = {d["doc_id"]: d for d in read_polnear(("train", "dev"), corpora)}
    assert len(rows) > 500
    split = recorded_splits_or_rule()
    for r in rows:
        doc = docs[r["doc_id"]]
        s, e = r["sentence_span"]
        assert split("polnear", r["doc_id"]) == "dev" and doc["text"][s:e] == r["content"]
        assert not any(a < e and s < b for att in doc["attributions"]
                       for a, b in att["source"] + att["cue"] + att["content"])
