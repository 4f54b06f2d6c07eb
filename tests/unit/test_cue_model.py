"""The learned verb-cue model (stance.segment.cue_model): plain-data scoring, file checks, and what it changes.

Sentences are the team's own, written for these tests.
"""

import json
import math

import pytest

from stance import Document
from stance.errors import ModelFileError
from stance.segment import RuleSegmenter, find_cues, load_lexicon
from stance.segment.cue_model import CueModel, cue_features, load_cue_model
from stance.segment.plain_model import FORMAT
from stance.segment.cues import verb_refusal
from stance.text.tokens import tokenize


def _cue_words(text, cue_model="bundled"):
    tokens = tokenize(text)
    return [" ".join(t.text for t in tokens[c.first:c.last]) for c in find_cues(tokens, load_lexicon(), cue_model)]


def test_scoring_is_the_logistic_of_intercept_plus_weights():
    model = CueModel({"w=said": 2.0, "p1=the": -3.0}, intercept=-0.5, threshold=0.5)
    assert model.score(["w=said", "unknown"]) == pytest.approx(1.5)
    assert model.probability(["w=said"]) == pytest.approx(1 / (1 + math.exp(-1.5)))
    assert model.passes(["w=said"]) and not model.passes(["w=said", "p1=the"])
    strict = CueModel(model.weights, model.intercept, threshold=0.9)
    assert not strict.passes(["w=said"])  # p = 0.82 < 0.9


def test_round_trip_and_bad_files(tmp_path):
    model = CueModel({"w=urged": 1.25}, -1.0, 0.3, metadata={"seed": 1})
    path = tmp_path / "m.json"
    model.save(path)
    again = load_cue_model(str(path))
    assert again.weights == model.weights and again.intercept == -1.0 and again.threshold == 0.3
    for bad in ({"format": "other"}, {"format": FORMAT, "kind": "cue", "weights": {"a": "x"}, "intercept": 0,
                                      "threshold": 0.5},
                {"format": FORMAT, "kind": "cue", "weights": {}, "intercept": 0, "threshold": 1.5},
                {"format": FORMAT, "kind": "statement_filter", "weights": {}, "intercept": 0, "threshold": 0.5}):
        path.write_text(json.dumps(bad), encoding="utf-8")
        with pytest.raises(ModelFileError):
            load_cue_model(str(path))
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelFileError):
        load_cue_model(str(path))


def test_bundled_model_is_plain_data_with_its_provenance():
    model = load_cue_model()
    assert 0 < model.threshold < 1 and len(model.weights) > 1000
    meta = model.metadata
    assert meta["data"]["train_fingerprint"] and meta["config"]["seed"] == 20261128
    assert meta["dev"]["f1"] > meta["dev"]["rules_f1"]  # why it is shipped: it beats the hand rules on dev


def test_features_see_the_rule_verdict_and_the_neighbours():
    tokens = tokenize("The senator declined to say whether she would run.")
    i = [t.lower for t in tokens].index("say")
    entries = load_lexicon().verbs["say"]
    refusal = verb_refusal(tokens, i, entries)
    assert refusal == "determiner_before"  # "to" before a verb form: the rules refuse it
    feats = cue_features(tokens, i, "say", refusal)
    assert {"w=say", "p1=to", "n1=whether", "rule=determiner_before", "form=base"} <= set(feats)


@pytest.mark.parametrize("text,cue", [
    ("Senator Ana Ruiz said the vote was rigged.", "said"),
    ("Officials in Lima warned that the border would close.", "warned"),
    ("The minister called on Quito to release the prisoners.", "called on"),
])
def test_the_model_keeps_plain_reporting_verbs(text, cue):
    assert cue in _cue_words(text)


@pytest.mark.parametrize("text,word", [
    ("The rally drew thousands of supporters and the support surprised the organisers.", "support"),
    ("She said the rebel attacks on the convoy continued overnight.", "attacks"),
])
def test_the_model_rejects_nouns_the_rules_also_reject(text, word):
    assert not any(word in cue.lower().split() for cue in _cue_words(text))


def test_the_model_can_overrule_the_rules():
    # with a model that trusts the verb whatever the rules say, a refused form becomes a cue; the rules alone keep
    # refusing it
    text = "The senator is expected to say that she will run."
    trusting = CueModel({"w=say": 5.0}, intercept=0.0, threshold=0.5)
    assert "say" in _cue_words(text, trusting)
    assert "say" not in _cue_words(text, None)


def test_sentence_with_only_a_speaker_and_a_cue_reports_the_quotation_before_it():
    text = "Ana Ruiz spoke at the rally.\n\n“We will win this district.” Ruiz said.\n"
    got = [(m.span.text(text), st.content_span.text(text)) for st, m in RuleSegmenter().segment(Document("t", text))]
    assert ("Ruiz", "We will win this district.") in got


def test_a_speaker_sentence_after_a_quotation_takes_it_from_the_earlier_speaker():
    text = "“We will win,” Ruiz said at the rally.\n\n“We will not stop.” Silva said.\n"
    got = [(m.span.text(text), st.content_span.text(text)) for st, m in RuleSegmenter().segment(Document("t", text))]
    assert got == [("Ruiz", "We will win,"), ("Silva", "We will not stop.")]


@pytest.mark.parametrize("text,speaker", [
    ("Election monitors warned that the count was slow.", "Election monitors"),
    # the name, not the office before it
    ("The party's campaign chief, Mei Lin, argued that the rules were unfair.", "Mei Lin"),
    ("A lawyer for the two newspapers, Mei Lin, argued that the rules were unfair.", "Mei Lin"),
    ("“We will appeal,” the 43-year-old said.", "the 43-year-old"),
    ("“We will appeal,” said one person close to the family.", "one person close"),
    ("It was a relief for the crowds who had repeatedly warned that the plan would fail.", "who"),
    ("Ana Ruiz was quick to point out that the plan had failed.", "Ana Ruiz"),
    ("Insisting the count was fair, Omar Haddad told reporters that he would not resign.", "Omar Haddad"),
])
def test_more_speaker_forms(text, speaker):
    got = [m.span.text(text) for _, m in RuleSegmenter().segment(Document("t", text)) if m]
    assert speaker in got


@pytest.mark.parametrize("text,cue", [
    ("The official said the talks had failed.", "said"),
    ("A senior official warned that the border would close.", "warned"),
])
def test_a_past_form_after_a_noun_modifier_is_a_verb_for_the_rules_too(text, cue):
    # "official", "joint", "formal" modify a reporting noun ("a formal request"), but a past form is no noun
    assert cue in _cue_words(text, None)


@pytest.mark.parametrize("text", ["Her opening remarks were short.", "The formal request was sent on time."])
def test_a_noun_after_a_noun_modifier_is_no_cue(text):
    assert _cue_words(text, None) == []
