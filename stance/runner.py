"""Corpus runs: documents in batches through joblib, statements written as they come, resumable.

`run_corpus` is what ``stance analyze`` runs.  It reads the documents lazily
(`stance.io.iter_documents`), groups them into batches of ``batch_size`` and
hands the batches to ``joblib.Parallel(return_as="generator")`` under the
chosen backend (loky processes, threads, or a Dask cluster).  Each worker
process builds its `Pipeline` once (`worker_pipeline`, cached by model and
genre), not once per batch.  Results come back in input order whatever
``n_jobs`` and the backend are, and are written at once (`stance.output`).

**Memory stays flat in the size of the corpus.**  Documents are read one at
a time; joblib dispatches at most ``pre_dispatch`` (2 × n_jobs) batches
beyond those finished; a batch's texts are dropped once it is analysed; the
writer holds back at most about one Parquet row group.  The one thing that can pile up
is the records (not the texts) of batches that finish while an earlier,
slower batch is still running, since output keeps input order.

**Resuming.**  With an output file, the progress file ``OUTPUT.progress``
(JSON, replaced atomically) is written before anything else and again after
each batch whose output is on disk: how many documents are done (always a
prefix of the input, as output is in input order; documents without
statements and documents that failed count as done), the statements and
errors so far, and where the output is complete.  ``resume=True`` checks
that the progress file belongs to the same run (the inputs with their sizes
and modification times, the fields, model, genre and format), cuts the
output back to that point, skips the documents done and goes on; batch size,
``n_jobs`` and backend may differ.  The progress file is removed when the run
ends.  A run killed at any moment, even in the middle of a line, resumes
without a duplicated or a lost record.

`analyze_dataset` is the path for Hugging Face users: ``Dataset.map`` with
``batched=True`` and the same per-process pipeline, ``num_proc`` for several
processes.
"""

from __future__ import annotations

import collections
import contextlib
import gc
import json
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .document import Document
from .errors import InputError, MissingOptionalDependencyError, StanceError
from .output import ROW_GROUP_ROWS, open_sink
from .records import RECORD_FIELDS

__all__ = ["run_corpus", "RunSummary", "analyze_batch", "worker_pipeline", "analyze_dataset", "map_batch",
           "parallel_backend", "BACKENDS"]

BACKENDS = ("loky", "threading", "dask")
PROGRESS_VERSION = 1

_PIPELINES: dict = {}
_PIPELINES_LOCK = threading.Lock()


def worker_pipeline(model=None, genre: str = "auto", *, freeze_heap: bool = False):
    """This process's `Pipeline` for ``model`` and ``genre``, built (and its model loaded and checked) once.

    ``freeze_heap=True`` is for processes the run owns (joblib/Dask workers, the command line): once the
    pipeline is built and warmed up (lexicons and gazetteer loaded), everything the process holds is moved
    out of the garbage collector's view (``gc.freeze``, once per process), since the model, lexicons and
    vocabularies live as long as the process and every full collection would otherwise walk through them
    again (about a tenth of the pipeline's time).  It is off by default because it is a process-wide
    setting: a library user's own objects alive at that moment would never be collected.
    """
    key = (None if model is None else str(model), genre)
    with _PIPELINES_LOCK:
        pipeline = _PIPELINES.get(key)
        if pipeline is None:
            from .pipeline import Pipeline

            pipeline = Pipeline(model=model)
            if genre != "auto":
                pipeline.segmenter.genre = genre
            _ = pipeline.classifier
            pipeline("Officials said on Monday that the talks would continue.")  # loads what the stages use
            _PIPELINES[key] = pipeline
        if freeze_heap:
            _freeze_heap()
    return pipeline


_HEAP_FROZEN = False


def _freeze_heap() -> None:
    """Move every object alive now out of the cyclic garbage collector's view, once per process."""
    global _HEAP_FROZEN
    if not _HEAP_FROZEN:
        gc.collect()
        gc.freeze()
        _HEAP_FROZEN = True


