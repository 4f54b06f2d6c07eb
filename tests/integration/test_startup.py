"""Start-up: analysing a short text imports neither scikit-learn nor the other heavy libraries (issue 7).

Each check runs in a fresh interpreter, because this test process has long
imported them.  Timing is not tested here (see docs/classifiers.md for the
measured figures); what is tested is what makes it fast.
"""

import json
import subprocess
import sys

import pytest

HEAVY = ("sklearn", "scipy", "pandas", "datasets", "skops", "pyarrow", "joblib")  # joblib: only for n_jobs > 1
ARTICLE = "Ana Silva, the foreign minister, urged Peru to reopen the border.\n“We reject the claims,” she said.\n"


def _run(code: str, *args) -> dict:
    script = (code + "\nimport json, sys\n"
              f"print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r})))")
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    *output, heavy = done.stdout.splitlines()
    return {"output": output, "heavy": json.loads(heavy)}


@pytest.mark.parametrize("code", [
    "import stance",
    "import stance.cli, stance.pipeline, stance.classify, stance.classify.persistence, stance.classify.plain",
    "from stance.segment.segmenter import RuleSegmenter\nfrom stance.attribute.resolver import EntityResolver\n"
    "RuleSegmenter(); EntityResolver()",
], ids=["import stance", "cli and model loader", "segmenter and resolver"])
def test_imports_stay_light(code):
    assert _run(code)["heavy"] == []


def test_cli_analyze_labels_a_short_file_without_heavy_imports(tmp_path):
    path = tmp_path / "chile-peru.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    run = _run("import sys\nfrom stance.cli import main\nmain(['analyze', sys.argv[1], '--format', 'jsonl'])",
               str(path))
    labels = [json.loads(line)["label"] for line in run["output"]]
    assert labels == ["demand", "rejection"] and run["heavy"] == []


def test_library_analyze_and_classify_without_heavy_imports():
    run = _run(f"import stance\nr = stance.analyze({ARTICLE!r})\nprint([s.label for s in r.statements])\n"
               "model, _ = stance.load_model()\nprint(list(model.predict(['We must stop the tests.'])))")
    assert run["output"] == ["['demand', 'rejection']", "['demand']"] and run["heavy"] == []


def test_the_estimator_is_still_there_for_who_asks():
    run = _run("import stance\nmodel, _ = stance.load_model(estimator=True)\nprint(type(model).__name__)")
    assert run["output"] == ["Pipeline"] and "sklearn" in run["heavy"]
