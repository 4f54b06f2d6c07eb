"""The ``stance`` command: analyze, classify, evaluate, corpus, info.

Each subcommand is one library call plus reading and writing.  Results go to
standard output (or ``--output``), messages to standard error.  Bad input
gets a one-line message and exit status 2, never a traceback; in a corpus
run a bad record is reported and skipped (exit status 1 at the end).
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from contextlib import contextmanager
from pathlib import Path

from ._version import __version__
from .errors import StanceError
from .output import json_line as _json_line

__all__ = ["main"]

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


class _Reporter:
    """Counts and prints the errors of a run that goes on past them."""

    def __init__(self):
        self.count = 0

    def __call__(self, message: str) -> None:
        self.count += 1
        print(f"stance: {message}", file=sys.stderr)


@contextmanager
def _output(path: str | None):
    if path in (None, "-"):
        yield sys.stdout
    else:
        try:
            with open(path, "w", encoding="utf-8", newline="") as f:
                yield f
        except OSError as e:
            raise StanceError(f"{path}: cannot be written ({e.strerror})") from None


def _default_format(args) -> str:
    if args.format:
        return args.format
    return "table" if args.output in (None, "-") and sys.stdout.isatty() else "jsonl"


# -- analyze ----------------------------------------------------------------------------------
def cmd_analyze(args) -> int:
    from .runner import run_corpus

    progress = args.progress
    if progress is None:  # on a terminal, unless the statements themselves are printed there
        progress = sys.stderr.isatty() and not (args.output in (None, "-") and sys.stdout.isatty())
    summary = run_corpus(args.paths, args.output, fmt=_default_format(args), model=args.model, genre=args.genre,
                         text_field=args.text_field, id_field=args.id_field, errors=args.errors,
                         n_jobs=args.n_jobs, batch_size=args.batch_size, backend=args.backend,
                         scheduler=args.scheduler, resume=args.resume, progress=progress, on_error=_Reporter(),
                         freeze_heap=True)  # the command owns its process
    if args.verbose:
        resumed = f" ({summary.resumed_after} documents done before resuming)" if summary.resumed_after else ""
        print(f"stance: {summary.documents} documents, {summary.statements} statements, {summary.errors} errors"
              f"{resumed}", file=sys.stderr)
    return EXIT_SOME_FAILED if summary.errors else EXIT_OK


# -- classify ---------------------------------------------------------------------------------
def cmd_classify(args) -> int:
    from .classify.persistence import load_model
    from .io import iter_jsonl

    report = _Reporter()
    clf, _meta = load_model(args.model)
    stream = sys.stdin.buffer if args.file in (None, "-") else None
    if stream is None:
        path = Path(args.file)
        if not path.is_file():
            raise StanceError(f"{path}: no such file")
        import gzip

        stream = (gzip.open if path.name.endswith(".gz") else open)(path, "rb")
    name = args.file or "<stdin>"
    batch: list[dict] = []
    with _output(args.output) as out:
        def flush():
            if not batch:
                return
            proba = clf.predict_proba(batch)
            for rec, p in zip(batch, proba):
                k = int(p.argmax())
                rec["label"], rec["score"] = str(clf.classes_[k]), round(float(p[k]), 4)
                out.write(_json_line(rec))
            batch.clear()

        for n, rec in iter_jsonl(stream, name, report, args.errors):
            if not isinstance(rec.get("content"), str):
                report(f"{name}:{n}: record has no string 'content'")
                continue
            batch.append(rec)
            if len(batch) >= 1000:
                flush()
        flush()
    return EXIT_SOME_FAILED if report.count else EXIT_OK


# -- evaluate ---------------------------------------------------------------------------------
def cmd_evaluate(args) -> int:
    from .corpora.gold import read_gold
    from .evaluate import score
    from .io import iter_jsonl

    gold = read_gold(args.gold)
    path = Path(args.pred)
    if not path.is_file():
        raise StanceError(f"{path}: no such file")
    report = _Reporter()
    with open(path, "rb") as f:
        preds = []
        for n, rec in iter_jsonl(f, str(path), report):
            span = rec.get("content_span")
            if "doc_id" not in rec or not (isinstance(span, list) and len(span) == 2):
                report(f"{path}:{n}: a prediction needs 'doc_id' and 'content_span' [start, end]")
                continue
            preds.append(rec)
    if args.report:
        from .evaluate.report import evaluation_report

        if args.bootstrap < 1:
            raise StanceError(f"--bootstrap must be 1 or more, got {args.bootstrap}")

        command = " ".join(shlex.quote(a) for a in ["stance", *(args.argv or [])])
        metrics = evaluation_report(gold, preds, args.report, model=args.model, n_samples=args.bootstrap,
                                    seed=args.seed, overwrite=args.overwrite, command=command, gold_path=args.gold,
                                    pred_path=args.pred)
        scores, intervals = metrics["scores"], metrics["intervals"]
    else:
        if args.overwrite or args.model:
            raise StanceError("--overwrite and --model go with --report DIR")
        scores, intervals = score(gold, preds), None
    if args.json:
        print(json.dumps(scores, indent=1, sort_keys=True))
    else:
        _print_scores(scores, intervals)
    if args.report:
        print(f"stance: report written to {Path(args.report) / 'report.html'} (and report.md, metrics.json)",
              file=sys.stderr)
    return EXIT_SOME_FAILED if report.count else EXIT_OK


def _print_scores(s: dict, intervals: dict | None = None) -> None:
    rows = [
        ("documents", s["n_docs"], None, None),
        ("statements gold / predicted / matched", f"{s['n_gold']} / {s['n_pred']} / {s['n_matched']}", None, None),
        ("statement detection (overlap)  P R F1", s["statement_p"], s["statement_r"], s["statement_f1"]),
        ("statement detection (exact)    P R F1", s["statement_exact_p"], s["statement_exact_r"],
         s["statement_exact_f1"]),
        ("attribution accuracy (matched)", s["attribution_acc"], None, None),
        ("attribution end to end         P R F1", s["attribution_p"], s["attribution_r"], s["attribution_f1"]),
        ("span + speaker + label         P R F1", s["e2e_p"], s["e2e_r"], s["e2e_f1"]),
    ]
    if "matched_label_macro_f1" in s:
        rows.append(("label macro-F1 / accuracy (matched)", s["matched_label_macro_f1"], s["matched_label_accuracy"],
                     None))
    for name, a, b, c in rows:
        vals = "  ".join(f"{v:.3f}" if isinstance(v, float) else str(v) for v in (a, b, c) if v is not None)
        print(f"{name:<40} {vals}")
    if intervals:
        print("95% bootstrap intervals (documents resampled):")
        for key in ("statement_f1", "attribution_acc", "attribution_f1", "matched_label_macro_f1", "e2e_f1"):
            if intervals.get(key):
                lo, hi = intervals[key]
                print(f"  {key:<38} {s[key]:.3f}  [{lo:.3f}, {hi:.3f}]")
    if s["unknown_doc_ids"]:
        print(f"(predictions for {len(s['unknown_doc_ids'])} documents not in the gold were ignored)")


# -- corpus -----------------------------------------------------------------------------------
def cmd_corpus(args) -> int:
    if args.corpus_command == "stats":
        from .corpora.stats import corpus_stats

        stats = corpus_stats(args.corpora)
        if args.json:
            print(json.dumps(stats, indent=1, sort_keys=True))
        else:
            _print_stats(stats)
        return EXIT_OK
    if args.corpus_command == "records":
        from .corpora.team import team_statements

        with _output(args.output) as out:
            for row in team_statements(args.part, args.corpora):
                if args.split and row["split"] != args.split:
                    continue
                out.write(_json_line(row))
        return EXIT_OK
    raise StanceError("choose a corpus command: stats or records (see stance corpus --help)")


def _print_stats(stats: dict) -> None:
    labels = ("demand", "concern", "rejection", "other", "not_speech")
    head = f"{'part / split / genre':<34}{'docs':>6}{'stmts':>7}" + "".join(f"{lab:>11}" for lab in labels)
    print(head)
    for part, p in stats["parts"].items():
        print(f"{part:<34}{p['documents']:>6}{p['statements']:>7}" + "".join(
            f"{p['labels'].get(lab, 0):>11}" for lab in labels))
        for split, s in p["splits"].items():
            print(f"  {split:<32}{s['documents']:>6}{s['statements']:>7}" + "".join(
                f"{s['labels'].get(lab, 0):>11}" for lab in labels))
        for genre, g in p["genres"].items():
            print(f"  genre {genre:<26}{g['documents']:>6}{g['statements']:>7}")
    print(f"{'all':<34}{stats['documents']:>6}{stats['statements']:>7}" + "".join(
        f"{stats['labels'].get(lab, 0):>11}" for lab in labels))


# -- info -------------------------------------------------------------------------------------
def cmd_info(args) -> int:
    from .classify.persistence import default_model_path, read_meta
    from .provenance import versions

    info = {"versions": versions(), "default_model": str(default_model_path())}
    try:
        meta = read_meta(default_model_path())
        info["default_model_meta"] = {k: meta.get(k) for k in ("estimator", "sklearn_version", "metrics",
                                                               "training_data")}
    except StanceError as e:
        info["default_model_error"] = str(e)
    print(json.dumps(info, indent=1))
    return EXIT_OK


# -- parser -----------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    fmt = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="stance", formatter_class=fmt,
        description="Find the statements in news and diplomatic texts, attribute them to their speakers, "
                    "and label them demand, concern, rejection or other.",
        epilog="examples:\n  stance analyze data/examples/a-mekong-dam-flow-dispute.txt\n"
               "  stance analyze corpus.jsonl.gz --format jsonl -o statements.jsonl\n"
               "  stance evaluate --gold data/examples --pred statements.jsonl",
    )
    parser.add_argument("--version", action="version", version=f"stance {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("analyze", help="find, attribute and label the statements of texts", formatter_class=fmt,
                       description="Find, attribute and label every statement of the given texts.",
                       epilog="examples:\n  stance analyze article.txt\n  stance analyze texts/ --format csv -o out.csv\n"
                              "  stance analyze corpus.jsonl.gz --text-field body --id-field url --format jsonl\n"
                              "  stance analyze corpus.jsonl.gz --n-jobs 2 --format parquet -o out.parquet\n"
                              "  stance analyze corpus.jsonl.gz --n-jobs 2 -o out.jsonl --resume  # after a kill\n"
                              "  stance analyze corpus.jsonl.gz --backend dask --scheduler tcp://10.0.0.5:8786 "
                              "-o out.jsonl\n"
                              "  cat article.txt | stance analyze -")
    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="text files, folders of *.txt, JSONL(.gz) corpora, or - for standard input")
    p.add_argument("--format", choices=("jsonl", "csv", "parquet", "table"),
                   help="output format (default: table on a terminal, else jsonl; parquet needs -o FILE)")
    p.add_argument("-o", "--output", help="write to FILE instead of standard output")
    p.add_argument("--model", help="model folder (default: the bundled model)")
    p.add_argument("--text-field", default="text", help="JSONL field holding the text (default: text)")
    p.add_argument("--id-field", default="id", help="JSONL field holding the document id (default: id)")
    p.add_argument("--genre", default="auto",
                   choices=("auto", "news", "transcript", "statement", "readout", "joint_statement"),
                   help="document genre (default: from the record, transcripts recognised by speaker labels)")
    p.add_argument("--errors", choices=("strict", "replace"), default="strict",
                   help="undecodable bytes: stop with the byte offset (strict) or replace them")
    p.add_argument("-v", "--verbose", action="store_true", help="print counts to standard error at the end")
    run = p.add_argument_group("corpus runs")
    run.add_argument("--n-jobs", type=int, metavar="N",
                     help="parallel workers (joblib's n_jobs; -1 = every core; default: 1, or every Dask worker)")
    run.add_argument("--batch-size", type=int, default=64, metavar="B", help="documents per task (default: 64)")
    run.add_argument("--backend", choices=("loky", "threading", "dask"), default="loky",
                     help="joblib backend: processes (loky, default), threads, or a Dask cluster")
    run.add_argument("--scheduler", metavar="ADDRESS",
                     help="with --backend dask: the scheduler's address (tcp://host:8786); without it Dask starts "
                          "a local cluster (needs the extra: pip install 'stance[dask]')")
    run.add_argument("--resume", action="store_true",
                     help="go on with an interrupted run into the same -o FILE (same inputs and options): no record "
                          "is lost or written twice")
    run.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                     help="progress bar on standard error: documents/s and statements found (default: when standard "
                          "error is a terminal and the statements go elsewhere)")
    p.set_defaults(func=cmd_analyze)

    p = sub.add_parser("classify", help="label statements segmented elsewhere (JSONL records)", formatter_class=fmt,
                       description="Read statement records (JSONL; 'content' required; 'cue', 'speaker', "
                                   "'quote_type', 'doc_id', 'context' used when present) and write them back "
                                   "with 'label' and 'score' added.",
                       epilog="example:\n  stance classify statements.jsonl -o labelled.jsonl")
    p.add_argument("file", nargs="?", metavar="FILE", help="JSONL(.gz) of records, or - for standard input")
    p.add_argument("-o", "--output", help="write to FILE instead of standard output")
    p.add_argument("--model", help="model folder (default: the bundled model)")
    p.add_argument("--errors", choices=("strict", "replace"), default="strict")
    p.set_defaults(func=cmd_classify)

    p = sub.add_parser("evaluate", help="score predictions against gold (ANNOTATION.md section 5)",
                       formatter_class=fmt,
                       description="Score predicted statement records against gold: detection, attribution, "
                                   "labels and end to end.",
                       epilog="examples:\n  stance analyze data/examples --format jsonl -o pred.jsonl\n"
                              "  stance evaluate --gold data/examples --pred pred.jsonl\n"
                              "  stance evaluate --gold data/examples --pred pred.jsonl --report report/")
    p.add_argument("--gold", required=True, help="folder of NAME.txt + NAME.gold.json, or a JSONL of gold documents")
    p.add_argument("--pred", required=True, help="JSONL of predicted statement records")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--report", metavar="DIR",
                   help="also write report.md, report.html (self-contained) and metrics.json to DIR: the scores "
                        "with bootstrap intervals, per class, by genre and quote type, the worst errors, provenance")
    p.add_argument("--overwrite", action="store_true", help="replace the report in a DIR that is not empty")
    p.add_argument("--model", help="report: the model folder that made the predictions, for the provenance "
                                    "(default: the bundled model)")
    p.add_argument("--bootstrap", type=int, default=1000, metavar="N",
                   help="report: bootstrap resamples of the documents (default: 1000)")
    p.add_argument("--seed", type=int, default=0, help="report: seed of the bootstrap (default: 0)")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("corpus", help="the team's gold corpus: statistics and records", formatter_class=fmt,
                       description="The team's gold corpus (data/): its statistics, or its statements as records.",
                       epilog="examples:\n  stance corpus stats\n  stance corpus stats --json\n"
                              "  stance corpus records --part wh_gold --split test -o wh-test.jsonl")
    p.add_argument("corpus_command", choices=("stats", "records"), metavar="{stats,records}")
    p.add_argument("--json", action="store_true", help="stats: print JSON")
    p.add_argument("--part", default="all", choices=("all", "examples", "wh_gold", "polnear", "training_articles"),
                   help="records: which part (default: all)")
    p.add_argument("--split", choices=("train", "dev", "test"), help="records: only this split")
    p.add_argument("--corpora", help="folder holding the third-party corpora (default: $STANCE_CORPORA_DIR or "
                                     "../shared/corpora)")
    p.add_argument("-o", "--output", help="records: write to FILE instead of standard output")
    p.set_defaults(func=cmd_corpus)

    p = sub.add_parser("info", help="versions and the bundled model, for bug reports",
                       description="Print the versions of stance and its dependencies and the bundled model's "
                                   "metadata.", epilog="example:\n  stance info", formatter_class=fmt)
    p.set_defaults(func=cmd_info)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.func(args)
    except StanceError as e:
        print(f"stance: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("stance: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