def analyze_batch(batch: list[tuple[str, str, dict]], model=None, genre: str = "auto",
                  freeze_heap: bool = False) -> list[tuple]:
    """``(records, None)``, or ``(None, message)`` if it failed, for each ``(id, text, metadata)`` of a batch.

    Documents travel as plain tuples: a `Document`'s read-only metadata cannot be pickled.
    ``freeze_heap``: see `worker_pipeline`.
    """
    pipeline = worker_pipeline(model, genre, freeze_heap=freeze_heap)
    docs = [Document(doc_id, text, metadata) for doc_id, text, metadata in batch]
    try:  # the whole batch at once: one classifier call (`Pipeline.pipe`)
        return [(analysis.records(), None) for analysis in pipeline.pipe(docs, batch_size=len(docs) or 1)]
    except Exception:  # find the failing document: the others are analysed one by one
        pass
    results = []
    for doc_id, text, metadata in batch:
        try:
            results.append((pipeline(Document(doc_id, text, metadata)).records(), None))
        except Exception as e:  # one failing document must not lose the others
            results.append((None, f"{doc_id}: analysis failed ({type(e).__name__}: {e})"))
    return results


@contextmanager
def parallel_backend(backend: str = "loky", scheduler: str | None = None):
    """joblib's backend for a run; ``"dask"`` connects a `dask.distributed.Client` to ``scheduler``.

    Without a scheduler address, Dask starts a local cluster of its own.
    """
    if backend not in BACKENDS:
        raise StanceError(f"backend {backend!r} is not one of {', '.join(BACKENDS)}")
    if scheduler and backend != "dask":
        raise StanceError("--scheduler ADDRESS goes with --backend dask")
    import joblib

    if backend != "dask":
        with joblib.parallel_config(backend=backend):
            yield
        return
    try:
        from dask.distributed import Client
    except ImportError:
        raise MissingOptionalDependencyError("dask[distributed]", "dask") from None
    try:
        client = Client(scheduler) if scheduler else Client(dashboard_address=None)
    except (OSError, TimeoutError) as e:
        raise StanceError(f"cannot connect to the Dask scheduler at {scheduler} ({e})") from None
    try:
        with joblib.parallel_config(backend="dask"):
            yield
    finally:
        client.close()


