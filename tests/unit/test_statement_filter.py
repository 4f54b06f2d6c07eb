"""The statement filter for news and the plain-data model format the segmenter's learned parts share."""

import pytest

from stance import Document
from stance.errors import ModelFileError
from stance.segment import RuleSegmenter
from stance.segment.cue_model import CueModel
from stance.segment.plain_model import LinearModel
from stance.segment.statement_filter import StatementFilter, load_statement_filter


def contents(text, genre="news", **options):
    found = RuleSegmenter(**options).segment(Document("t", text, {"genre": genre}))
    return [st.content_span.text(text) for st, _ in found]


# -- the plain-data model --------------------------------------------------------------------------------------


def test_linear_model_scores_by_lookup_and_round_trips_through_json(tmp_path):
    model = LinearModel({"a": 2.0, "b": -1.0}, -0.5, 0.5, metadata={"seed": 1})
    assert model.score(["a", "b", "unseen"]) == pytest.approx(0.5)
    assert model.passes(["a"]) and not model.passes(["b"])
    model.save(tmp_path / "m.json")
    again = LinearModel.load(tmp_path / "m.json")
    assert (again.weights, again.intercept, again.threshold, again.metadata) == (
        model.weights, model.intercept, model.threshold, model.metadata)
    assert again.dumps() == (tmp_path / "m.json").read_text(encoding="utf-8")  # the same model, the same bytes


def test_a_model_file_of_another_kind_is_refused(tmp_path):
    StatementFilter({"a": 1.0}, 0.0).save(tmp_path / "m.json")
    with pytest.raises(ModelFileError, match="cue"):
        CueModel.load(tmp_path / "m.json")


# -- the statement filter --------------------------------------------------------------------------------------


def test_the_statement_filter_drops_cued_statements_of_news_only():
    text = "Ana Ruiz announced the results on Friday."
    drop_announced = StatementFilter({"cue=announced": -5.0}, 1.0, 0.5)
    assert contents(text, statement_filter=None) == ["the results on Friday"]
    assert contents(text, statement_filter=drop_announced) == []
    # a document in a source's own voice follows rule 9, not the news filter
    assert contents(text, genre="statement", statement_filter=drop_announced) == ["the results on Friday"]


def test_the_statement_filter_never_drops_a_cue_with_a_stance_of_its_own():
    drop_all = StatementFilter({}, -10.0, 0.5)
    text = "Ana Ruiz opposed the plan. She released the video."
    assert contents(text, statement_filter=drop_all) == ["the plan"]


def test_the_bundled_filter_is_plain_data_with_its_provenance():
    model = load_statement_filter()
    assert model is not None and model.weights
    meta = model.metadata
    assert meta["trained_on"] == "PolNeAR train" and meta["chosen_on"] == "PolNeAR dev"
    assert len(meta["data_fingerprint"]) == 64 and "scikit-learn" in meta["versions"] and "seed" in meta
