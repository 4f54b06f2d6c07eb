"""Evaluation reports: contents, the error analysis, figures with and without matplotlib, never overwriting."""

import hashlib
import json
import sys

import pytest

from stance import Document, Span, Statement
from stance.cli import main
from stance.corpora import GoldDocument, read_gold
from stance.evaluate import evaluation_report, score
from stance.evaluate.report import gold_fingerprint, model_fingerprint

TEXT = 'Ana said “the plan fails.” Bo urged Lima to stop. Cy added that all was fine.'


def span_of(text, snippet):
    start = text.index(snippet)
    return [start, start + len(snippet)]


def gold_doc(doc_id, genre):
    return GoldDocument(Document(doc_id, TEXT, {"genre": genre}), [
        Statement(doc_id, Span(*span_of(TEXT, "“the plan fails.”")), speaker="Ana Lopez",
                  speaker_span=Span(0, 3), quote_type="direct", label="other"),
        Statement(doc_id, Span(*span_of(TEXT, "Lima to stop")), speaker="Bo Chan", speaker_span=Span(27, 29),
                  label="demand"),
        Statement(doc_id, Span(*span_of(TEXT, "all was fine")), speaker="Cy Diaz", label="other"),
    ], {})


@pytest.fixture
def case():
    gold = [gold_doc("news-1", "news"), gold_doc("readout-1", "readout")]
    preds = [  # news-1: one wrong label, one wrong speaker, one spurious, one missed
        {"doc_id": "news-1", "content_span": span_of(TEXT, "the plan fails."), "speaker": "Lopez", "label": "concern",
         "score": 0.9, "quote_type": "direct"},
        {"doc_id": "news-1", "content_span": span_of(TEXT, "Lima to stop"), "speaker": "Cy", "label": "demand",
         "score": 0.8, "quote_type": "indirect"},
        {"doc_id": "news-1", "content_span": span_of(TEXT, "Ana said"), "speaker": "Ana", "label": "other",
         "score": 0.4, "quote_type": "indirect"},
    ]
    for st in gold[1].statements:  # readout-1: perfect
        preds.append({"doc_id": "readout-1", "content_span": st.content_span.to_list(), "speaker": st.speaker,
                      "label": st.label, "score": 0.7, "quote_type": st.quote_type})
    return gold, preds


def test_report_contents(case, tmp_path):
    gold, preds = case
    m = evaluation_report(gold, preds, tmp_path / "r", n_samples=200, seed=1, command="test run")
    expected = score(gold, preds)
    for key, value in expected.items():
        assert m["scores"][key] == value, key
    assert m["main_score"] == "e2e_f1" and m["bootstrap"]["n_samples"] == 200
    lo, hi = m["intervals"]["statement_f1"]
    assert lo <= m["scores"]["statement_f1"] <= hi
    # per class (matched statements) and the confusion matrix
    assert m["per_class"]["demand"] == {"support": 2, "p": 1.0, "r": 1.0, "f1": 1.0, "p_ci": [1.0, 1.0],
                                        "r_ci": [1.0, 1.0], "f1_ci": [1.0, 1.0]}
    assert m["per_class"]["other"]["support"] == 3 and m["per_class"]["other"]["r"] == round(2 / 3, 4)
    conf = m["confusion"]
    assert conf["matrix"][conf["rows"].index("other")][conf["columns"].index("concern")] == 1
    assert m["per_class_end_to_end"]["other"]["gold"] == 4 and m["per_class_end_to_end"]["other"]["correct"] == 2
    # breakdowns
    assert set(m["by_genre"]) == {"news", "readout"}
    assert m["by_genre"]["readout"]["e2e_f1"]["value"] == 1.0 and m["by_genre"]["news"]["n_docs"] == 1
    assert m["by_quote_type"]["direct"]["n_gold"] == 2 and m["by_quote_type"]["direct"]["recall"]["value"] == 1.0
    assert m["by_quote_type"]["indirect"]["precision"]["value"] == pytest.approx(3 / 4, abs=1e-4)
    # error analysis, worst first
    e = m["errors"]
    assert [e[k]["count"] for k in ("missed", "spurious", "wrong_speaker", "wrong_label")] == [1, 1, 1, 1]
    assert e["missed"]["examples"][0]["text"] == "all was fine" and e["missed"]["examples"][0]["doc_id"] == "news-1"
    assert e["spurious"]["examples"][0]["text"] == "Ana said"
    assert (e["wrong_speaker"]["examples"][0]["gold_speaker"], e["wrong_speaker"]["examples"][0]["pred_speaker"]) \
        == ("Bo Chan", "Cy")
    assert e["wrong_speaker"]["examples"][0]["gold_mention"] == "Bo"
    assert (e["wrong_label"]["examples"][0]["gold_label"], e["wrong_label"]["examples"][0]["pred_label"]) \
        == ("other", "concern")
    assert m["worst_documents"][0]["doc_id"] == "news-1"
    # provenance
    p = m["provenance"]
    assert p["command"] == "test run" and p["data_fingerprint"] == gold_fingerprint(gold)
    assert p["model"]["source"] == "bundled" and len(p["model"]["sha256"]) == 64
    assert p["stance_version"] and p["date"]
    # the files
    on_disk = json.loads((tmp_path / "r" / "metrics.json").read_text(encoding="utf-8"))
    assert on_disk == json.loads(json.dumps(m))
    md = (tmp_path / "r" / "report.md").read_text(encoding="utf-8")
    for heading in ("## Scores", "## Labels per class", "## Confusion matrix", "## By genre", "## By quote type",
                    "## Error analysis", "### Worst documents", "## Provenance"):
        assert heading in md
    assert "| Bo Chan | Bo | Cy |" in md and "all was fine" in md


