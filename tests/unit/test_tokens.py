"""Tokens: offsets into the text, and a stretch of a long text tokenized alone or sliced from the whole."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from stance.segment.lexicon import load_lexicon
from stance.text import tokens as tokens_module
from stance.text.tokens import Token, tokenize


def reference(text, start=0, end=None):
    """What the tokenizer is specified to return: every match of its pattern in ``text[start:end]``."""
    return [(m.start(), m.end(), m.group(), m.group().lower())
            for m in tokens_module._TOKEN.finditer(text, start, len(text) if end is None else end)]


def test_tokens_carry_offsets_text_and_lower_case():
    text = "The U.S. envoy said Japan\u2019s co-operation won\u2019t end."
    toks = tokenize(text)
    assert [t.text for t in toks] == ["The", "U.S.", "envoy", "said", "Japan\u2019s", "co-operation", "won\u2019t",
                                      "end", "."]
    assert all(text[t.start:t.end] == t.text and t.lower == t.text.lower() for t in toks)
    assert isinstance(toks[0], Token) and toks[0].is_capitalized and not toks[2].is_capitalized


# long enough for the whole-text path; pieces that glue words together or leave white space at the ends
_PIECES = ["U.S.", "said", "Ms.", "Japan\u2019s", "co-op", "'", "\u201c", ".", ",", "\u00e9t\u00e9", "42", "x", "-",
           " ", "  ", "\n", "\t", "\u00a0"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), min_size=300, max_size=500), st.data())
def test_a_stretch_of_a_long_text_gives_the_tokens_of_that_stretch_alone(pieces, data):
    text = "".join(pieces)
    text += " " * (tokens_module._WHOLE_TEXT_MIN - len(text))  # long enough to be tokenized whole
    for _ in range(10):
        start = data.draw(st.integers(-2, len(text) + 2))
        end = data.draw(st.one_of(st.none(), st.integers(-2, len(text) + 2)))
        clamp = min(max(start, 0), len(text))
        stop = len(text) if end is None else min(max(end, 0), len(text))
        assert [tuple(t) for t in tokenize(text, start, end)] == reference(text, clamp, stop)


def test_sentences_of_a_long_text_are_sliced_from_one_tokenization():
    sentence = "The minister said talks would continue."
    text = " ".join([sentence] * 50)
    n = len(sentence)
    first = tokenize(text, 0, n)
    again = tokenize(text, n + 1, 2 * n + 1)
    assert [t.text for t in again] == [t.text for t in first]
    assert again[0].start == n + 1 and re.fullmatch(r"\.", again[-1].text)
    # the same Token objects as the whole text's (tokenized once), not new ones
    assert again[0] is tokenize(text)[len(first)]


def test_the_lexicon_knows_the_words_a_cue_can_begin_with():
    lex = load_lexicon("en")
    assert "said" in lex.cue_words and "minister" not in lex.cue_words
    assert set(lex.verbs) | set(lex.nouns) | set(lex.phrases) | set(lex.light_verbs) == set(lex.cue_words)


@settings(max_examples=200, deadline=None)
@given(st.text(), st.data())
def test_any_text_and_any_stretch_give_the_pattern_s_matches(text, data):
    # short texts take the direct path (one ``re.split`` of the stretch); offsets must still index ``text``
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert [tuple(t) for t in tokenize(text, start, end)] == reference(text, start, end)
    assert [tuple(t) for t in tokens_module._scan(text, start, end)] == reference(text, start, end)
