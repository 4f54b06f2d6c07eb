"""Throughput of the whole pipeline, classification included: documents/s, words/s, peak memory, cost by length.

Purpose: issue 7's speed figures (target: 1,000 documents/s in one process; one 1 MB document within 2x the
time of 1,000 documents of 1 KB).  A script that prints figures, not a timed test.

Usage:
    python experiments/bench_throughput.py experiments/configs/bench_throughput.toml [--overwrite] [--results DIR]

Steps: 1. read the first ``documents`` documents of the corpus file (default: the White House
statements-releases.jsonl.gz in ../shared/corpora/wh_briefings) as the CLI would (id, text, the other string
fields as metadata); 2. warm up (model loaded, caches filled); 3. throughput at each number of ``workers``:
one worker is `Pipeline.pipe` in this process; more are ``joblib.Parallel`` over batches of ``task_documents``
documents, each worker process building its pipeline once (`stance.runner.worker_pipeline`); best of
``repeats`` runs; 4. cost against length: synthetic documents of each size in ``sizes`` (characters), made by
joining the corpus's real paragraphs in corpus order (read now, never stored), about ``characters`` characters
in all per size, so every size analyses the same paragraphs cut into documents differently; 5. with a
``[stages]`` section, the CPU time per document of each part of the pipeline on the same documents (`stage_costs`:
the floor each part sets, and what a faster pipeline would have to remove); 6. print a table and write
``results.json`` into experiments/results/<name>/ (kept unless --overwrite).

Timing is wall-clock time (``time.perf_counter``); the CPU time of this process (``time.process_time``) is
reported beside it for the runs in this process, since the machine may be shared.  Peak memory is the peak
resident set size (``resource.getrusage(...).ru_maxrss``) of the processes that did the work: this process
after the one-worker runs, the largest worker process for more workers.  It covers everything the process
holds (Python, the model, the documents), not the pipeline alone.
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
import platform
import resource
import shlex
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ROOT, experiment_parser, start_experiment, write_json  # noqa: E402

from stance.corpora.paths import corpus_dir  # noqa: E402
from stance.document import Document  # noqa: E402
from stance.pipeline import Analysis  # noqa: E402
from stance.runner import worker_pipeline  # noqa: E402
from stance.provenance import file_fingerprint, git_commit, versions  # noqa: E402
from stance.text import find_quotes, layout, paragraph_spans, split_sentences  # noqa: E402
from stance.text.tokens import _TOKEN, tokenize  # noqa: E402


def read_documents(path: Path, n: int) -> list[tuple[str, str, dict]]:
    """The first ``n`` records of a JSONL.gz corpus as ``(id, text, metadata)``, metadata as the CLI reads it."""
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in itertools.islice(f, n):
            rec = json.loads(line)
            meta = {k: v for k, v in rec.items() if k not in ("id", "text") and isinstance(v, (str, int, float))}
            out.append((str(rec["id"]), rec["text"], meta))
    return out


def synthetic_documents(docs: list[tuple[str, str, dict]], size: int, total: int) -> list[tuple[str, str, dict]]:
    """Documents of at least ``size`` characters (about ``total`` in all) joining the paragraphs of ``docs``
    in order, one blank line apart."""
    paragraphs = (text[s:e] for _, text, _ in itertools.cycle(docs) for s, e in paragraph_spans(text))
    out, used = [], 0
    while used < total:
        parts, n = [], 0
        while n < size:
            parts.append(next(paragraphs))
            n += len(parts[-1]) + 2
        out.append((f"synthetic-{size}-{len(out)}", "\n\n".join(parts), {}))
        used += n
    return out


def peak_rss_mb() -> float:
    """This process's peak resident set size (Linux reports kilobytes)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def analyse_batch(batch: list[tuple[str, str, dict]]) -> tuple[int, float]:
    """Statements found in a batch, and the peak memory of the process that analysed it (a joblib task)."""
    nlp = worker_pipeline(freeze_heap=True)  # a process of its own, as corpus runs' workers and the CLI
    found = sum(len(a.statements) for a in nlp.pipe(Document(i, t, m) for i, t, m in batch))
    return found, peak_rss_mb()


