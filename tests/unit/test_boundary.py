"""The learned parts of the segmenter: content ends, the statement filter, and their plain-data model files."""

import pytest

from stance import Document
from stance.segment import RuleSegmenter
from stance.segment.boundary import ContentEndModel, end_features, load_content_end_model
from stance.segment.plain_model import LinearModel
from stance.segment.statement_filter import StatementFilter, load_statement_filter
from stance.text.tokens import tokenize


def contents(text, genre="news", **options):
    found = RuleSegmenter(**options).segment(Document("t", text, {"genre": genre}))
    return [st.content_span.text(text) for st, _ in found]


# -- the plain-data model --------------------------------------------------------------------------------------


def test_linear_model_scores_by_lookup_and_round_trips_through_json(tmp_path):
    model = LinearModel({"a": 2.0, "b": -1.0}, -0.5, 0.5, kind="content_end", metadata={"seed": 1})
    assert model.score(["a", "b", "unseen"]) == pytest.approx(0.5)
    assert model.passes(["a"]) and not model.passes(["b"])
    model.save(tmp_path / "m.json")
    again = LinearModel.load(tmp_path / "m.json", "content_end")
    assert (again.weights, again.intercept, again.threshold, again.metadata) == (
        model.weights, model.intercept, model.threshold, model.metadata)


def test_a_model_file_of_another_kind_is_refused(tmp_path):
    LinearModel({"a": 1.0}, 0.0, kind="statement_filter").save(tmp_path / "m.json")
    with pytest.raises(ValueError, match="content_end"):
        ContentEndModel.load(tmp_path / "m.json")


def test_content_end_model_takes_the_best_scoring_end_first_of_equals():
    model = ContentEndModel({"x": 1.0, "y": 3.0}, 0.0)
    assert model.choose((0, 9), [(3, ["x"]), (5, ["y"]), (9, ["y"])]) == 5
    assert model.choose((0, 9), []) is None


# -- content ends ----------------------------------------------------------------------------------------------


def test_end_features_describe_the_boundary_and_the_rule_cut():
    text = "Ana Ruiz praised the plan, which failed."
    tokens = tokenize(text)
    k = [t.text for t in tokens].index(",")
    features = end_features(tokens, k, 3, len(tokens) - 1, cue="praise", rule=len(tokens) - 1, verbs={})
    assert {"b=COMMA", "n=which", "p=plan", "bn=COMMA|which", "before_rule"} <= set(features)


def test_a_content_end_model_cuts_where_it_scores_highest():
    text = "Ana Ruiz praised the plan, which failed in May."
    cut_at_comma = ContentEndModel({"b=COMMA": 5.0}, 0.0)
    assert contents(text, content_ends=cut_at_comma, statement_filter=None) == ["the plan"]
    assert contents(text, content_ends=None, statement_filter=None) == ["the plan, which failed in May"]


def test_content_is_never_cut_inside_a_quotation_nor_before_its_closing_mark():
    text = "Ana Ruiz urged Peru “to act now, and fast” on the border."
    cut_inside = ContentEndModel({"b=COMMA": 5.0, "b=and": 5.0, "pb=fast|QUOTE": 5.0, "b=DOT": 1.0}, 0.0)
    assert contents(text, content_ends=cut_inside, statement_filter=None) == [
        "Peru “to act now, and fast” on the border"]


def test_the_bundled_model_ends_content_before_a_relative_clause_on_the_object():
    text = "Ana Ruiz praised the new budget plan, which failed in the council last week."
    assert contents(text, content_ends="learned") == ["the new budget plan"]


def test_the_bundled_model_keeps_a_second_that_clause_of_the_same_cue():
    text = "Ruiz said the talks had stalled, but that both sides would meet again in May."
    assert contents(text, content_ends="learned") == [
        "the talks had stalled, but that both sides would meet again in May"]


# -- content interrupted by its cue, quotations continued --------------------------------------------------------


@pytest.mark.parametrize("text,expected", [
    ("The average monthly payment, the ministry says, would be 300 pesos.",
     "The average monthly payment, the ministry says, would be 300 pesos"),
    ("If the plan fails, Ana Ruiz argues, there are other tools.",
     "If the plan fails, Ana Ruiz argues, there are other tools"),
    ("A wall would stop smugglers, she said, but also drugs.", "A wall would stop smugglers, she said, but also drugs"),
    # a conjunction and a new clause after the cue: the writer goes on, the content is before the cue
    ("It would take two weeks to convene the council, he said, and long talks could paralyse it.",
     "It would take two weeks to convene the council"),
])
def test_a_cue_that_interrupts_its_content(text, expected):
    assert contents(text, content_ends=None, statement_filter=None) == [expected]


def test_a_quotation_continues_past_a_statement_in_a_relative_clause_of_its_sentence():
    text = "“They tried to stop me,” said Ana Ruiz, who wrote about the visit in her book. “It did not work.”"
    found = [(c, m and m.span.text(text)) for c, m in
             ((st.content_span.text(text), m) for st, m in
              RuleSegmenter(statement_filter=None).segment(Document("t", text, {"genre": "news"})))]
    assert found[0] == ("They tried to stop me,", "Ana Ruiz")
    assert found[-1] == ("It did not work.", "Ana Ruiz")


# -- the statement filter --------------------------------------------------------------------------------------


def test_the_statement_filter_drops_cued_statements_of_news_only():
    text = "Ana Ruiz announced the results on Friday."
    drop_announced = StatementFilter({"cue=announced": -5.0}, 1.0, 0.5)
    assert contents(text, statement_filter=None, content_ends=None) == ["the results on Friday"]
    assert contents(text, statement_filter=drop_announced, content_ends=None) == []
    # a document in a source's own voice follows rule 9, not the news filter
    assert contents(text, genre="statement", statement_filter=drop_announced, content_ends=None) == [
        "the results on Friday"]


def test_the_statement_filter_never_drops_a_cue_with_a_stance_of_its_own():
    drop_all = StatementFilter({}, -10.0, 0.5)
    text = "Ana Ruiz opposed the plan. She released the video."
    assert contents(text, statement_filter=drop_all, content_ends=None) == ["the plan"]


def test_the_bundled_models_are_plain_data_with_their_provenance():
    for model in (load_content_end_model(), load_statement_filter()):
        assert model is not None and model.weights
        meta = model.metadata
        assert meta["trained_on"] == "PolNeAR train" and meta["chosen_on"] == "PolNeAR dev"
        assert len(meta["data_fingerprint"]) == 64 and "scikit-learn" in meta["versions"] and "seed" in meta
