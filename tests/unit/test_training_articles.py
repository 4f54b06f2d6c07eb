"""The train-only part ``training_articles``: every document is train, whatever its id's hash says."""

import json

import pytest

from stance.corpora import split_of
from stance.corpora.team import (load_team_corpus, load_team_documents, read_training_articles, recorded_splits_or_rule,
                                 team_statements)

# invented: a dateline, a demand with a cue, a rejection in a direct quotation
_TEXT = ("PORT ELLIS, March 3 -\n"
         "The harbour authority urged the ferry operators to resume the night crossings. "
         "\"We reject the new fees outright,\" the operators' union said on Monday.")


def _article(folder, doc_id):
    """Write ``doc_id``.txt and .gold.json (two statements) in ``folder``."""
    t = _TEXT
    urged = t.index("urged")
    content = t.index("the ferry operators to resume")
    quote = t.index("We reject")
    union = t.index("the operators' union")
    authority = t.index("The harbour authority")
    gold = {"doc_id": doc_id, "genre": "news", "annotator": "w1", "source": "synthetic test article",
            "entities": {"Harbour authority": {"type": "organization", "aliases": ["The harbour authority"]},
                         "Operators' union": {"type": "organization", "aliases": ["the operators' union"]}},
            "statements": [
                {"speaker": "Harbour authority", "speaker_span": [authority, urged - 1],
                 "cue_span": [urged, urged + 5], "content_span": [content, t.index(". \"We")],
                 "quote_type": "indirect", "label": "demand"},
                {"speaker": "Operators' union", "speaker_span": [union, union + 20],
                 "cue_span": [union + 21, union + 25], "content_span": [quote, t.index(",\" the")],
                 "quote_type": "direct", "label": "rejection"}]}
    (folder / f"{doc_id}.txt").write_text(t, encoding="utf-8")
    (folder / f"{doc_id}.gold.json").write_text(json.dumps(gold), encoding="utf-8")


@pytest.fixture
def data_dir(tmp_path):
    data = tmp_path / "data"
    (data / "training_articles").mkdir(parents=True)
    # ids the hash rule would put in dev; recorded as dev too, to show the part overrides both
    ids = ["w3-synthetic-2", "w5-synthetic-4"]
    assert {split_of(d) for d in ids} == {"dev"}
    for doc_id in ids:
        _article(data / "training_articles", doc_id)
    (data / "splits.json").write_text(json.dumps({"documents": {"training_articles": {d: "dev" for d in ids}}}),
                                      encoding="utf-8")
    return data


def test_every_row_of_the_part_is_train_and_its_offsets_map_back(data_dir):
    rows = list(team_statements("training_articles", data_dir=data_dir))
    assert len(rows) == 4 and {r["split"] for r in rows} == {"train"}
    assert [r["label"] for r in rows] == ["demand", "rejection"] * 2
    for r in rows:
        start, end = r["content_span"]
        assert _TEXT[start:end] == r["content"]
    assert rows[0]["cue"] == "urged" and rows[0]["speaker_text"] == "The harbour authority"
    assert rows[1]["content"] == "We reject the new fees outright" and rows[1]["speaker_text"] == "the operators' union"


def test_full_documents_and_the_split_function_say_train_too(data_dir):
    docs = load_team_documents("training_articles", data_dir=data_dir)
    assert len(docs["train"]) == 2 and len(docs["dev"]) == len(docs["test"]) == 0
    rows = load_team_corpus(["training_articles"], data_dir=data_dir)
    assert (len(rows["train"]), len(rows["dev"]), len(rows["test"])) == (4, 0, 0)
    assert rows["dev"].features == rows["train"].features
    split = recorded_splits_or_rule(data_dir)
    assert split("training_articles", "w3-synthetic-2") == "train"
    assert split("examples", "w3-synthetic-2") == "dev"  # the same id in another part follows the rule


def test_an_absent_folder_is_an_empty_part(tmp_path):
    assert read_training_articles(tmp_path) == []