def run_in_process(docs) -> dict:
    nlp = worker_pipeline(freeze_heap=True)  # a process of its own, as corpus runs' workers and the CLI
    wall, cpu = time.perf_counter(), time.process_time()
    found = sum(len(a.statements) for a in nlp.pipe(Document(i, t, m) for i, t, m in docs))
    return {"seconds": time.perf_counter() - wall, "cpu_seconds": time.process_time() - cpu, "statements": found,
            "peak_rss_mb": peak_rss_mb()}


def run_in_workers(docs, workers: int, task_documents: int) -> dict:
    from joblib import Parallel, delayed

    tasks = [docs[k:k + task_documents] for k in range(0, len(docs), task_documents)]
    wall = time.perf_counter()
    results = Parallel(n_jobs=workers)(delayed(analyse_batch)(t) for t in tasks)
    return {"seconds": time.perf_counter() - wall, "cpu_seconds": None, "statements": sum(r[0] for r in results),
            "peak_rss_mb": max(r[1] for r in results)}


def stage_costs(docs, repeats: int) -> dict:
    """CPU milliseconds per document of each part of the pipeline, best of ``repeats`` passes over ``docs``.

    ``regex_tokens``: the token pattern alone (``re.findall``: no offsets, no objects), the floor of any
    pass over the words; ``tokens``: the tokens every stage works on (`stance.text.tokens.tokenize`: one
    object with offsets per word); ``text``: paragraphs, page furniture, quotation marks and sentences;
    ``segment`` and ``attribute``: the two stages as `Pipeline.pipe` runs them, one document after the other
    (attribution reuses the segmenter's per-document work: its tokens and layout); ``classify``: labelling in
    batches of 64 documents, as `Pipeline.pipe` does.  CPU time (``time.process_time``), since the machine may
    be shared; the parts overlap (``segment`` includes its own ``tokens`` and ``text``).
    """
    nlp = worker_pipeline(freeze_heap=True)  # a process of its own, as corpus runs' workers and the CLI
    documents = [Document(i, t, m) for i, t, m in docs]
    texts = [d.text for d in documents]

    def text_stage():
        for text in texts:
            paragraphs = paragraph_spans(text)
            quotes = find_quotes(text, paragraphs)
            body = [(b.start, b.end) for b in layout(text, paragraphs) if b.kind == "body"]
            split_sentences(text, body, quotes)

    def pipeline_stages():
        seg = att = 0.0
        analyses = []
        for doc in documents:
            t0 = time.process_time()
            segmented = nlp.segmenter.segment(doc)
            t1 = time.process_time()
            statements, entities = nlp.attributor.resolve(doc, segmented)
            t2 = time.process_time()
            seg, att = seg + t1 - t0, att + t2 - t1
            analyses.append(Analysis(doc, statements, entities))
        t0 = time.process_time()
        for k in range(0, len(analyses), 64):
            nlp._classify_batch(analyses[k:k + 64])
        return {"segment": seg, "attribute": att, "classify": time.process_time() - t0}

    def timed(run):
        t0 = time.process_time()
        run()
        return time.process_time() - t0

    best: dict[str, float] = {}
    for _ in range(repeats):
        found = {"regex_tokens": timed(lambda: [_TOKEN.findall(t) for t in texts]),
                 "tokens": timed(lambda: [tokenize(t) for t in texts]),
                 "text": timed(text_stage), **pipeline_stages()}
        best = {k: min(v, best.get(k, v)) for k, v in found.items()}
    return {k: round(v * 1000 / len(docs), 3) for k, v in best.items()}


def best_of(repeats: int, run) -> dict:
    runs = [run() for _ in range(repeats)]
    best = min(runs, key=lambda r: r["seconds"])
    return dict(best, all_seconds=[round(r["seconds"], 3) for r in runs])


