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
    # committed results quote no document: offsets and names only, errors listed by offsets
    rows = [json.loads(line) for line in (runs[0] / "predictions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows and all("content" not in r and "speaker_text" not in r and r["content_span"] for r in rows)
    missed = a["errors"]["missed"]["examples"]
    assert all(e["text"].startswith("characters ") for e in missed)
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
    assert {"segmentation", "end_to_end", "learning_curve", "ablation", "ibm_claim_stance"} <= set(names)
    assert len(names) == len(set(names)) and names[-1] == "headline"
    assert [i["name"] for i in items if i["status"] != "ready"] == []
    for i in items:
        assert i["status"] == "ready" or not (i["script"].exists() and i["config"].exists())
    assert run_all.main(["--dry-run"]) == 0


# -- the learning curve, the ablation, IBM claim stance and the README's headline table -------------------------

_TINY_DATA = """
[data]
parts = "examples"
train_splits = ["train"]
eval_splits = ["dev"]
"""
# a quick linear model for the tiny configs (the bundled configuration takes longer to fit)
_QUICK = '{ estimator = "logreg", char_ngrams = [], calibration = "sigmoid", cv = 3 }'


def _without(metrics: dict, *keys) -> dict:
    return {k: v for k, v in metrics.items() if k not in keys}


def test_learning_curve_samples_documents_and_twice_gives_identical_results(tmp_path):
    learning_curve = load_script("learning_curve")
    config = tmp_path / "learning_curve.toml"
    config.write_text(f"""name = "learning_curve"
seed = 7
fractions = [0.5, 1.0]
repeats = 2
{_TINY_DATA}
[models.linear]
estimator = "linear"
params = {_QUICK}
[models.cue_lexicon]
estimator = "cue_lexicon"
""", encoding="utf-8")
    runs = []
    for n in (1, 2):
        assert learning_curve.main([str(config), "--results", str(tmp_path / f"run{n}")]) == 0
        out = tmp_path / f"run{n}" / "learning_curve"
        assert {"metrics.json", "results.md"} <= {p.name for p in out.iterdir()}
        runs.append(json.loads((out / "metrics.json").read_text(encoding="utf-8")))
    a, b = runs
    assert _without(a, "timing", "git_commit") == _without(b, "timing", "git_commit")
    assert a["versions"]["stance"] and a["data_fingerprints"]["train"] != a["data_fingerprints"]["dev"]
    # two samples of half the documents (different ones), one run of all; each for both models
    assert [(r["model"], r["fraction"], r["repeat"]) for r in a["runs"]] == [
        ("linear", 0.5, 0), ("cue_lexicon", 0.5, 0), ("linear", 0.5, 1), ("cue_lexicon", 0.5, 1),
        ("linear", 1.0, 0), ("cue_lexicon", 1.0, 0)]
    half = [r for r in a["runs"] if r["fraction"] == 0.5 and r["model"] == "linear"]
    assert half[0]["train_fingerprint"] != half[1]["train_fingerprint"]
    assert 2 * half[0]["documents"] in (a["n"]["train_documents"], a["n"]["train_documents"] + 1)
    assert [p["fraction"] for p in a["curve"]["linear"]] == [0.5, 1.0]
    assert a["curve"]["linear"][1]["statements"]["mean"] == a["n"]["train"]
    text = (tmp_path / "run1" / "learning_curve" / "results.md").read_text(encoding="utf-8")
    assert "| 0.5 |" in text and "cue_lexicon macro-F1" in text
    with pytest.raises(SystemExit, match="--overwrite"):
        learning_curve.main([str(config), "--results", str(tmp_path / "run1")])


def test_document_samples_keep_whole_documents_and_depend_only_on_their_own_seed():
    learning_curve = load_script("learning_curve")
    X = [{"doc_id": f"d{k // 3}", "content": str(k)} for k in range(30)]  # 10 documents of 3 statements
    y = ["other"] * 30
    Xs, ys, docs = learning_curve.document_sample(X, y, 0.3, seed=1, repeat=0)
    assert len(docs) == 3 and len(Xs) == len(ys) == 9 and {x["doc_id"] for x in Xs} == set(docs)
    assert learning_curve.document_sample(X, y, 0.3, seed=1, repeat=0)[2] == docs
    assert {tuple(learning_curve.document_sample(X, y, 0.3, seed=1, repeat=r)[2]) for r in range(5)} != {tuple(docs)}
    assert learning_curve.document_sample(X, y, 1.0, seed=1, repeat=0)[0] == X


def test_ablation_removes_groups_and_tests_them_against_the_full_model(tmp_path):
    ablation = load_script("ablation")
    config = tmp_path / "ablation.toml"
    config.write_text(f"""name = "ablation"
seed = 7
full_model = "experiments/configs/default_model.toml"
bootstrap_samples = 50
{_TINY_DATA}
[[variant]]
name = "- lexicon: negation, modality"
description = "no modality"
params = {{ lexicon_exclude = ["modality"] }}
""", encoding="utf-8")
    assert ablation.main([str(config), "--results", str(tmp_path)]) == 0
    out = tmp_path / "ablation"
    m = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert set(m["variants"]) == {"full", "- lexicon: negation, modality"}
    full, variant = m["variants"]["full"], m["variants"]["- lexicon: negation, modality"]
    assert full["scores"]["label_macro_f1"]["ci"] and set(full["scores"]["label_f1_per_type"]) == {
        "demand", "concern", "rejection", "other"}
    paired = variant["paired"]["label_macro_f1"]
    assert paired["a"] == variant["scores"]["label_macro_f1"]["value"]
    assert paired["b"] == full["scores"]["label_macro_f1"]["value"]
    assert 0 < paired["p_value"] <= 1 and paired["n_docs"] == m["n"]["dev_documents"]
    assert m["full_model"]["params"]["estimator"] == "both" and m["data_fingerprints"]["dev"]
    assert "- lexicon: negation, modality" in (out / "results.md").read_text(encoding="utf-8")


def test_train_model_adds_narration_and_its_fingerprint_to_the_model(tmp_path, shared_dir, monkeypatch):
    monkeypatch.setenv("STANCE_CORPORA_DIR", str(shared_dir / "corpora"))
    train_model = load_script("train_model")
    config = {"name": "tiny", "seed": 7, "estimator": "linear", "scheme": "stance4",
              "estimator_params": {"estimator": "logreg", "char_ngrams": [], "calibration": None},
              "data": {"parts": "examples", "train_splits": ["train"], "eval_splits": []},
              "narration": {"enabled": True, "source": "polnear", "cap": 30, "seed": 3, "weight": 0.1}}
    train_model.train(config, tmp_path / "with")
    train_model.train(dict(config, narration={"enabled": False}), tmp_path / "without")
    meta = json.loads((tmp_path / "with" / "meta.json").read_text(encoding="utf-8"))["training_data"]
    plain = json.loads((tmp_path / "without" / "meta.json").read_text(encoding="utf-8"))["training_data"]
    narration = meta["narration"]
    assert narration["n_kept"] == 30 and narration["labels"] == {"other": 30} and narration["n_seen"] > 1000
    assert (narration["cap"], narration["seed"], narration["weight"]) == (30, 3, 0.1)
    # the model's fingerprint covers the narration rows; the gold rows' own is kept beside it
    assert meta["gold_fingerprint"] == plain["fingerprint"] != meta["fingerprint"]
    assert "narration" not in plain and "gold_fingerprint" not in plain
    with pytest.raises(ValueError, match="narration.source"):
        train_model.narration(dict(config, narration={"enabled": True, "source": "wh", "seed": 1}), "stance4")


def test_train_model_weighs_parts_and_records_the_weights(tmp_path, shared_dir, monkeypatch):
    monkeypatch.setenv("STANCE_CORPORA_DIR", str(shared_dir / "corpora"))
    train_model = load_script("train_model")
    config = {"name": "tiny", "seed": 7, "estimator": "linear", "scheme": "stance4",
              "estimator_params": {"estimator": "logreg", "char_ngrams": [], "calibration": None},
              "data": {"parts": ["examples", "wh_gold"], "train_splits": ["train"], "eval_splits": []}}
    train_model.train(config, tmp_path / "plain")
    half = dict(config, data=dict(config["data"], part_weights={"examples": 0.5}))
    train_model.train(half, tmp_path / "half")
    train_model.train(dict(config, data=dict(config["data"], part_weights={"wh_gold": 0})), tmp_path / "none")
    meta = {name: json.loads((tmp_path / name / "meta.json").read_text(encoding="utf-8"))["training_data"]
            for name in ("plain", "half", "none")}
    assert meta["half"]["part_weights"]["weights"] == {"examples": 0.5}
    assert meta["half"]["gold_fingerprint"] == meta["plain"]["fingerprint"] != meta["half"]["fingerprint"]
    assert meta["half"]["statements_by_part"] == meta["plain"]["statements_by_part"]
    assert set(meta["none"]["statements_by_part"]) == {"examples"}  # weight 0 leaves the part out
    assert meta["none"]["statements"] == meta["plain"]["statements_by_part"]["examples"]
    # the part left out is recorded, but the rows fitted all weigh 1: the gold fingerprint is the model's
    assert meta["none"]["part_weights"] == {"weights": {"wh_gold": 0}} and "gold_fingerprint" not in meta["none"]


def test_ibm_claim_stance_trains_a_user_scheme_on_official_topics(tmp_path, shared_dir, monkeypatch):
    monkeypatch.setenv("STANCE_CORPORA_DIR", str(shared_dir / "corpora"))
    ibm = load_script("ibm_claim_stance")
    config = tmp_path / "ibm.toml"
    config.write_text("""name = "ibm_claim_stance"
seed = 7
bootstrap_samples = 50
max_topics_per_split = 2
[scheme]
name = "claim_stance_test"
labels = ["PRO", "CON"]
[fields]
content = "claim"
context = "topic"
doc_id = "topic_id"
[models.majority]
estimator = "majority"
description = "majority"
[models.linear]
estimator = "linear"
description = "linear"
params = { estimator = "logreg", char_ngrams = [], cue = false, calibration = "sigmoid", cv = 2 }
""", encoding="utf-8")
    assert ibm.main([str(config), "--results", str(tmp_path)]) == 0
    out = tmp_path / "ibm_claim_stance"
    m = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    assert m["n"]["train_topics"] == m["n"]["test_topics"] == 2 and m["scheme"]["labels"] == ["PRO", "CON"]
    majority = m["models"]["majority"]["scores"]
    assert min(majority["label_f1_per_type"].values()) == 0.0  # one label only
    paired = m["models"]["linear"]["paired"]
    assert paired["label_macro_f1"]["b"] == majority["label_macro_f1"]["value"]
    assert paired["label_accuracy"]["b"] == majority["label_accuracy"]["value"]
    rows = [json.loads(line) for line in (out / "predictions.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) == m["n"]["test"] and set(rows[0]) == {"claim_id", "topic_id", "gold", "majority", "linear"}
    assert {r["gold"] for r in rows} <= {"PRO", "CON"}


def test_readme_headline_table_is_what_the_committed_results_give():
    headline = load_script("headline")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert headline.render(readme) == readme, "run python experiments/headline.py"
    assert headline.main(["--check"]) == 0


def test_headline_rewrites_a_stale_table_and_says_not_run_without_results(tmp_path, capsys):
    headline = load_script("headline")
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\n{headline.START}\n| stale |\n{headline.END}\n\nafter\n", encoding="utf-8")
    assert headline.main(["--readme", str(readme), "--check"]) == 1
    assert headline.main(["--readme", str(readme)]) == 0
    text = readme.read_text(encoding="utf-8")
    assert "| stale |" not in text and text.endswith(f"{headline.END}\n\nafter\n") and "macro-F1" in text
    assert headline.main(["--readme", str(readme), "--check"]) == 0
    empty = tmp_path / "results"
    empty.mkdir()
    assert headline.table(empty).count("not run") == 15
    with pytest.raises(ValueError, match="markers"):
        headline.render("no markers here")


def test_throughput_benchmark_records_its_figures_and_never_overwrites(tmp_path, shared_dir, capsys):
    bench = load_script("bench_throughput")
    config = tmp_path / "bench.toml"
    config.write_text(
        'name = "bench_throughput"\nseed = 1\n'
        '[corpus]\nname = "wh_briefings"\nfile = "statements-releases.jsonl.gz"\ndocuments = 12\n'
        '[throughput]\nworkers = [1, 2]\ntask_documents = 4\nrepeats = 1\n'
        '[length]\nsizes = [1000, 3000]\ncharacters = 6000\nrepeats = 1\n'
        '[stages]\ndocuments = 4\nrepeats = 1\n', encoding="utf-8")
    bench.main([str(config), "--results", str(tmp_path)])
    result = json.loads((tmp_path / "bench_throughput" / "results.json").read_text(encoding="utf-8"))
    assert [row["workers"] for row in result["throughput"]] == [1, 2]
    one, two = result["throughput"]
    assert one["statements"] == two["statements"] > 0  # the same documents, whatever the number of workers
    assert one["documents_per_second"] > 0 and one["words_per_second"] > 0 and one["peak_rss_mb"] > 0
    assert [row["size"] for row in result["length"]] == [1000, 3000]
    assert all(row["characters"] >= 6000 and row["seconds_per_mb"] > 0 for row in result["length"])
    assert result["data"]["documents"] == 12 and len(result["data"]["sha256"]) == 64 and result["versions"]
    stages = result["stage_cpu_ms_per_document"]
    assert set(stages) == {"regex_tokens", "tokens", "text", "segment", "attribute", "classify"}
    assert all(v >= 0 for v in stages.values()) and stages["segment"] > 0
    assert "documents/s" in capsys.readouterr().out
    with pytest.raises(SystemExit, match="--overwrite"):
        bench.main([str(config), "--results", str(tmp_path)])


def test_polnear_agreement_scores_annotators_against_the_primary_and_refuses_test(tmp_path, shared_dir, monkeypatch):
    monkeypatch.setenv("STANCE_CORPORA_DIR", str(shared_dir / "corpora"))
    agreement = load_script("polnear_agreement")
    from stance.corpora.team import read_polnear
    from stance.evaluate.polnear import count_polnear_document
    from stance.segment import load_lexicon

    # the primary annotation, read as a prediction, agrees with itself completely
    doc = next(read_polnear(("annotator-training",)))
    own = count_polnear_document(doc, agreement.as_predictions(doc["attributions"]), speech_only=True,
                                 lexicon=load_lexicon())
    assert own.gold == own.pred == own.matched == own.speaker_ok > 0
    config = tmp_path / "agreement.toml"
    body = 'name = "polnear_agreement"\nseed = 3\nbootstrap_samples = 20\nsplits = ["annotator-training"]\n'
    config.write_text(body, encoding="utf-8")
    agreement.main([str(config), "--results", str(tmp_path)])
    m = json.loads((tmp_path / "polnear_agreement" / "metrics.json").read_text(encoding="utf-8"))
    articles = m["articles"]["annotator-training"]
    human = m["human_vs_primary"]["speech_cue"]["pooled"]
    assert human["pairs"] == m["system_vs_others"]["speech_cue"]["pooled"]["pairs"] > articles > 0
    assert m["system_vs_primary"]["all"]["pooled"]["pairs"] == articles
    assert 0.5 < human["statement_f1"] < 1.0  # annotators agree, but not perfectly
    config.write_text(body.replace('"annotator-training"', '"test"'), encoding="utf-8")
    with pytest.raises(SystemExit):
        agreement.main([str(config), "--results", str(tmp_path), "--overwrite"])


def test_encoder_model_fine_tunes_votes_and_scores_its_members(tmp_path, shared_dir, tiny_encoder):
    encoder_model = load_script("encoder_model")
    config = tmp_path / "encoder.toml"
    config.write_text(f"""name = "encoder_model"
seed = 7
output = "{(tmp_path / 'vote').as_posix()}"
[data]
parts = "examples"
train_splits = ["train"]
select_splits = ["dev"]
test_splits = ["test"]
example = "examples/japan-russia-meeting.gold.json"
[encoder]
encoder = "{Path(tiny_encoder).as_posix()}"
max_length = 32
epochs = 1
batch_size = 32
threads = 1
[vote]
linear = "stance/resources/models/default"
weights = {{ linear = 0.5, encoder = 0.5 }}
""", encoding="utf-8")
    assert encoder_model.main([str(config), "--results", str(tmp_path / "results")]) == 0
    metrics = json.loads((tmp_path / "results" / "encoder_model" / "metrics.json").read_text(encoding="utf-8"))
    assert set(metrics["models"]) == {"vote", "linear", "encoder"}
    assert metrics["versions"]["torch"] and metrics["pretrained_sha256"] and len(metrics["loss_curve"]) == 1
    for name, r in metrics["models"].items():
        assert r["team_test"]["label_n"] == metrics["n"]["test"] and len(r["example"]["predicted"]) == 8
    # the saved vote is the folder users load, with the bundled model as its linear member
    from stance.classify import load_model
    vote, meta = load_model(tmp_path / "vote")
    assert meta["kind"] == "soft_vote" and set(vote.members) == {"linear", "encoder"}
    from stance.corpora import read_gold
    [example] = read_gold(shared_dir / "examples" / "japan-russia-meeting.gold.json")
    bundled, _ = load_model()
    assert metrics["models"]["linear"]["example"]["predicted"] == list(bundled.predict(example.records()))
    assert "| vote |" in (tmp_path / "results" / "encoder_model" / "results.md").read_text(encoding="utf-8")
    with pytest.raises(SystemExit, match="--overwrite"):
        encoder_model.main([str(config), "--results", str(tmp_path / "results")])
