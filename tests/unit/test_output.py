"""Sinks of stance.output: resumable text files cut back to their checkpoint, Parquet parts of a fixed schema."""

import json

import pyarrow.parquet as pq
import pytest

from stance.errors import StanceError
from stance.output import ParquetSink, TextFileSink, json_line, open_sink, parts_dir, record_schema
from stance.records import RECORD_FIELDS


def record(doc_id, n, content="We reject it"):
    return {"doc_id": doc_id, "speaker": "Ana Silva", "speaker_text": "Silva", "speaker_span": [0, 5],
            "cue": "said", "cue_span": [6, 10], "content": content, "content_span": [11, 11 + n],
            "quote_type": "direct", "label": "rejection", "score": 0.75}


def test_json_line_escapes_lone_surrogates_only_when_needed():
    assert json_line({"a": "é"}) == '{"a": "é"}\n'
    assert json_line({"a": "x\ud800"}) == '{"a": "x\\ud800"}\n'


def test_a_text_file_resumes_at_its_committed_offset(tmp_path):
    path = tmp_path / "out.jsonl"
    sink = TextFileSink(path, "jsonl")
    sink.write([record("a", 1)])
    state = sink.commit()
    sink.write([record("b", 2)])  # written but never committed: a run killed here
    sink.close()
    with open(path, "a", encoding="utf-8") as f:
        f.write('{"doc_id": "c", "spea')  # and killed in the middle of a line
    assert state == {"bytes": len(json_line(record("a", 1)).encode())}

    sink = TextFileSink(path, "jsonl", resume_bytes=state["bytes"])
    sink.write([record("d", 3)])
    sink.close()
    assert [json.loads(line)["doc_id"] for line in path.read_text(encoding="utf-8").splitlines()] == ["a", "d"]


def test_a_resumed_csv_keeps_one_header(tmp_path):
    path = tmp_path / "out.csv"
    sink = TextFileSink(path, "csv")
    sink.write([record("a", 1)])
    state = sink.commit()
    sink.close()
    sink = TextFileSink(path, "csv", resume_bytes=state["bytes"])
    sink.write([record("b", 2)])
    sink.close()
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("doc_id,speaker,") and len(lines) == 3 and lines[2].startswith("b,")


def test_a_text_file_shorter_than_its_checkpoint_is_refused(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_text("{}\n", encoding="utf-8")
    with pytest.raises(StanceError, match="shorter than the 100 bytes"):
        TextFileSink(path, "jsonl", resume_bytes=100)


def test_parquet_holds_rows_back_until_a_row_group_is_full_then_merges_the_parts(tmp_path):
    path = tmp_path / "out.parquet"
    sink = ParquetSink(path, row_group_size=3)
    sink.write([record("a", 1), record("a", 2)])
    assert sink.commit() is None  # two rows held back: nothing durable to record yet
    sink.write([record("b", 3), record("b", 4)])
    assert sink.commit() == {"parts": 1}
    sink.write([record("c", 5)])
    assert sink.commit(final=True) == {"parts": 2}
    sink.close()
    table = pq.read_table(path)
    assert table.schema == record_schema() and table.column_names == list(RECORD_FIELDS)
    assert pq.ParquetFile(path).num_row_groups == 2
    assert table.to_pylist() == [record(d, n) for d, n in [("a", 1), ("a", 2), ("b", 3), ("b", 4), ("c", 5)]]
    sink.cleanup()
    assert not parts_dir(path).exists()


def test_parquet_resume_keeps_the_counted_parts_and_drops_later_ones(tmp_path):
    path = tmp_path / "out.parquet"
    sink = ParquetSink(path, row_group_size=1)
    sink.write([record("a", 1)])
    state = sink.commit()
    sink.write([record("b", 2)])
    sink.commit()  # a part written after the last checkpoint
    (parts_dir(path) / "part-000002.tmp").write_bytes(b"PAR1 half a part")  # and one killed mid-write
    sink.close(complete=False)
    assert not path.exists()

    sink = ParquetSink(path, resume_parts=state["parts"], row_group_size=1)
    assert sorted(p.name for p in parts_dir(path).iterdir()) == ["part-000000.parquet"]
    sink.write([record("c", 3)])
    sink.commit(final=True)
    sink.close()
    assert [r["doc_id"] for r in pq.read_table(path).to_pylist()] == ["a", "c"]


def test_parquet_writes_lone_surrogates_as_replacement_characters(tmp_path):
    path = tmp_path / "out.parquet"
    sink = ParquetSink(path)
    sink.write([record("a", 1, content="x\ud800")])
    sink.commit(final=True)
    sink.close()
    assert pq.read_table(path).column("content").to_pylist() == ["x\ufffd"]


def test_parquet_needs_a_file():
    with pytest.raises(StanceError, match="needs a file"):
        open_sink(None, "parquet")