def main(argv=None):
    ap = experiment_parser(__doc__)
    a = ap.parse_args(argv)
    config, out = start_experiment(a)
    corpus = config["corpus"]
    path = corpus_dir(corpus["name"]) / corpus["file"]
    docs = read_documents(path, corpus["documents"])
    chars = sum(len(t) for _, t, _ in docs)
    words = sum(len(t.split()) for _, t, _ in docs)
    print(f"{len(docs)} documents of {path.name}: {chars / len(docs) / 1000:.1f} KB, {words / len(docs):.0f} words "
          f"each on average; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")

    # warm-up: the model loaded, lexicons and caches filled, the joblib workers started and loaded
    run_in_process(docs[:20])
    bench = config["throughput"]
    for workers in bench["workers"]:
        if workers > 1:
            run_in_workers(docs[:4 * workers], workers, 1)

    throughput = []
    for workers in bench["workers"]:
        if workers == 1:
            r = best_of(bench["repeats"], lambda: run_in_process(docs))
        else:
            r = best_of(bench["repeats"], lambda: run_in_workers(docs, workers, bench["task_documents"]))
        row = {"workers": workers, "seconds": round(r["seconds"], 3), "all_seconds": r["all_seconds"],
               "cpu_seconds": None if r["cpu_seconds"] is None else round(r["cpu_seconds"], 3),
               "documents_per_second": round(len(docs) / r["seconds"], 1),
               "words_per_second": round(words / r["seconds"]), "statements": r["statements"],
               "peak_rss_mb": r["peak_rss_mb"]}
        throughput.append(row)
        cpu = f", CPU {row['cpu_seconds']:.1f} s" if row["cpu_seconds"] is not None else ""
        print(f"{workers} worker(s): {row['seconds']:.1f} s{cpu} -> {row['documents_per_second']:.0f} documents/s, "
              f"{row['words_per_second']:,} words/s, {row['statements']} statements, peak RSS "
              f"{row['peak_rss_mb']:.0f} MB")

    lengths = []
    sweep = config["length"]
    for size in sweep["sizes"]:
        synthetic = synthetic_documents(docs, size, sweep["characters"])
        r = best_of(sweep["repeats"], lambda: run_in_process(synthetic))
        n_chars = sum(len(t) for _, t, _ in synthetic)
        row = {"size": size, "documents": len(synthetic), "characters": n_chars, "seconds": round(r["seconds"], 3),
               "cpu_seconds": round(r["cpu_seconds"], 3), "seconds_per_mb": round(r["seconds"] / n_chars * 1e6, 3),
               "statements": r["statements"], "peak_rss_mb": r["peak_rss_mb"]}
        lengths.append(row)
        print(f"{len(synthetic):>5} x {size / 1000:g} KB: {row['seconds']:.2f} s (CPU {row['cpu_seconds']:.2f} s), "
              f"{row['seconds_per_mb']:.2f} s per MB, {row['statements']} statements")
    by_size = {row["size"]: row for row in lengths}
    ratio = per_statement = None
    if 1000 in by_size and 1_000_000 in by_size:
        small, big = by_size[1000], by_size[1_000_000]
        ratio = round(big["seconds_per_mb"] / small["seconds_per_mb"], 2)
        print(f"1 MB document vs 1,000 documents of 1 KB, time per character: {ratio:.2f}x (target: at most 2x)")
        per_statement = round(big["seconds"] / big["statements"] / (small["seconds"] / small["statements"]), 2)
        print(f"  per statement: {per_statement:.2f}x ({big['statements']} statements against {small['statements']})")

    stages = None
    if "stages" in config:
        stages = stage_costs(docs[:config["stages"]["documents"]], config["stages"]["repeats"])
        pipeline_ms = stages["segment"] + stages["attribute"] + stages["classify"]
        print("CPU ms per document: " + ", ".join(f"{k} {v:.2f}" for k, v in stages.items())
              + f"; pipeline {pipeline_ms:.2f} ms = at most {1000 / pipeline_ms:.0f} documents/s")

    command = " ".join(shlex.quote(x) for x in ["python", "experiments/bench_throughput.py",
                                                *(sys.argv[1:] if argv is None else argv)])
    write_json(out / "results.json", {
        "experiment": config["name"], "config": config, "command": command,
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "versions": versions(), "git_commit": git_commit(ROOT),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(),
                    "load_average_at_end": [round(x, 2) for x in os.getloadavg()]},
        "data": {"file": f"{corpus['name']}/{corpus['file']}", "sha256": file_fingerprint(path),
                 "documents": len(docs), "characters": chars, "words": words},
        "timing": "wall clock (time.perf_counter), best of the repeats; cpu_seconds: time.process_time of "
                  "this process (one worker only)",
        "memory": "peak resident set size, resource.getrusage(...).ru_maxrss, of the processes that did the work",
        "throughput": throughput, "length": lengths, "length_ratio_1mb_vs_1kb": ratio,
        "length_ratio_per_statement": per_statement,
        "stage_cpu_ms_per_document": stages,
    })
    print(f"wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}/results.json")


if __name__ == "__main__":
    main()
