"""The team corpus: splits, integrity of every gold file, loaders, and the data card's numbers."""

import json
from pathlib import Path

import pytest

from stance.corpora import SPLITS, read_gold, split_of
from stance.corpora.team import TRAIN_ONLY_PARTS, read_polnear_labels, recorded_splits

DATA = Path(__file__).resolve().parent.parent.parent / "data"
LABELS = {"demand", "concern", "rejection", "other"}


def _gold_ids(folder):
    return {p.name[:-len(".gold.json")] for p in (DATA / folder).glob("*.gold.json")}


def test_recorded_splits_agree_with_the_rule_and_no_document_is_in_two_splits():
    recorded = recorded_splits(DATA)
    seen = {}
    for part, docs in recorded.items():
        for doc_id, split in docs.items():
            rule = "train" if part in TRAIN_ONLY_PARTS else split_of(doc_id)
            assert split in SPLITS and split == rule, (part, doc_id)
            assert seen.setdefault(doc_id, split) == split
    assert set(recorded["examples"]) == _gold_ids("examples")
    assert set(recorded["training_articles"]) == _gold_ids("training_articles")


def test_training_articles_are_new_documents():
    """A training article shares no id with another part (its rows would otherwise join that document's)."""
    others = {d for part, docs in recorded_splits(DATA).items() if part != "training_articles" for d in docs}
    assert not _gold_ids("training_articles") & others


@pytest.mark.corpora
def test_training_articles_leave_dev_and_test_as_they_were(shared_dir):
    from stance.corpora import load_team_corpus

    without = load_team_corpus(["examples", "wh_gold", "polnear"], corpora_dir=shared_dir / "corpora")
    dd = load_team_corpus(corpora_dir=shared_dir / "corpora")
    # the data card's dev and test rows: examples 69 / 42, wh_gold 251 / 201, polnear 385 / 378
    assert (len(dd["dev"]), len(dd["test"])) == (len(without["dev"]), len(without["test"])) == (705, 621)
    assert set(dd["dev"]["statement_id"]) == set(without["dev"]["statement_id"])
    articles = [r for r in dd["train"] if r["part"] == "training_articles"]
    assert len(dd["train"]) == len(without["train"]) + len(articles)


@pytest.mark.parametrize("folder", ["examples", "training_articles"])
def test_team_written_gold_is_exact(folder):
    docs = read_gold(DATA / folder)  # read_gold checks every span against its text and speakers against entities
    assert len(docs) >= 30
    for g in docs:
        raw = json.loads((DATA / folder / f"{g.doc_id}.gold.json").read_text(encoding="utf-8"))
        for st, rec in zip(g.statements, raw["statements"]):
            assert st.label in LABELS
            for role in ("speaker", "cue", "content"):
                span = rec[f"{role}_span"]
                assert (g.document.text[span[0]:span[1]] if span else None) == rec.get(f"{role}_text")


def test_third_party_annotations_hold_no_text():
    for path in (DATA / "wh_gold").glob("*.gold.json"):
        d = json.loads(path.read_text(encoding="utf-8"))
        assert "text" not in d and len(d["text_sha256"]) == 64
        assert not any(k.endswith("_text") for st in d["statements"] for k in st), path.name
    for row in read_polnear_labels(DATA):
        assert set(row) <= {"doc_id", "attribution_id", "polnear_split", "label", "annotator", "note"}
        assert row["label"] in LABELS | {"not_speech"} and row["polnear_split"] in ("train", "dev")


@pytest.mark.corpora
def test_team_corpus_loads_with_checksums_and_typed_features(shared_dir):
    from stance.corpora import load_team_corpus
    from stance.corpora.stats import corpus_stats

    dd = load_team_corpus(corpora_dir=shared_dir / "corpora")
    assert set(dd) == set(SPLITS)
    assert dd["train"].features["label"].names == ["demand", "concern", "rejection", "other"]
    stats = corpus_stats(shared_dir / "corpora")
    assert stats["parts"]["wh_gold"]["documents"] >= 120 and stats["parts"]["wh_gold"]["statements"] >= 1500
    assert stats["parts"]["polnear"]["statements"] >= 2000 and stats["parts"]["examples"]["documents"] >= 30
    for label in ("demand", "concern", "rejection"):
        assert stats["labels"][label] >= 400, label
    assert sum(len(dd[s]) for s in SPLITS) == stats["statements"]


@pytest.mark.corpora
def test_changed_source_text_is_refused(shared_dir, tmp_path):
    from stance.corpora import read_wh_gold
    from stance.errors import ChecksumError

    (tmp_path / "wh_gold").mkdir()
    src = sorted((DATA / "wh_gold").glob("*.gold.json"))[0]
    d = json.loads(src.read_text(encoding="utf-8"))
    d["text_sha256"] = "0" * 64
    (tmp_path / "wh_gold" / src.name).write_text(json.dumps(d), encoding="utf-8")
    with pytest.raises(ChecksumError, match="has changed"):
        read_wh_gold(shared_dir / "corpora", tmp_path)


def test_missing_corpus_names_the_variables(tmp_path, monkeypatch):
    from stance.corpora import load_plover
    from stance.errors import CorpusNotFoundError

    monkeypatch.setenv("STANCE_CORPORA_DIR", str(tmp_path))
    with pytest.raises(CorpusNotFoundError, match="STANCE_PLOVER_GSR_DIR"):
        load_plover()


@pytest.mark.corpora
def test_public_loaders(shared_dir):
    from stance.corpora import load_ibm_claim_stance, load_plover, load_polnear

    plover = load_plover(path=shared_dir / "corpora" / "plover_gsr")
    assert len(plover) == 322 and plover.features["label"].names[0] == "demand"
    ibm = load_ibm_claim_stance(path=shared_dir / "corpora" / "ibm_claim_stance")
    assert len(ibm["train"]) == 1039 and len(ibm["test"]) == 1355
    dev = load_polnear("dev", path=shared_dir / "corpora" / "polnear")
    assert len(dev) == 2193 and sum(x >= 0 for x in dev["team_label"]) > 0


def test_gold_reader_refuses_bad_spans(tmp_path):
    from stance.errors import InputError

    (tmp_path / "x.txt").write_text("Lima said no.", encoding="utf-8")
    (tmp_path / "x.gold.json").write_text(json.dumps({"doc_id": "x", "entities": {"Lima": {"type": "government"}},
                                                      "statements": [{"speaker": "Lima", "content_span": [10, 99],
                                                                      "label": "other"}]}), encoding="utf-8")
    with pytest.raises(InputError, match="statement 0: content_span"):
        read_gold(tmp_path)


def test_white_house_gold_keeps_group_members(shared_dir):
    from stance.corpora.team import read_wh_gold

    groups = [e for g in read_wh_gold(shared_dir / "corpora") for e in g.entities.values() if e.members]
    assert groups and all(len(e.members) >= 2 for e in groups)
    assert sum(e.type == "group" for e in groups) > len(groups) // 2  # mostly groups (a task force has members too)
