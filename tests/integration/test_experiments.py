"""Experiment scripts: the end-to-end run is reproducible and never overwrites; run_all runs a config in order."""

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXPERIMENTS = ROOT / "experiments"


def load_script(name):
    spec = importlib.util.spec_from_file_location(f"experiment_{name}", EXPERIMENTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def without_volatile(metrics: dict) -> dict:
    """metrics.json minus what changes from run to run by design: the date, the command line, timings."""
    metrics = json.loads(json.dumps(metrics))
    for key in ("date", "command"):
        metrics["provenance"].pop(key)
    metrics.pop("timing")
    return metrics


def test_end_to_end_on_the_examples_twice_gives_identical_results(tmp_path, capsys):
    end_to_end = load_script("end_to_end")
    config = EXPERIMENTS / "configs" / "end_to_end.toml"
    runs = []
    for n in (1, 2):
        end_to_end.main([str(config), "--examples-only", "--results", str(tmp_path / f"run{n}")])
        out = tmp_path / f"run{n}" / "end_to_end_examples"
        assert {p.name for p in out.iterdir()} >= {"report.md", "report.html", "metrics.json", "config.json",
                                                   "predictions.jsonl"}
        runs.append(out)
    a, b = (json.loads((r / "metrics.json").read_text(encoding="utf-8")) for r in runs)
    assert without_volatile(a) == without_volatile(b)
    assert (runs[0] / "predictions.jsonl").read_bytes() == (runs[1] / "predictions.jsonl").read_bytes()
    assert a["config"]["team_parts"] == ["examples"] and a["scores"]["n_docs"] == a["by_part"]["examples"]["n_docs"]
    assert a["bootstrap"]["seed"] == a["config"]["seed"] and a["intervals"]["e2e_f1"]
    assert "e2e_f1" in capsys.readouterr().out
    # an existing result is kept unless --overwrite
    with pytest.raises(SystemExit, match="--overwrite"):
        end_to_end.main([str(config), "--examples-only", "--results", str(tmp_path / "run1")])
    end_to_end.main([str(config), "--examples-only", "--results", str(tmp_path / "run1"), "--overwrite"])


def test_run_all_runs_in_order_with_overwrite_and_lists_missing_scripts_as_pending(tmp_path, capsys):
    run_all = load_script("run_all")
    log = tmp_path / "log.txt"
    script = tmp_path / "echo_experiment.py"
    script.write_text("import sys\nopen(sys.argv[-1], 'a').write(' '.join(sys.argv[1:]) + '\\n')\n",
                      encoding="utf-8")
    failing = tmp_path / "failing.py"
    failing.write_text("raise SystemExit(3)\n", encoding="utf-8")
    cfg = tmp_path / "exp.toml"
    cfg.write_text("seed = 1\n", encoding="utf-8")
    config = tmp_path / "run_all.toml"
    config.write_text(f"""seed = 1
[[experiment]]
name = "first"
script = "{script}"
config = "{cfg}"
args = ["{log}"]
[[experiment]]
name = "not_written_yet"
script = "no_such_experiment.py"
config = "configs/no_such_experiment.toml"
[[experiment]]
name = "broken"
script = "{failing}"
config = "{cfg}"
[[experiment]]
name = "second"
script = "{script}"
config = "{cfg}"
args = ["{log}"]
""", encoding="utf-8")
    summary = tmp_path / "summary.json"
    assert run_all.main([str(config), "--summary", str(summary)]) == 1  # one failed
    assert log.read_text(encoding="utf-8").splitlines() == [f"{cfg} --overwrite {log}"] * 2
    out = capsys.readouterr().out
    assert "not_written_yet: pending" in out
    got = {e["name"]: e["status"] for e in json.loads(summary.read_text(encoding="utf-8"))["experiments"]}
    assert got == {"first": "ok", "not_written_yet": "pending", "broken": "failed", "second": "ok"}
    assert run_all.main([str(config), "--only", "second", "--summary", "-"]) == 0
    assert len(log.read_text(encoding="utf-8").splitlines()) == 3


def test_the_project_run_all_config_lists_the_existing_experiments():
    run_all = load_script("run_all")
    items = run_all.plan(run_all.load_config(EXPERIMENTS / "configs" / "run_all.toml"))
    names = [i["name"] for i in items]
    assert {"segmentation", "end_to_end"} <= set(names) and len(names) == len(set(names))
    for i in items:
        assert i["status"] == "ready" or not (i["script"].exists() and i["config"].exists())
    assert run_all.main(["--dry-run"]) == 0


def test_throughput_benchmark_records_its_figures_and_never_overwrites(tmp_path, shared_dir, capsys):
    bench = load_script("bench_throughput")
    config = tmp_path / "bench.toml"
    config.write_text(
        'name = "bench_throughput"\nseed = 1\n'
        '[corpus]\nname = "wh_briefings"\nfile = "statements-releases.jsonl.gz"\ndocuments = 12\n'
        '[throughput]\nworkers = [1, 2]\ntask_documents = 4\nrepeats = 1\n'
        '[length]\nsizes = [1000, 3000]\ncharacters = 6000\nrepeats = 1\n', encoding="utf-8")
    bench.main([str(config), "--results", str(tmp_path)])
    result = json.loads((tmp_path / "bench_throughput" / "results.json").read_text(encoding="utf-8"))
    assert [row["workers"] for row in result["throughput"]] == [1, 2]
    one, two = result["throughput"]
    assert one["statements"] == two["statements"] > 0  # the same documents, whatever the number of workers
    assert one["documents_per_second"] > 0 and one["words_per_second"] > 0 and one["peak_rss_mb"] > 0
    assert [row["size"] for row in result["length"]] == [1000, 3000]
    assert all(row["characters"] >= 6000 and row["seconds_per_mb"] > 0 for row in result["length"])
    assert result["data"]["documents"] == 12 and len(result["data"]["sha256"]) == 64 and result["versions"]
    assert "documents/s" in capsys.readouterr().out
    with pytest.raises(SystemExit, match="--overwrite"):
        bench.main([str(config), "--results", str(tmp_path)])
