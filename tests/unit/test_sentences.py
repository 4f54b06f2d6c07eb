import pytest

from stance.text import find_quotes, paragraph_spans, split_sentences


def sentences(text):
    paras = paragraph_spans(text)
    return [text[s:e] for s, e in split_sentences(text, paras, find_quotes(text, paras))]


@pytest.mark.parametrize("text,expected", [
    ("Mr. Smith met Gen. J. R. Jones on Jan. 5. It rained 3.5 mm. He left.",
     ["Mr. Smith met Gen. J. R. Jones on Jan. 5.", "It rained 3.5 mm.", "He left."]),
    ("He lives in the U.S. The rest is fine.", ["He lives in the U.S.", "The rest is fine."]),
    ("U.S. President Biden met U.N. officials. They talked.", ["U.S. President Biden met U.N. officials.", "They talked."]),
    ('"We will not go. Never," he said. Then he left.', ['"We will not go. Never," he said.', "Then he left."]),
    ("Ask him? No! Fine.", ["Ask him?", "No!", "Fine."]),
    ("It grew by 2.5 per cent. Next.", ["It grew by 2.5 per cent.", "Next."]),
])
def test_split(text, expected):
    assert sentences(text) == expected


def test_paragraph_end_ends_a_sentence_without_period():
    assert sentences("A headline without period\nBody text here.") == ["A headline without period", "Body text here."]
