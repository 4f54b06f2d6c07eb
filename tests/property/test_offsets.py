"""The offsets invariant on arbitrary text: every reported span is exactly its text in the original."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stance import Document, Pipeline
from stance.text import find_quotes, layout, paragraph_spans, split_sentences

MARKS = list("\"'“”„«»‹›「」『』‘’") + ["\r\n", "\n\n", "\u00a0", "\u200b", "\u0301", "😀", "𝔘", "\ufeff", ":", "."]
WORDS = ["said", "urged", "the ministry", "Nakagome", "according to", "He", "rejected", "We", "Q:", "MS. LEE:",
         "expressed concern about", "told reporters that", ",", "U.S.", "Mr.", "3.5"]

text_strategy = st.lists(
    st.one_of(st.sampled_from(MARKS), st.sampled_from(WORDS), st.text(max_size=12)),
    max_size=60,
).map(" ".join)

PIPE = Pipeline()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_strategy)
def test_every_reported_span_maps_back(text):
    result = PIPE(text, doc_id="h")
    for rec in result.records():
        for span_key, text_key in (("speaker_span", "speaker_text"), ("cue_span", "cue"),
                                   ("content_span", "content")):
            span = rec[span_key]
            if span is None:
                assert rec[text_key] is None
                continue
            assert 0 <= span[0] <= span[1] <= len(text)
            assert text[span[0]:span[1]] == rec[text_key]
        assert rec["content"].strip()
        assert rec["label"] in ("demand", "concern", "rejection", "other")


@settings(max_examples=300, deadline=None)
@given(text_strategy)
def test_text_stage_spans_are_ordered_and_inside(text):
    paragraphs = paragraph_spans(text)
    assert all(0 <= s < e <= len(text) for s, e in paragraphs)
    assert all(a[1] <= b[0] for a, b in zip(paragraphs, paragraphs[1:]))
    quotes = find_quotes(text, paragraphs)
    assert all(0 <= q.open < q.close <= len(text) for q in quotes)
    assert all(a.close <= b.open for a, b in zip(quotes, quotes[1:]))
    for s, e in split_sentences(text, paragraphs, quotes):
        assert 0 <= s < e <= len(text) and text[s:e].strip() == text[s:e]
    for b in layout(text, paragraphs):
        assert 0 <= b.start < b.end <= len(text)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_unicode_never_crashes(text):
    PIPE(Document("u", text))
