import pytest

from stance.text import find_quotes, paragraph_spans


def inner(text):
    return [(text[q.open + 1:q.close], q.closed) for q in find_quotes(text)]


@pytest.mark.parametrize("text,expected", [
    ('He said "no" and she said "yes".', [("no", True), ("yes", True)]),
    ("She said “we will not accept it.”", [("we will not accept it.", True)]),
    ("„Wir lehnen das ab“, sagte er.", [("Wir lehnen das ab", True)]),
    ("«Non», a-t-il dit.", [("Non", True)]),
    ("»Nein«, sagte sie.", [("Nein", True)]),
    ("「はい」と言った", [("はい", True)]),
    ("『いいえ』と述べた", [("いいえ", True)]),
    ("‘It’s fine,’ she said.", [("It’s fine,", True)]),
    ("Don’t worry about the ’90s, rock ’n’ roll.", []),
    ("“Outer ‘inner’ outer,” he said.", [("Outer ‘inner’ outer,", True)]),
])
def test_pairs(text, expected):
    assert inner(text) == expected


def test_unclosed_quote_recovers_at_paragraph_end():
    text = "“This never closes\n\nNext paragraph has “a quote” in it."
    quotes = find_quotes(text)
    assert [(text[q.open + 1:q.close], q.closed) for q in quotes] == [("This never closes", False), ("a quote", True)]


def test_open_quote_per_paragraph_continues():
    text = "“First paragraph of the quote.\n\n“Second and last.”"
    first, second = find_quotes(text)
    assert not first.closed and first.continues
    assert second.closed


def test_paragraphs_blank_lines_single_lines_and_hard_wraps():
    text = "Headline\nFirst line wrapped\nhere and done.\n\nSecond.\r\nThird.  \n\n"
    assert [text[s:e] for s, e in paragraph_spans(text)] == [
        "Headline", "First line wrapped\nhere and done.", "Second.", "Third."]


def test_many_unbalanced_marks_are_linear_and_safe():
    text = '"' * 100_000
    quotes = find_quotes(text)
    assert all(0 <= q.open < q.close <= len(text) for q in quotes)