def test_html_is_self_contained_with_embedded_figures(case, tmp_path):
    pytest.importorskip("matplotlib")
    gold, preds = case
    m = evaluation_report(gold, preds, tmp_path, n_samples=50)
    assert m["figures"] == {"available": True, "files": ["confusion.png", "genre_f1.png", "per_class_f1.png"]}
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert page.count('src="data:image/png;base64,') == 3 and "<style>" in page
    assert "http://" not in page and "https://" not in page and "<link" not in page and "<script" not in page
    assert (tmp_path / "confusion.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "![confusion matrix](confusion.png)" in (tmp_path / "report.md").read_text(encoding="utf-8")


def test_without_matplotlib_the_report_says_so_and_keeps_the_tables(case, tmp_path, monkeypatch):
    gold, preds = case
    evaluation_report(gold, preds, tmp_path, n_samples=50)  # an earlier run, with figures when possible
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # `import matplotlib` now raises ImportError
    m = evaluation_report(gold, preds, tmp_path, n_samples=50, overwrite=True)
    assert m["figures"]["available"] is False and "matplotlib" in m["figures"]["reason"]
    assert not list(tmp_path.glob("*.png"))  # no stale figure of the earlier run
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    for text in (md, page):
        assert "matplotlib is not installed" in text and "stance[report]" in text
        assert "Confusion matrix" in text and "By genre" in text
    assert "<img" not in page and "![" not in md


def test_a_report_folder_is_never_overwritten_unless_asked(case, tmp_path):
    from stance.errors import StanceError

    gold, preds = case
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StanceError, match="not empty"):
        evaluation_report(gold, preds, tmp_path, n_samples=20)
    assert not (tmp_path / "report.md").exists()
    evaluation_report(gold, preds, tmp_path, n_samples=20, overwrite=True)
    assert (tmp_path / "report.md").exists() and (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
    with pytest.raises(StanceError, match="is a file"):
        evaluation_report(gold, preds, tmp_path / "notes.txt", n_samples=20, overwrite=True)


def test_model_fingerprints(tmp_path):
    from stance.classify import default_model_path, read_meta

    assert model_fingerprint()["sha256"] == read_meta(default_model_path())["sha256"]
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "model.skops").write_bytes(b"weights")
    fp = model_fingerprint(folder)
    assert fp["source"] == "given" and fp["sha256"] == hashlib.sha256(b"weights").hexdigest()
    assert model_fingerprint(folder / "model.skops")["sha256"] == fp["sha256"]
    est = model_fingerprint({"a": 1})
    assert est["source"] == "in-memory estimator" and est == model_fingerprint({"a": 1})


def test_cli_evaluate_report(capsys, tmp_path, examples_dir):
    gold = read_gold(examples_dir)[:4]
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    pred = tmp_path / "pred.jsonl"
    with open(pred, "w", encoding="utf-8") as f:
        for g in gold:
            for name in (f"{g.doc_id}.txt", f"{g.doc_id}.gold.json"):
                (gold_dir / name).write_bytes((examples_dir / name).read_bytes())
            for r in g.records()[1:]:
                f.write(json.dumps(dict(r, label="other")) + "\n")
    out = tmp_path / "report"
    argv = ["evaluate", "--gold", str(gold_dir), "--pred", str(pred), "--report", str(out), "--bootstrap", "100"]
    assert main(argv) == 0
    stdout, err = capsys.readouterr()
    assert "95% bootstrap intervals" in stdout and "report.html" in err
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["scores"]["n_docs"] == 4 and metrics["bootstrap"]["n_samples"] == 100
    assert metrics["provenance"]["command"].startswith("stance evaluate --gold")
    assert metrics["errors"]["missed"]["count"] == 4
    assert main(argv) == 2  # not empty: refused
    assert "--overwrite" in capsys.readouterr().err
    assert main(argv + ["--overwrite", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["n_docs"] == 4
    assert main(argv + ["--overwrite", "--model", str(tmp_path / "nowhere")]) == 2
    assert main(["evaluate", "--gold", str(gold_dir), "--pred", str(pred), "--overwrite"]) == 2


def test_report_without_snippets_lists_errors_by_offsets_and_quotes_no_document(case, tmp_path):
    gold, preds = case
    m = evaluation_report(gold, preds, tmp_path / "r", n_samples=50, seed=1, command="test run", snippets=False)
    missed = m["errors"]["missed"]["examples"][0]
    start, end = missed["content_span"]
    assert missed["text"] == f"characters {start}\u2013{end}" and TEXT[start:end] == "all was fine"
    report = (tmp_path / "r" / "report.md").read_text(encoding="utf-8")
    assert "all was fine" not in report and f"characters {start}\u2013{end}" in report
