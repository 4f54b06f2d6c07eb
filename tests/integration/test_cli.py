"""The `stance` command, run in-process through `main(argv)` and once as a real console script."""

import gzip
import json
import subprocess
import sys

import pytest

from stance.cli import main

ARTICLE = "Ana Silva, the foreign minister, urged Peru to reopen the border.\n“We reject the claims,” she said.\n"


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "chile-peru.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_analyze_jsonl_records(capsys, article):
    code, out, err = run(capsys, "analyze", str(article), "--format", "jsonl")
    assert code == 0, err
    recs = [json.loads(line) for line in out.splitlines()]
    assert [(r["doc_id"], r["speaker"], r["label"]) for r in recs] == [
        ("chile-peru", "Ana Silva", "demand"), ("chile-peru", "Ana Silva", "rejection")]
    for r in recs:
        assert ARTICLE[r["content_span"][0]:r["content_span"][1]] == r["content"]


def test_analyze_csv_table_output_file_and_folder(capsys, article, tmp_path):
    out_csv = tmp_path / "out.csv"
    assert run(capsys, "analyze", str(tmp_path), "--format", "csv", "-o", str(out_csv))[0] == 0
    lines = out_csv.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("doc_id,speaker") and len(lines) == 3
    code, out, _ = run(capsys, "analyze", str(article), "--format", "table")
    assert code == 0 and "Ana Silva" in out and "demand" in out


def test_analyze_jsonl_gz_corpus_with_fields_and_a_bad_record(capsys, tmp_path):
    corpus = tmp_path / "c.jsonl.gz"
    with gzip.open(corpus, "wt", encoding="utf-8") as f:
        f.write(json.dumps({"url": "u1", "body": ARTICLE}) + "\n")
        f.write("{not json\n")
        f.write(json.dumps({"url": "u3", "title": "no body"}) + "\n")
        f.write(json.dumps({"url": "u4", "body": "Lima said talks would resume."}) + "\n")
    code, out, err = run(capsys, "analyze", str(corpus), "--text-field", "body", "--id-field", "url",
                         "--format", "jsonl")
    assert code == 1
    assert {json.loads(line)["doc_id"] for line in out.splitlines()} == {"u1", "u4"}
    assert "c.jsonl.gz:2: malformed JSON" in err and "c.jsonl.gz:3: no string field 'body'" in err


def test_analyze_stdin(capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    code, out, _ = run(capsys, "analyze", "-", "--format", "jsonl")
    assert code == 0 and json.loads(out.splitlines()[0])["doc_id"] == "stdin"


@pytest.mark.parametrize("setup,message", [
    (lambda p: p / "missing.txt", "no such file"),
    (lambda p: (p / "empty").mkdir() or p / "empty", "holds no *.txt"),
    (lambda p: (p / "bad.txt").write_bytes(b"ok \xff\xfe bad") and p / "bad.txt", "not valid UTF-8 at byte 3"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, tmp_path, setup, message):
    code, out, err = run(capsys, "analyze", str(setup(tmp_path)))
    assert code == 2 and message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_errors_replace_goes_on(capsys, tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"Lima said talks \xff would resume.")
    code, out, _ = run(capsys, "analyze", str(tmp_path / "bad.txt"), "--errors", "replace", "--format", "jsonl")
    assert code == 0 and "\ufffd" in json.loads(out)["content"]


def test_classify_adds_label_and_score(capsys, tmp_path):
    recs = tmp_path / "st.jsonl"
    recs.write_text(json.dumps({"content": "Japan to stop the tests", "cue": "urged"}) + "\n"
                    + json.dumps({"cue": "said"}) + "\n"
                    + json.dumps({"content": "that it cannot accept the proposal", "cue": "said", "doc_id": "x"})
                    + "\n",
                    encoding="utf-8")
    code, out, err = run(capsys, "classify", str(recs))
    assert code == 1 and "st.jsonl:2: record has no string 'content'" in err
    got = [json.loads(line) for line in out.splitlines()]
    assert [(r["label"], 0 < r["score"] <= 1) for r in got] == [("demand", True), ("rejection", True)]
    assert got[1]["doc_id"] == "x"


def test_evaluate_scores_predictions_against_gold(capsys, tmp_path):
    (tmp_path / "d.txt").write_text(ARTICLE, encoding="utf-8")
    gold = {"doc_id": "d", "entities": {"Ana Silva": {"type": "person"}}, "statements": [
        {"speaker": "Ana Silva", "speaker_span": [0, 9], "cue_span": [35, 40], "content_span": [41, 64],
         "quote_type": "indirect", "label": "demand"}]}
    (tmp_path / "d.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    pred = tmp_path / "pred.jsonl"
    run(capsys, "analyze", str(tmp_path / "d.txt"), "--format", "jsonl", "-o", str(pred))
    code, out, _ = run(capsys, "evaluate", "--gold", str(tmp_path), "--pred", str(pred), "--json")
    scores = json.loads(out)
    assert code == 0 and scores["statement_r"] == 1.0 and scores["statement_p"] == 0.5
    assert scores["attribution_acc"] == 1.0 and scores["e2e_r"] == 1.0


def test_version_and_help_on_every_subcommand(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0 and capsys.readouterr().out.startswith("stance ")
    for cmd in ("analyze", "classify", "evaluate", "info"):
        with pytest.raises(SystemExit):
            main([cmd, "--help"])
        assert "example" in capsys.readouterr().out


def test_console_script_is_installed(article):
    proc = subprocess.run([sys.executable, "-m", "stance.cli", "analyze", str(article), "--format", "jsonl"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and proc.stdout.count("\n") == 2


@pytest.mark.corpora
def test_corpus_stats_json_has_parts_and_labels(capsys, shared_dir):
    code, out, _ = run(capsys, "corpus", "stats", "--json", "--corpora", str(shared_dir / "corpora"))
    stats = json.loads(out)
    assert code == 0 and set(stats["parts"]) == {"examples", "wh_gold", "polnear", "training_articles"}
    articles = stats["parts"]["training_articles"]["splits"]
    assert articles["train"]["statements"] > 0 and articles["dev"]["statements"] == articles["test"]["statements"] == 0
    for part in stats["parts"].values():
        assert {"documents", "statements", "labels"} <= set(part)
        assert sum(part["labels"].values()) == part["statements"]
    assert sum(stats["labels"].values()) == stats["statements"]


def test_corpus_records_of_the_bundled_examples_feed_classify(capsys, tmp_path):
    out = tmp_path / "ex.jsonl"
    assert run(capsys, "corpus", "records", "--part", "examples", "--split", "dev", "-o", str(out))[0] == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and all(r["split"] == "dev" and r["content"] for r in rows)
    code, labelled, _ = run(capsys, "classify", str(out))
    assert code == 0 and len(labelled.splitlines()) == len(rows)
