"""Reproduce every experiment: run the scripts listed in a config, in order, each with --overwrite.

Purpose: one command regenerates every folder of experiments/results/ from
the code and data at hand, so any figure quoted from them can be re-made.

Usage:
    python experiments/run_all.py                                   # experiments/configs/run_all.toml
    python experiments/run_all.py experiments/configs/run_all.toml --only end_to_end
    python experiments/run_all.py --dry-run                         # what would run, what is pending

Steps: 1. read the config: a list of ``[[experiment]]`` tables with ``name``,
``script`` and ``config`` (paths relative to experiments/, or absolute) and
optional ``args`` (more arguments) and ``overwrite`` (false for a script that
takes no --overwrite); 2. for each, in order: a missing script or config is
"pending"; otherwise run ``python <script> <config> [--overwrite] [args]``
from the repository root, its output passing through; 3. print a summary and
write it to experiments/results/run_all/summary.json.  A failing experiment
does not stop the others (unless --stop-on-error); the exit status is 1 if
any failed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import RESULTS, ROOT, load_config, write_json  # noqa: E402

HERE = Path(__file__).resolve().parent
DEFAULT_CONFIG = HERE / "configs" / "run_all.toml"


def plan(config: dict) -> list[dict]:
    """The experiments of a run_all config, each with its resolved paths and status ("ready" or "pending")."""
    out = []
    for n, e in enumerate(config.get("experiment", []), 1):
        if "script" not in e:
            sys.exit(f"run_all config: experiment {n} has no 'script'")
        script = (HERE / e["script"]).resolve()
        cfg = (HERE / e["config"]).resolve() if e.get("config") else None
        missing = [str(p.relative_to(ROOT) if p.is_relative_to(ROOT) else p) for p in (script, cfg)
                   if p is not None and not p.exists()]
        out.append({"name": e.get("name") or script.stem, "script": script, "config": cfg,
                    "args": [str(x) for x in e.get("args", [])], "overwrite": e.get("overwrite", True),
                    "status": "pending" if missing else "ready", "missing": missing})
    return out


def command(item: dict) -> list[str]:
    cmd = [sys.executable, str(item["script"])]
    if item["config"] is not None:
        cmd.append(str(item["config"]))
    if item["overwrite"]:
        cmd.append("--overwrite")
    return cmd + item["args"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("config", nargs="?", default=str(DEFAULT_CONFIG))
    ap.add_argument("--only", nargs="+", metavar="NAME", help="run only these experiments (by name)")
    ap.add_argument("--dry-run", action="store_true", help="list what would run and what is pending")
    ap.add_argument("--stop-on-error", action="store_true", help="stop at the first failing experiment")
    ap.add_argument("--summary", help="where to write the summary JSON "
                                      "(default: experiments/results/run_all/summary.json; '-' for none)")
    a = ap.parse_args(argv)
    items = plan(load_config(a.config))
    if a.only:
        unknown = sorted(set(a.only) - {i["name"] for i in items})
        if unknown:
            sys.exit(f"--only: unknown experiments {unknown}; the config lists {[i['name'] for i in items]}")
        items = [i for i in items if i["name"] in a.only]

    for item in items:
        if item["status"] == "pending":
            print(f"== {item['name']}: pending (missing {', '.join(item['missing'])})", flush=True)
            continue
        cmd = command(item)
        shown = " ".join(str(Path(x).relative_to(ROOT)) if Path(x).is_absolute() and Path(x).is_relative_to(ROOT)
                         else x for x in ["python", *cmd[1:]])
        if a.dry_run:
            print(f"== {item['name']}: would run {shown}", flush=True)
            continue
        print(f"== {item['name']}: {shown}", flush=True)
        t0 = time.perf_counter()
        rc = subprocess.run(cmd, cwd=ROOT).returncode
        item.update(status="ok" if rc == 0 else "failed", returncode=rc, seconds=round(time.perf_counter() - t0, 1))
        if rc and a.stop_on_error:
            break

    print("\nexperiment                 status    seconds")
    for item in items:
        print(f"{item['name']:<26} {item['status']:<9} {item.get('seconds', '')}")
    failed = [i["name"] for i in items if i["status"] == "failed"]
    if not a.dry_run and a.summary != "-":
        from stance.provenance import git_commit, versions

        path = Path(a.summary) if a.summary else RESULTS / "run_all" / "summary.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        write_json(path, {"config": str(a.config), "git_commit": git_commit(ROOT), "versions": versions(),
                          "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                          "experiments": [{k: (str(v) if isinstance(v, Path) else v) for k, v in i.items()}
                                          for i in items]})
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
