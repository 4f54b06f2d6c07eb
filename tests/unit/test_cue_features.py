"""Lexicon features of one statement: answers per lexicon, every occurrence counted (issue 7 kept them exact)."""

import dataclasses

from stance.classify.features import cue_entry, cue_label, modality_signals, text_cue_labels
from stance.segment.lexicon import load_lexicon


def test_cue_answers_are_those_of_the_lexicon_asked():
    # the answers are remembered per cue text, but never carried over to another lexicon
    lex = load_lexicon("en")
    entry = cue_entry("urged", lex)
    assert entry.label == "demand"
    other = dataclasses.replace(lex, verbs={**lex.verbs, "urged": [dataclasses.replace(entry, label="concern")]})
    assert cue_label("urged", other) == "concern" and cue_label("urged", lex) == "demand"
    assert cue_entry("urged", lex, ["urged"]) is entry  # the uncached path gives the same row


def test_modality_and_content_cues_count_every_occurrence():
    m = modality_signals("We can\u2019t and won't go; they must not wait. Needs to? You cannot, I will never.")
    assert m == {"obligation": 2, "neg_obligation": 1, "neg_ability": 2, "neg_volition": 2, "negation": 5,
                 "future": 1, "first_person": 2, "second_person": 1, "question": 1}
    text = "The ministry urged calm, rejected the claims and expressed concern about the tests."
    assert text_cue_labels(text, load_lexicon("en")) == ["demand", "rejection", "concern"]
