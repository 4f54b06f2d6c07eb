import pytest

from stance import Document, Span, Statement, from_record, to_record, validate_record
from stance.errors import OffsetError, SchemaError

TEXT = "Nakagome demanded that Russia stop."


def test_span_text_and_bounds():
    assert Span(0, 8).text(TEXT) == "Nakagome"
    assert Span(3, 3).text(TEXT) == ""
    with pytest.raises(OffsetError):
        Span(5, 2)
    with pytest.raises(OffsetError):
        Span(-1, 2)
    with pytest.raises(OffsetError):
        Span(0, 999).text(TEXT)


def test_document_span_is_checked():
    doc = Document("d", TEXT)
    assert doc.span(9, 17).text(doc) == "demanded"
    with pytest.raises(OffsetError):
        doc.span(0, len(TEXT) + 1)


def test_record_round_trip():
    st = Statement("d", Span(18, 34), speaker="Masashi Nakagome", speaker_span=Span(0, 8), cue_span=Span(9, 17),
                   quote_type="indirect", label="demand", score=0.9)
    rec = to_record(st, TEXT)
    assert rec["speaker_text"] == "Nakagome" and rec["cue"] == "demanded" and rec["content"] == "that Russia stop"
    assert from_record(rec, TEXT) == st


@pytest.mark.parametrize("field,value", [
    ("content_span", [5]), ("content_span", [9, 3]), ("speaker_span", "0-8"), ("quote_type", "reported"),
    ("score", 1.5), ("score", True), ("label", 3), ("doc_id", None),
])
def test_validate_names_the_bad_field(field, value):
    rec = {"doc_id": "d", "content_span": [18, 34], "content": "that Russia stop"}
    rec[field] = value
    with pytest.raises(SchemaError) as err:
        validate_record(rec)
    assert err.value.field == ("doc_id" if field == "doc_id" else field)


def test_validate_checks_text_against_spans():
    rec = {"doc_id": "d", "content_span": [18, 34], "content": "that Japan stop"}
    with pytest.raises(SchemaError, match="content"):
        validate_record(rec, TEXT)
    with pytest.raises(SchemaError, match="past the end"):
        validate_record({"doc_id": "d", "content_span": [18, 340]}, TEXT)


def test_records_without_spans_for_classify():
    validate_record({"content": "We reject it."}, require_spans=False)
    with pytest.raises(SchemaError, match="content"):
        validate_record({"cue": "said"}, require_spans=False)


def test_statement_context_is_local_however_far_the_speaker_mention_lies():
    """The classifier's context holds speaker, cue and content, but not a mention far back in the text."""
    from stance.records import CONTEXT_REACH, statement_context

    head = "The Ministry of Foreign Affairs issued this note."
    body = "It urged Peru to reopen the border."
    for gap in (10, CONTEXT_REACH + 500, 50 * CONTEXT_REACH):
        text = head + " " * gap + body
        at = len(head) + gap
        st = Statement(doc_id="d", content_span=Span(at + 9, at + len(body) - 1), speaker="Ministry of Foreign Affairs",
                       speaker_span=Span(4, 31), cue_span=Span(at + 3, at + 8), quote_type="indirect")
        context = statement_context(text, st)
        assert context.endswith("to reopen the border")
        if gap < CONTEXT_REACH:
            assert context.startswith("Ministry of Foreign Affairs")
        else:
            assert context == "urged Peru to reopen the border"


def test_entity_keeps_a_groups_members_through_its_dict_form():
    from stance.document import Entity

    group = Entity.from_dict("Ana Ruiz and Omar Haddad", {"type": "group", "members": ["Ana Ruiz", "Omar Haddad"]})
    assert group.members == ("Ana Ruiz", "Omar Haddad")
    assert Entity.from_dict(group.name, group.to_dict()) == group
    assert "members" not in Entity("Ana Ruiz", "person").to_dict()
    with pytest.raises(TypeError, match="not one string"):
        Entity("Ana Ruiz and Omar Haddad", "group", members="Ana Ruiz")
