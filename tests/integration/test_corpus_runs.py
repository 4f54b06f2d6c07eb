"""Corpus runs end to end: worker processes, a Dask cluster, a run killed for real, Parquet, Dataset.map."""

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from stance.cli import main
from stance.runner import analyze_dataset, run_corpus, worker_pipeline

ROOT = Path(__file__).resolve().parents[2]


def jsonl_records(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def corpus(tmp_path, write_corpus):
    return write_corpus(tmp_path / "corpus.jsonl", 14, bad_lines=(6,))


@pytest.fixture
def reference(tmp_path, corpus):
    """The output of one process, one document at a time."""
    out = tmp_path / "reference.jsonl"
    assert run_corpus([str(corpus)], str(out), batch_size=1, on_error=lambda m: None).errors == 1
    return out


@pytest.mark.parametrize("backend", ["loky", "threading"])
def test_output_order_is_the_same_whatever_n_jobs(tmp_path, capsys, corpus, reference, backend):
    out = tmp_path / "out.jsonl"
    code = main(["analyze", str(corpus), "-o", str(out), "--n-jobs", "2", "--batch-size", "2", "--backend", backend])
    assert code == 1 and "corpus.jsonl:6: malformed JSON" in capsys.readouterr().err
    assert out.read_bytes() == reference.read_bytes()


def test_parquet_has_the_rows_of_jsonl(tmp_path, capsys, corpus, reference):
    out = tmp_path / "out.parquet"
    assert main(["analyze", str(corpus), "-o", str(out), "--format", "parquet", "--n-jobs", "2"]) == 1
    assert pq.read_table(out).to_pylist() == jsonl_records(reference)

    from datasets import Dataset

    assert Dataset.from_parquet(str(out))["content_span"] == [r["content_span"] for r in jsonl_records(reference)]


def test_dask_local_cluster_gives_the_same_output(tmp_path, capsys, corpus, reference):
    distributed = pytest.importorskip("dask.distributed", reason="the 'dask' extra (CI installs it with 'dev')")
    out = tmp_path / "out.jsonl"
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster:
        code = main(["analyze", str(corpus), "-o", str(out), "--backend", "dask", "--scheduler",
                     cluster.scheduler_address, "--batch-size", "3"])
    assert code == 1, capsys.readouterr().err
    assert out.read_bytes() == reference.read_bytes()


def test_a_run_killed_for_real_resumes_without_a_lost_or_doubled_record(tmp_path, capsys, write_corpus):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    out = tmp_path / "out.jsonl"
    progress = tmp_path / "out.jsonl.progress"
    for n in (40, 160, 640):  # a bigger corpus if the run was too quick to be killed halfway
        corpus = write_corpus(tmp_path / "corpus.jsonl", n)
        run = subprocess.Popen([sys.executable, "-m", "stance.cli", "analyze", str(corpus), "-o", str(out),
                                "--batch-size", "1", "--no-progress"], env=env, stderr=subprocess.PIPE)
        done = 0
        while run.poll() is None and done < 2:
            try:
                done = json.loads(progress.read_text(encoding="utf-8"))["documents"]
            except (OSError, ValueError):  # not written yet
                time.sleep(0.002)
        run.send_signal(signal.SIGKILL)
        run.communicate()
        if run.returncode == -signal.SIGKILL:
            break
    else:
        pytest.fail("the run always finished before it could be killed")
    assert progress.exists() and out.stat().st_size > 0

    assert main(["analyze", str(corpus), "-o", str(out), "--resume", "--batch-size", "4", "-v"]) == 0
    err = capsys.readouterr().err
    assert f"{n} documents" in err and "done before resuming" in err
    full = tmp_path / "full.jsonl"
    run_corpus([str(corpus)], str(full))
    assert out.read_bytes() == full.read_bytes()
    assert not progress.exists()


def test_progress_bar_shows_documents_and_statements(tmp_path, capsys, corpus):
    out = tmp_path / "out.jsonl"
    main(["analyze", str(corpus), "-o", str(out), "--progress"])
    err = capsys.readouterr().err
    statements = len(jsonl_records(out))
    assert "14doc" in err.replace(" ", "") and "doc/s" in err and f"statements={statements}]" in err
    assert re.search(r"\r +\rstance: \S+corpus.jsonl:6: malformed JSON", err)  # the bar cleared for the message
    main(["analyze", str(corpus), "-o", str(out), "--no-progress"])
    assert "statements=" not in capsys.readouterr().err


@pytest.mark.parametrize("argv,message", [
    (["--resume"], "--resume needs"),
    (["--format", "parquet"], "--format parquet needs a file"),
    (["--scheduler", "tcp://127.0.0.1:1"], "goes with --backend dask"),
    (["--batch-size", "0"], "--batch-size must be 1 or more"),
])
def test_bad_run_options_are_one_line_and_exit_2(capsys, corpus, argv, message):
    code = main(["analyze", str(corpus), *argv])
    err = capsys.readouterr().err
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1


def test_analyze_dataset_gives_the_pipelines_records_as_rows(make_documents):
    from datasets import Dataset

    docs = make_documents(8)
    ds = Dataset.from_dict({"id": [d["id"] for d in docs], "text": [d["text"] for d in docs],
                            "genre": ["news"] * len(docs)})
    expected = [r for d in docs for r in worker_pipeline()(d["text"], doc_id=d["id"],
                                                           metadata={"genre": "news"}).records()]
    rows = analyze_dataset(ds, id_column="id", batch_size=3)
    assert rows.to_list() == expected and rows.features["content_span"].length == 2
    assert analyze_dataset(ds, id_column="id", batch_size=3, num_proc=2).to_list() == expected
    assert analyze_dataset(ds.remove_columns("id"))["doc_id"][0] == "0"  # no id column: the row index
