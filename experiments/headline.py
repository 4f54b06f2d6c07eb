"""Write the README's headline table from the committed results, so it can never go stale.

Purpose: the figures in README.md's "Results" section are read from
experiments/results/*/metrics.json and nowhere else; run_all.py runs this last,
and a test fails when the README's table differs from what this script makes
of the committed results.

Usage:
    python experiments/headline.py            # rewrite the table between the markers in README.md
    python experiments/headline.py --check    # exit 1 (and say so) if README.md's table is out of date

Steps: 1. read the metrics.json of segmentation, classification, encoder_model, end_to_end
and ibm_claim_stance (a missing one gives "not run" cells); 2. build the
Markdown table, with links to each experiment's results.md / report.md /
report.html; 3. replace what lies between `START` and `END` in README.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import RESULTS, ROOT  # noqa: E402

START = "<!-- headline:start: written by experiments/headline.py from experiments/results; do not edit by hand -->"
END = "<!-- headline:end -->"
IBM_MODEL, IBM_BASELINE = "linear_bundled", "majority"
CLASSIFIER = "bundled"


def _read(results: Path, name: str) -> dict | None:
    path = results / name / "metrics.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _get(d, *keys):
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d


def _fig(value, ci=None) -> str:
    if value is None:
        return "not run"
    return f"{value:.3f} [{ci[0]:.3f}, {ci[1]:.3f}]" if ci else f"{value:.3f}"


def _link(results: Path, name: str, *files: str) -> str:
    rel = results.relative_to(ROOT).as_posix() if results.is_relative_to(ROOT) else results.as_posix()
    return ", ".join(f"[{f}]({rel}/{name}/{f})" for f in files)


def rows(results: Path) -> list[tuple[str, str, str, str, str]]:
    """``(measure, data, figure, target, source)`` of every headline figure."""
    seg, clf = _read(results, "segmentation"), _read(results, "classification")
    e2e, ibm = _read(results, "end_to_end"), _read(results, "ibm_claim_stance")
    out = []

    speech, every = _get(seg, "polnear_dev", "speech_cue"), _get(seg, "polnear_dev", "all")
    src = _link(results, "segmentation", "metrics.json")
    out += [("Segmentation: statement detection F1, speech-cue subset", "PolNeAR dev",
             _fig(_get(speech, "statement_f1"), _get(speech, "ci95", "statement_f1")), "≥ 0.80", src),
            ("Segmentation: statement detection F1, all attributions", "PolNeAR dev",
             _fig(_get(every, "statement_f1"), _get(every, "ci95", "statement_f1")), "≥ 0.60", src),
            ("Attribution: speaker accuracy on matched statements, speech-cue subset", "PolNeAR dev",
             _fig(_get(speech, "attribution_acc"), _get(speech, "ci95", "attribution_acc")), "≥ 0.90", src)]
    human = _get(_read(results, "polnear_agreement"), "human_vs_primary", "speech_cue", "pooled")
    out.append(("Human ceiling: a PolNeAR annotator against the primary annotation, speech-cue detection F1",
                "PolNeAR multi-annotated articles (not test)",
                _fig(_get(human, "statement_f1"), _get(human, "ci95", "statement_f1")), "–",
                _link(results, "polnear_agreement", "metrics.json")))

    scores, iv = _get(e2e, "scores") or {}, _get(e2e, "intervals") or {}
    src = _link(results, "end_to_end", "report.md", "report.html")
    out += [("Segmentation: statement detection F1", "team gold test",
             _fig(scores.get("statement_f1"), iv.get("statement_f1")), "≥ 0.85", src),
            ("Attribution: speaker accuracy on matched statements", "team gold test",
             _fig(scores.get("attribution_acc"), iv.get("attribution_acc")), "≥ 0.90", src)]

    model = _get(clf, "models", CLASSIFIER) or {}
    test = model.get("team_test", {})
    per = test.get("label_f1_per_type", {})
    acts = _fig(test.get("label_mean_f1_acts"), test.get("label_mean_f1_acts_ci95"))
    if per:
        acts += f" (demand {per['demand']:.3f}, concern {per['concern']:.3f}, rejection {per['rejection']:.3f})"
    example = _get(model, "example")
    src = _link(results, "classification", "results.md")
    out += [("Classification (gold segmentation): macro-F1, four labels", "team gold test",
             _fig(test.get("label_macro_f1"), test.get("label_macro_f1_ci95")), "≥ 0.80", src),
            ("Classification: mean F1 over demand, concern, rejection", "team gold test", acts, "each ≥ 0.75", src),
            ("Classification: macro-F1, never trained on", "PLOVER/CAMEO sentences",
             _fig(_get(model, "plover", "label_macro_f1")), "≥ 0.70", src),
            ("Classification: statements labelled right", "example article",
             f"{example['correct']}/{example['label_n']}" if example else "not run", "8/8", src)]

    vote = _get(_read(results, "encoder_model"), "models", "vote") or {}
    test = vote.get("team_test", {})
    per = test.get("label_f1_per_type", {})
    acts = _fig(test.get("label_mean_f1_acts"), test.get("label_mean_f1_acts_ci95"))
    if per:
        acts += f" (demand {per['demand']:.3f}, concern {per['concern']:.3f}, rejection {per['rejection']:.3f})"
    src = _link(results, "encoder_model", "results.md")
    out += [("Classification, encoder model (optional extra, not the default): macro-F1, four labels",
             "team gold test", _fig(test.get("label_macro_f1"), test.get("label_macro_f1_ci95")), "≥ 0.80", src),
            ("Classification, encoder model: mean F1 over demand, concern, rejection", "team gold test", acts,
             "each ≥ 0.75", src),
            ("Classification, encoder model: macro-F1, never trained on", "PLOVER/CAMEO sentences",
             _fig(_get(vote, "plover", "label_macro_f1")), "≥ 0.70", src)]

    out.append(("End to end: statement + speaker + label F1", "team gold test",
                _fig(scores.get("e2e_f1"), iv.get("e2e_f1")), "–", _link(results, "end_to_end", "report.md",
                                                                        "report.html")))

    model, base = _get(ibm, "models", IBM_MODEL), _get(ibm, "models", IBM_BASELINE)
    if model and base:
        s, b = model["scores"], base["scores"]
        ibm_fig = (f"accuracy {_fig(s['label_accuracy']['value'], s['label_accuracy']['ci'])}, macro-F1 "
                   f"{_fig(s['label_macro_f1']['value'], s['label_macro_f1']['ci'])} (majority label: accuracy "
                   f"{b['label_accuracy']['value']:.3f}, macro-F1 {b['label_macro_f1']['value']:.3f})")
    else:
        ibm_fig = "not run"
    out.append(("Generic stance (PRO / CON), the bundled configuration retrained", "IBM claim stance test", ibm_fig,
                "–", _link(results, "ibm_claim_stance", "results.md")))
    return out


def table(results: Path = RESULTS) -> str:
    """The headline block (without the markers): the table, the other experiments' links, the command."""
    lines = ["| measure | data | figure [95% CI] | target | details |", "|---|---|---|---|---|"]
    lines += [f"| {m} | {d} | {f} | {t} | {s} |" for m, d, f, t, s in rows(results)]
    lines += ["", "Intervals: bootstrap over documents (topics for IBM). Also: "
              f"learning curve ({_link(results, 'learning_curve', 'results.md')}), "
              f"feature ablation ({_link(results, 'ablation', 'results.md')}). "
              "Every figure is regenerated by `python experiments/run_all.py`, which rewrites this table last "
              "(`python experiments/headline.py`)."]
    return "\n".join(lines)


def render(readme: str, results: Path = RESULTS) -> str:
    """``readme`` with the block between `START` and `END` replaced by `table`."""
    if readme.count(START) != 1 or readme.count(END) != 1 or readme.index(START) > readme.index(END):
        raise ValueError(f"README must hold the markers {START!r} and {END!r} once each, in that order")
    head, rest = readme.split(START)
    _, tail = rest.split(END)
    return f"{head}{START}\n{table(results)}\n{END}{tail}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the README's table is out of date")
    ap.add_argument("--readme", default=str(ROOT / "README.md"))
    ap.add_argument("--results", default=str(RESULTS), help="folder holding the result folders")
    a = ap.parse_args(argv)
    path = Path(a.readme)
    old = path.read_text(encoding="utf-8")
    new = render(old, Path(a.results).resolve())
    if a.check:
        if new != old:
            print(f"{path}: the headline table is out of date; run python experiments/headline.py", file=sys.stderr)
            return 1
        print(f"{path}: the headline table is up to date")
        return 0
    if new != old:
        path.write_text(new, encoding="utf-8")
    print(f"{path}: headline table {'rewritten' if new != old else 'already up to date'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
