"""stance.runner in one process: batches, counts, and resuming an interrupted run without a lost or doubled record."""

import json

import pyarrow.parquet as pq
import pytest

from stance.errors import MissingOptionalDependencyError, StanceError
from stance.output import parts_dir
from stance.runner import ProgressFile, parallel_backend, run_corpus


def read_output(path, fmt):
    if fmt == "parquet":
        return pq.read_table(path).to_pylist()
    return path.read_bytes()


def progress_path(out):
    return out.with_name(out.name + ".progress")


def test_every_document_counts_those_without_statements_too(tmp_path, write_corpus):
    corpus = write_corpus(tmp_path / "c.jsonl", 12)
    out = tmp_path / "out.jsonl"
    summary = run_corpus([str(corpus)], str(out), batch_size=5)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert summary.documents == 12 and summary.statements == len(records) > 0 and summary.errors == 0
    ids = [r["doc_id"] for r in records]
    assert ids == sorted(ids) and "d0005" not in ids  # input order; d0005 has no statement
    assert not progress_path(out).exists()


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_a_run_interrupted_mid_write_resumes_to_the_uninterrupted_output(tmp_path, monkeypatch, write_corpus, fmt):
    corpus = write_corpus(tmp_path / "c.jsonl", 30, bad_lines=(4, 28))
    options = {"fmt": fmt, "row_group_size": 4}
    full = tmp_path / f"full.{fmt}"
    full_errors = []
    full_summary = run_corpus([str(corpus)], str(full), batch_size=3, on_error=full_errors.append, **options)
    assert full_summary.errors == 2 and len(full_errors) == 2

    out = tmp_path / f"out.{fmt}"
    real_write, calls = ProgressFile.write, []

    def killed_on_the_fifth_checkpoint(self, *args):
        calls.append(args)
        if len(calls) == 5:
            # the output of this batch is on disk but not yet recorded; the next batch dies mid-line
            if fmt == "parquet":
                (parts_dir(out) / "part-000099.tmp").write_bytes(b"PAR1 half")
            else:
                with open(out, "a", encoding="utf-8") as f:
                    f.write('{"doc_id": "d0099", "speaker": "Ana')
            raise KeyboardInterrupt
        real_write(self, *args)

    monkeypatch.setattr(ProgressFile, "write", killed_on_the_fifth_checkpoint)
    with pytest.raises(KeyboardInterrupt):
        run_corpus([str(corpus)], str(out), batch_size=3, on_error=lambda m: None, **options)
    monkeypatch.undo()
    state = json.loads(progress_path(out).read_text(encoding="utf-8"))
    assert 0 < state["documents"] < 30 and state["errors"] == 1  # the bad line 4 is in the part done

    resumed_errors = []
    summary = run_corpus([str(corpus)], str(out), batch_size=7, resume=True, on_error=resumed_errors.append,
                         **options)
    assert read_output(out, fmt) == read_output(full, fmt)
    assert (summary.documents, summary.statements, summary.errors) == (30, full_summary.statements, 2)
    assert summary.resumed_after == state["documents"]
    assert resumed_errors == [full_errors[1]]  # line 4 was reported by the first run, not again
    assert not progress_path(out).exists() and not parts_dir(out).exists()


def test_resume_refuses_a_changed_input_and_a_finished_run(tmp_path, write_corpus):
    corpus = write_corpus(tmp_path / "c.jsonl", 4)
    out = tmp_path / "out.jsonl"
    ProgressFile(out, {"inputs": [], "format": "jsonl"}).write(2, 3, 0, {"bytes": 0})
    out.write_text("", encoding="utf-8")
    with pytest.raises(StanceError, match="different run .*inputs"):
        run_corpus([str(corpus)], str(out), resume=True)
    progress_path(out).unlink()
    with pytest.raises(StanceError, match="exists without its progress file"):
        run_corpus([str(corpus)], str(out), resume=True)


def test_resume_needs_an_output_file(tmp_path, write_corpus):
    corpus = write_corpus(tmp_path / "c.jsonl", 2)
    with pytest.raises(StanceError, match="--resume needs"):
        run_corpus([str(corpus)], None, resume=True)


def test_resume_without_a_progress_file_or_output_starts_afresh(tmp_path, write_corpus):
    corpus = write_corpus(tmp_path / "c.jsonl", 3)
    out = tmp_path / "out.jsonl"
    assert run_corpus([str(corpus)], str(out), resume=True).documents == 3


def test_a_missing_input_writes_nothing(tmp_path):
    out = tmp_path / "out.jsonl"
    with pytest.raises(StanceError, match="no such file"):
        run_corpus([str(tmp_path / "missing.jsonl")], str(out))
    assert list(tmp_path.iterdir()) == []


def test_backend_options_are_checked(monkeypatch):
    import sys

    with pytest.raises(StanceError, match="goes with --backend dask"):
        with parallel_backend("loky", "tcp://127.0.0.1:8786"):
            pass
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # as if the extra were not installed
    with pytest.raises(MissingOptionalDependencyError, match=r"stance\[dask\]"):
        with parallel_backend("dask", "tcp://127.0.0.1:8786"):
            pass


def test_a_document_that_fails_loses_only_itself_not_its_batch(monkeypatch):
    """The batch goes through Pipeline.pipe in one call; when that fails, each document is retried alone."""
    from stance import runner

    pipeline = runner.worker_pipeline()
    segment = pipeline.segmenter.segment

    def fragile(doc):
        if "BOOM" in doc.text:
            raise RuntimeError("cannot segment")
        return segment(doc)

    monkeypatch.setattr(pipeline.segmenter, "segment", fragile)
    batch = [("a", "The minister urged Peru to reopen the border.", {}), ("b", "BOOM", {}),
             ("c", "“We reject the claims,” the ministry said.", {})]
    results = runner.analyze_batch(batch)
    assert [message for _, message in results] == [None, "b: analysis failed (RuntimeError: cannot segment)", None]
    assert [[r["doc_id"] for r in records] for records, _ in (results[0], results[2])] == [["a"], ["c"]]
    assert [r["label"] for r in results[0][0] + results[2][0]] == ["demand", "rejection"]


# -- the frozen heap: only in processes a run owns ---------------------------------------------------------------

def _freeze_count_after(code):
    import subprocess
    import sys

    script = "import gc\n" + code + "\nprint(gc.get_freeze_count())"
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return int(run.stdout.split()[-1])


def test_library_calls_leave_the_callers_garbage_collector_alone():
    assert _freeze_count_after("import stance\nstance.analyze('The minister said the talks would go on.')") == 0


def test_a_process_the_run_owns_freezes_its_heap_once_the_pipeline_is_loaded():
    assert _freeze_count_after("from stance.runner import worker_pipeline\nworker_pipeline(freeze_heap=True)") > 0