class ProgressFile:
    """``OUTPUT.progress``: how far the output of a run is complete, and which run it belongs to."""

    def __init__(self, output: Path, run: dict):
        self.path = output.with_name(output.name + ".progress")
        self.run = run

    def read(self) -> dict | None:
        """The recorded state, or ``None`` if there is none; a progress file of another run is refused."""
        try:
            state = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as e:
            raise StanceError(f"{self.path}: unreadable ({e}); run again without --resume") from None
        if not isinstance(state, dict) or state.get("version") != PROGRESS_VERSION:
            raise StanceError(f"{self.path}: not a progress file of this version; run again without --resume")
        if state.get("run") != self.run:
            theirs = state.get("run") or {}
            differ = sorted(k for k in set(theirs) | set(self.run) if theirs.get(k) != self.run.get(k))
            raise StanceError(f"{self.path}: written by a different run ({', '.join(differ)} differ); resume with "
                              "the same inputs and options, or run again without --resume")
        return state

    def write(self, documents: int, statements: int, errors: int, output: dict) -> None:
        tmp = self.path.with_name(self.path.name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump({"version": PROGRESS_VERSION, "run": self.run, "documents": documents,
                       "statements": statements, "errors": errors, "output": output}, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.path)

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


def _run_identity(paths, *, fmt, model, genre, text_field, id_field, errors) -> dict:
    """What must not change between a run and its resumption."""
    inputs = []
    for p in paths:
        try:
            st = os.stat(p)
        except OSError:
            raise InputError(f"{p}: no such file or folder") from None
        inputs.append([str(Path(p).resolve()), st.st_size, st.st_mtime_ns])
    return {"inputs": inputs, "format": fmt, "model": model, "genre": genre, "text_field": text_field,
            "id_field": id_field, "errors": errors}


def _resumed_state(progress_file: ProgressFile, output: Path) -> dict | None:
    """The state to resume from; ``None`` (start afresh) when neither a progress file nor the output exists."""
    state = progress_file.read()
    if state is None and output.exists():
        raise StanceError(f"{output}: exists without its progress file {progress_file.path.name}, so that run "
                          "finished (or cannot be resumed); run again without --resume")
    return state


class _InputErrors:
    """Counts and reports the input's bad records; quiet over the part done before a resume (reported then)."""

    def __init__(self, on_error: Callable[[str], None]):
        self.on_error, self.count, self.quiet = on_error, 0, False

    def __call__(self, message: str) -> None:
        if not self.quiet:
            self.count += 1
            self.on_error(message)


def _batches(docs: Iterable[Document], size: int, skip: int, input_errors: _InputErrors,
             snapshots: collections.deque) -> Iterator[list]:
    """Batches of ``(id, text, metadata)`` after the first ``skip`` documents.

    For each batch, ``snapshots`` gets the count of input errors reported up to
    its last document, so that a progress file counts exactly the errors of
    the documents it counts as done.
    """
    it = iter(docs)
    input_errors.quiet = True
    skipped = sum(1 for _ in zip(range(skip), it))
    input_errors.quiet = False
    if skipped < skip:
        raise StanceError(f"the input has {skipped} documents, but the progress file counts {skip} done; "
                          "run again without --resume")
    batch, upto = [], 0
    for doc in it:
        batch.append((doc.id, doc.text, dict(doc.metadata)))
        upto = input_errors.count
        if len(batch) == size:
            snapshots.append(upto)
            yield batch
            batch = []
    if batch:
        snapshots.append(upto)
        yield batch


@dataclass
class RunSummary:
    """What a corpus run did, the part done before a resume included."""

    documents: int
    statements: int
    errors: int
    resumed_after: int = 0


def _print_error(message: str) -> None:
    print(f"stance: {message}", file=sys.stderr)


def run_corpus(paths: list[str], output: str | None = None, *, fmt: str = "jsonl", model=None, genre: str = "auto",
               text_field: str = "text", id_field: str = "id", errors: str = "strict", n_jobs: int | None = None,
               batch_size: int = 64, backend: str = "loky", scheduler: str | None = None, resume: bool = False,
               progress: bool = False, on_error: Callable[[str], None] | None = None, stream=None,
               row_group_size: int = ROW_GROUP_ROWS, freeze_heap: bool = False) -> RunSummary:
    """Analyse every document of ``paths`` and write its statement records to ``output`` (or ``stream``).

    Parameters
    ----------
    paths : list of str
        As for `stance.io.iter_documents`: text files, folders, JSONL(.gz), ``-``.
    output : str, optional
        The output file; ``None`` or ``-`` writes to ``stream`` (default: standard output).
    fmt : {"jsonl", "csv", "parquet", "table"}
    n_jobs, batch_size, backend, scheduler
        joblib's ``n_jobs`` (default 1, or every Dask worker), documents per task, joblib backend
        (`BACKENDS`), and the Dask scheduler's address for ``backend="dask"``.
    resume : bool
        Go on from the progress file of an interrupted run with the same inputs and options.
    progress : bool
        Show a tqdm bar on standard error (documents/s, statements found).
    on_error : callable, optional
        Called with a one-line message for each bad record or failed document (they are skipped).
    freeze_heap : bool
        Freeze this process's heap once the pipeline is loaded (`worker_pipeline`): for a caller that owns
        the process, such as the command line.  Worker processes always do it; worker threads never.
    """
    from tqdm import tqdm

    from .io import iter_documents

    on_error = on_error or _print_error
    if progress:  # messages go above the bar, not through it
        report = on_error

        def on_error(message: str) -> None:
            with tqdm.external_write_mode(file=sys.stderr):
                report(message)

    if batch_size < 1:
        raise StanceError(f"--batch-size must be 1 or more, got {batch_size}")
    if n_jobs is None:
        n_jobs = -1 if backend == "dask" else 1
    model = str(Path(model).resolve()) if model else None
    to_file = output not in (None, "-")
    if fmt == "parquet" and not to_file:
        raise StanceError("--format parquet needs a file: add -o FILE.parquet")
    progress_file, state = None, None
    if to_file and fmt != "table" and "-" not in paths:
        run = _run_identity(paths, fmt=fmt, model=model, genre=genre, text_field=text_field, id_field=id_field,
                            errors=errors)
        progress_file = ProgressFile(Path(output), run)
        state = _resumed_state(progress_file, Path(output)) if resume else None
    elif resume:
        raise StanceError("--resume needs named inputs, an output file (-o FILE) and a format other than table")

    in_process = n_jobs == 1 and backend != "dask"
    if in_process and backend not in BACKENDS:
        raise StanceError(f"backend {backend!r} is not one of {', '.join(BACKENDS)}")
    if in_process and scheduler:
        raise StanceError("--scheduler ADDRESS goes with --backend dask")
    with contextlib.nullcontext() if in_process else parallel_backend(backend, scheduler):
        worker_pipeline(model, genre, freeze_heap=freeze_heap and in_process)  # load and check the model first
        input_errors = _InputErrors(on_error)
        docs = iter_documents(paths, text_field=text_field, id_field=id_field, errors=errors,
                              on_error=input_errors)
        done = state["documents"] if state else 0
        statements = state["statements"] if state else 0
        errors_before = state["errors"] if state else 0
        if progress_file and state is None:  # before the output is touched: a run killed now resumes from zero
            progress_file.write(0, 0, 0, {})
        sink = open_sink(output, fmt, stream=stream or sys.stdout, resume=state["output"] if state else None,
                         row_group_size=row_group_size)
        failures = 0
        snapshots: collections.deque = collections.deque()
        batches = _batches(docs, batch_size, done, input_errors, snapshots)
        if in_process:  # no joblib import: the first output comes sooner
            outputs = (analyze_batch(batch, model, genre, freeze_heap) for batch in batches)
        else:
            import joblib

            outputs = joblib.Parallel(n_jobs=n_jobs, return_as="generator")(
                joblib.delayed(analyze_batch)(batch, model, genre, backend != "threading") for batch in batches)
        complete = False
        try:
            with tqdm(desc="stance analyze", unit="doc", initial=done, disable=not progress, file=sys.stderr,
                      dynamic_ncols=True) as bar:
                bar.set_postfix(statements=statements)
                for results in outputs:
                    input_errors_upto = snapshots.popleft()
                    for records, message in results:
                        if message is not None:
                            failures += 1
                            on_error(message)
                        else:
                            sink.write(records)
                            statements += len(records)
                    done += len(results)
                    committed = sink.commit()
                    if progress_file and committed is not None:
                        progress_file.write(done, statements, errors_before + input_errors_upto + failures,
                                            committed)
                    bar.set_postfix(statements=statements, refresh=False)
                    bar.update(len(results))
            total_errors = errors_before + input_errors.count + failures
            committed = sink.commit(final=True)
            if progress_file:
                progress_file.write(done, statements, total_errors, committed)
            complete = True
        finally:
            sink.close(complete=complete)
    if progress_file:
        progress_file.remove()
    sink.cleanup()
    return RunSummary(documents=done, statements=statements, errors=total_errors,
                      resumed_after=state["documents"] if state else 0)


def map_batch(batch: dict, indices: list[int], *, text_column: str = "text", id_column: str | None = None,
              model=None, genre: str = "auto") -> dict:
    """A ``Dataset.map(batched=True, with_indices=True)`` function: documents in, statement records out.

    Other scalar columns become the document's metadata (a ``genre`` column is used); a row whose text
    is missing (``None``) has no statements.
    """
    pipeline = worker_pipeline(model, genre)
    meta_columns = [c for c in batch if c not in (text_column, id_column)]
    out: dict[str, list] = {k: [] for k in RECORD_FIELDS}
    for i, index in enumerate(indices):
        text = batch[text_column][i]
        if text is None:
            continue
        doc_id = str(batch[id_column][i]) if id_column else str(index)
        metadata = {c: batch[c][i] for c in meta_columns if isinstance(batch[c][i], (str, int, float))}
        for record in pipeline(Document(doc_id, text, metadata)).records():
            for k in RECORD_FIELDS:
                out[k].append(record[k])
    return out


def analyze_dataset(dataset, *, text_column: str = "text", id_column: str | None = None, model=None,
                    genre: str = "auto", batch_size: int = 64, num_proc: int | None = None):
    """The statements of every row of a `datasets.Dataset`: a new Dataset with one row per statement.

    Runs ``dataset.map(map_batch, batched=True, remove_columns=...)``; its columns are the record
    fields (`stance.records.RECORD_FIELDS`, spans as two int32).  ``doc_id`` comes from ``id_column``,
    else the row index.  ``num_proc`` runs the map in several processes (each loads the model once;
    forked processes share the one loaded here).

    Examples
    --------
    >>> from datasets import Dataset
    >>> from stance.runner import analyze_dataset
    >>> docs = Dataset.from_dict({"id": ["a"], "text": ["The ministry urged Tokyo to withdraw the plan."]})
    >>> analyze_dataset(docs, id_column="id")["label"]  # doctest: +SKIP
    ['demand']
    """
    from datasets import Features

    from .output import record_schema

    for name, column in (("text_column", text_column), ("id_column", id_column)):
        if column is not None and column not in dataset.column_names:
            raise StanceError(f"{name} {column!r} is not a column of the dataset ({', '.join(dataset.column_names)})")
    model = str(Path(model).resolve()) if model else None
    worker_pipeline(model, genre)
    return dataset.map(map_batch, batched=True, batch_size=batch_size, with_indices=True,
                       remove_columns=dataset.column_names, features=Features.from_arrow_schema(record_schema()),
                       num_proc=num_proc, desc="stance analyze",
                       fn_kwargs={"text_column": text_column, "id_column": id_column, "model": model, "genre": genre})
