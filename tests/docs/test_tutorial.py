"""Every ```python block of docs/tutorial.md runs, in order, in one namespace, from the repository root."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TUTORIAL = ROOT / "docs" / "tutorial.md"
BLOCK = re.compile(r"^```python[ \t]*\n(.*?)^```[ \t]*$", re.S | re.M)


def python_blocks(markdown: str) -> list[tuple[int, str]]:
    """``(line number, code)`` of each fenced python block."""
    return [(markdown.count("\n", 0, m.start(1)) + 1, m.group(1)) for m in BLOCK.finditer(markdown)]


def test_the_extractor_finds_python_blocks_only():
    md = "x\n```python\na = 1\n```\n```sh\nls\n```\n```python\nb = a\n```\n"
    assert python_blocks(md) == [(3, "a = 1\n"), (9, "b = a\n")]


def test_tutorial_snippets_run_in_order(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    blocks = python_blocks(TUTORIAL.read_text(encoding="utf-8"))
    assert len(blocks) >= 8
    namespace = {"__name__": "tutorial"}
    for line, code in blocks:
        # padded so that a traceback names the line of docs/tutorial.md
        exec(compile("\n" * (line - 1) + code, str(TUTORIAL), "exec"), namespace)
    out = capsys.readouterr().out
    assert "report.html" in out and "macro-F1" in out
    assert namespace["metrics"]["scores"]["n_docs"] == len(namespace["dev"])
    assert list(namespace["clf"].classes_) == ["demand", "rejection", "other"]
    # section 6: a corpus run to Parquet, and Dataset.map
    import pyarrow.parquet as pq

    summary = namespace["summary"]
    assert summary.documents == len(list((ROOT / "data" / "examples").glob("*.txt")))
    assert pq.read_table(namespace["out"]).num_rows == summary.statements > 0
    assert set(namespace["rows"]["doc_id"]) == {"n1", "n2"}
