"""Sweep a corpus: review many articles on all cores (or a Dask cluster), streaming one result per article.

The unit of work is :func:`scan_article`: a plain function from a :class:`ScanItem` (the article's bytes or text,
read by the main process) and a :class:`ScanConfig` to a JSON-ready dict. It never raises: a bad article comes
back with ``error`` set. Both engines run that same function, so their results are identical; both yield them in
input order through a bounded window of in-flight articles, so memory stays flat however large the corpus is.

>>> from factcheck.scan import ScanConfig, iter_items, scan
>>> for result in scan(iter_items(["articles/"]), ScanConfig(), jobs=2):  # doctest: +SKIP
...     print(result["id"], len(result["flags"]))
"""

from __future__ import annotations

import collections
import csv
import heapq
import io
import json
import os
import pickle
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from factcheck.article import ARTICLE_SUFFIXES, article_from_text, parse_date
from factcheck.errors import FactcheckError
from factcheck.extract.checkworthiness import CheckworthinessSettings
from factcheck.models import Severity
from factcheck.report import lint
from factcheck.report.lint import Diagnostic
from factcheck.text.lines import LineIndex

JSONL_SUFFIXES = (".jsonl", ".ndjson")
# A news story is a few kilobytes; anything past this is refused per article (reported, the scan goes on).
DEFAULT_MAX_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class ScanItem:
    """One article to scan: raw file bytes or JSON Lines text, or the reason it could not even be read."""

    id: str
    path: str
    raw: bytes | None = None
    text: str | None = None
    date: str | None = None
    title: str | None = None
    source: str | None = None
    error: str | None = None


@dataclass(frozen=True)
class ScanConfig:
    """What every worker needs: rule selection, desk KB layers (shipped as file contents), limits."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()  # --extend-select and factcheck.toml's [rules] extend_select
    desk_layers: tuple[tuple[str, str], ...] = ()  # (file name, YAML text): workers need not see the client's disk
    encoding: str = "utf-8"
    max_bytes: int = DEFAULT_MAX_BYTES
    checkworthiness: CheckworthinessSettings = CheckworthinessSettings()  # [checkworthiness] of factcheck.toml
    # The root of the project whose desk memory rule MM01 searches (``api.project_memory_root``: synced by the
    # caller, opened read only once per worker); None: no memory. Workers need this folder at the same path.
    memory: str | None = None

    @classmethod
    def with_desk_files(cls, paths: Iterable[Path], **kwargs: Any) -> ScanConfig:
        """A config carrying the contents of the desk's KB files (read here, rebuilt on each worker)."""
        layers = tuple((Path(p).name, Path(p).read_text(encoding="utf-8")) for p in paths)
        return cls(desk_layers=layers, **kwargs)


# ---------------------------------------------------------------------------------------------------------------
# Input: files, folders (recursive, by extension) and JSON Lines files, read lazily in input order.


def iter_items(
    paths: Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    skip: Iterable[str] | collections.Counter = frozenset(),
) -> Iterator[ScanItem]:
    """Every article under ``paths`` in a stable order; ids in ``skip`` (already scanned) are not read.

    ``skip`` counts: an id given n times (``done_ids``: n records with it in the output) skips the first n items
    with that id, so records sharing an id are distinct records and a resumed scan writes what one run would."""
    skip = collections.Counter(skip)
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for file in sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES + JSONL_SUFFIXES
            ):
                yield from _items_from_file(file, max_bytes, skip)
        elif path.is_file():
            yield from _items_from_file(path, max_bytes, skip)
        else:
            raise FactcheckError("no such file or folder; check the path", path=path)


def count_items(paths: Iterable[str | Path]) -> int:
    """How many articles ``iter_items`` will yield (one cheap pass: files counted, JSON Lines lines counted).

    Raises FactcheckError for a path that does not exist, so a scan can refuse before it writes anything.
    """
    total = 0
    for path in paths:
        path = Path(path)
        if not path.exists():
            raise FactcheckError("no such file or folder; check the path", path=path)
        files = (p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            suffix = file.suffix.lower()
            if suffix in JSONL_SUFFIXES:
                with open(file, "rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            elif suffix in ARTICLE_SUFFIXES or not path.is_dir():
                total += 1
    return total


def _skipped(item_id: str, skip: collections.Counter) -> bool:
    """Whether this occurrence of ``item_id`` is already in the output (and count it as met)."""
    if skip[item_id] > 0:
        skip[item_id] -= 1
        return True
    return False


def _items_from_file(file: Path, max_bytes: int, skip) -> Iterator[ScanItem]:
    if file.suffix.lower() in JSONL_SUFFIXES:
        yield from _items_from_jsonl(file, max_bytes, skip)
        return
    item_id = file.as_posix()
    if _skipped(item_id, skip):
        return
    size = file.stat().st_size
    if size > max_bytes:
        yield ScanItem(
            item_id,
            item_id,
            error=f"is {size:,} bytes, more than --max-bytes {max_bytes:,}; split it or raise the limit",
        )
        return
    yield ScanItem(item_id, item_id, raw=file.read_bytes())


def _items_from_jsonl(file: Path, max_bytes: int, skip) -> Iterator[ScanItem]:
    with open(file, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{file.as_posix()}:{number}"
            try:
                record = json.loads(line)
            except ValueError as exc:  # UnicodeDecodeError is a ValueError too
                if not _skipped(where, skip):
                    yield ScanItem(where, where, error=f"line is not valid JSON ({exc}); fix or remove it")
                continue
            except RecursionError:  # '[[[[…' thousands deep: one failed record, not the end of the scan
                if not _skipped(where, skip):
                    yield ScanItem(where, where, error="line is nested too deeply to read as JSON; fix or remove it")
                continue
            if (
                not isinstance(record, dict)
                or not isinstance(record.get("id"), (str, int))
                or isinstance(record.get("id"), bool)
            ):
                if not _skipped(where, skip):
                    yield ScanItem(
                        where, where, error="expected an object with an 'id' (string or number) and a 'text'"
                    )
                continue
            item_id = str(record["id"])
            if _skipped(item_id, skip):
                continue
            text = record.get("text")
            if not isinstance(text, str):
                yield ScanItem(item_id, where, error="'text' is missing or not a string")
            elif len(line) > max_bytes:
                yield ScanItem(
                    item_id,
                    where,
                    error=f"is {len(line):,} bytes, more than --max-bytes {max_bytes:,}; split it or raise the limit",
                )
            else:
                meta = {k: (str(record[k]) if record.get(k) is not None else None) for k in ("date", "title", "source")}
                yield ScanItem(item_id, where, text=text, **meta)


# ---------------------------------------------------------------------------------------------------------------
# The per-article function (runs in workers).

_WORKER_KB: dict[ScanConfig, Any] = {}


def knowledge_base_for(config: ScanConfig) -> Any:
    """The KB for a config, built once per process: the cached default, or the default plus the desk layers."""
    if not config.desk_layers:
        from factcheck.kb import default_kb

        return default_kb()
    key = ScanConfig(desk_layers=config.desk_layers)
    if key not in _WORKER_KB:
        from factcheck.kb import load_kb

        with tempfile.TemporaryDirectory(prefix="factcheck-desk-") as folder:
            paths = []
            for index, (name, text) in enumerate(config.desk_layers):
                path = Path(folder) / f"{index:02d}-{name}"
                path.write_text(text, encoding="utf-8")
                paths.append(path)
            _WORKER_KB[key] = load_kb(paths)
    return _WORKER_KB[key]


_WORKER_MEMORY: dict[ScanConfig, Any] = {}


def memory_for(config: ScanConfig) -> Any:
    """The desk memory of ``config.memory``, opened once per process (read only: the caller synced it); None
    without one. A worker that cannot read it (a Dask worker on another machine without the project folder)
    fails rather than scan without the memory the desk has."""
    if config.memory is None:
        return None
    key = ScanConfig(desk_layers=config.desk_layers, memory=config.memory)  # its country names come from the KB
    if key not in _WORKER_MEMORY:
        from factcheck.memory import open_memory

        memory = open_memory(Path(config.memory), kb=knowledge_base_for(config), sync=False)
        if memory is None:
            raise FactcheckError(
                "the desk memory is not readable here: a scan worker needs the project folder at "
                "the same path (or pass --ignore MM01)",
                path=config.memory,
            )
        _WORKER_MEMORY[key] = memory
    return _WORKER_MEMORY[key]


def _own_key(item: ScanItem, root: str | None) -> str | None:
    """An article file's path relative to the memory's project root, as its registry records it: the key its own
    past verdicts are left out of the memory under (None for a JSON Lines record or a file outside the project)."""
    if root is None or item.raw is None:
        return None
    try:
        return Path(item.path).absolute().relative_to(Path(root).absolute()).as_posix()
    except ValueError:
        return None


def warm_worker(config: ScanConfig) -> None:
    """Load the KB, the desk memory and the rules before the first article (process-pool initializer, Dask
    ``client.run``)."""
    from factcheck.rules import all_rules

    knowledge_base_for(config)
    memory_for(config)
    all_rules()
    # One small review: what loads on first use (word lists, the KB's indexes) loads now, not inside the first
    # article's time budget (a worker replaced after a timeout would otherwise spend the next one's on it too).
    scan_article(ScanItem("warm-up", "warm-up", text=_WARM_UP), config)


_WARM_UP = (
    "PARIS, 4 May 2011 - Japanese Prime Minister Fumio Kishida said on Friday that 40 delegates, "
    "\u201cthe largest group ever\u201d, met President Joe Biden of the United States in 2023. The Institute "
    "for Developing Economies and the Bank of Japan said Kishida and Joe Bidden agreed.\n"
)


def scan_article(item: ScanItem, config: ScanConfig) -> dict[str, Any]:
    """Review one article and summarise it as a JSON-ready dict; never raises (errors go in ``error``)."""
    from factcheck.pipeline import collector_paused

    # The collector stays off until the article's registry is gone again (freed with _scan_article's frame):
    # switched back on while the registry is alive, it would scan the whole registry once more for nothing.
    with collector_paused():
        return _scan_article(item, config)


def _scan_article(item: ScanItem, config: ScanConfig) -> dict[str, Any]:
    from factcheck.api import analyse

    started = time.perf_counter()
    size = len(item.raw) if item.raw is not None else len(item.text.encode("utf-8")) if item.text is not None else 0
    result: dict[str, Any] = {"id": item.id, "path": item.path}
    try:
        if item.error:
            raise FactcheckError(item.error)
        article = _article(item, config)
        failures: list = []
        registry = analyse(
            article,
            kb=knowledge_base_for(config),
            select=list(config.select) or None,
            ignore=list(config.ignore) or None,
            checkworthiness=config.checkworthiness,
            failures=failures,
            extend_select=list(config.extend_select) or None,
            memory=memory_for(config),
            key=_own_key(item, config.memory),
        )
    except FactcheckError as exc:  # the text `factcheck review` prints after "error: " (file:line: message)
        return _failure(result, str(exc), "input", size, started)
    except Exception as exc:  # a rule or extractor raised: report it against this article, keep scanning
        return _failure(result, f"{type(exc).__name__}: {exc}", "crash", size, started)
    index = LineIndex(article.text, article.line_offset)
    flags = sorted((f for c in registry.claims for f in c.flags), key=lambda f: (f.span.start, f.code))
    result.update(
        title=article.title,
        date=registry.article.date.value.isoformat() if registry.article.date.value else None,
        # the record's 'date' reaches the pipeline as an explicit date; say where it really came from
        date_basis="the record's 'date' field" if item.date else registry.article.date.detail,
        claims=len(registry.claims),
        checkworthy=sum(1 for c in registry.claims if c.review.status.value != "not-checkworthy"),
        flags=[_flag_dict(f, index) for f in flags],
        bytes=size,
        seconds=round(time.perf_counter() - started, 4),
        error=None,
        error_kind=None,
    )
    if failures:  # a rule raised: the other rules' flags are here; the article counts as failed (exit 3)
        result.update(
            error="; ".join(f"internal error in rule {f.code}: {f.error}" for f in failures), error_kind="rule"
        )
    return result


def _article(item: ScanItem, config: ScanConfig):
    if item.raw is not None:
        try:
            text = item.raw.decode(config.encoding)
        except UnicodeDecodeError as exc:
            line = item.raw[: exc.start].count(b"\n") + 1
            raise FactcheckError(
                f"byte {exc.start} (line {line}) is not valid {config.encoding}; "
                "pass the file's encoding with --encoding"
            ) from None
    else:
        text = item.text or ""
    if not text.strip():
        raise FactcheckError("is empty; there is nothing to check")
    try:
        date = parse_date(item.date, where="'date'") if item.date else None
    except ValueError as exc:
        raise FactcheckError(str(exc)) from None
    article = article_from_text(text, path=item.path, date=date, title=item.title, source=item.source)
    if not article.text.strip():
        raise FactcheckError("has front matter but no article text after it")
    return article


def _flag_dict(flag, index: LineIndex) -> dict[str, Any]:
    line, column = index.position(flag.span.start)
    end_line, end_column = index.position(flag.span.end)
    out = {
        "code": flag.code,
        "severity": flag.severity.value,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "text": flag.text,
        "message": flag.message,
    }
    if flag.suggestion:
        out["suggestion"] = flag.suggestion
    return out


def _failure(result: dict[str, Any], message: str, kind: str, size: int, started: float) -> dict[str, Any]:
    result.update(
        title=None,
        date=None,
        date_basis=None,
        claims=None,
        checkworthy=None,
        flags=[],
        bytes=size,
        seconds=round(time.perf_counter() - started, 4),
        error=message,
        error_kind=kind,
    )
    return result


# ---------------------------------------------------------------------------------------------------------------
# Engines: the same function, results in input order, a bounded number of articles in flight.


# Articles are sent in chunks: one task (and one round trip) per CHUNK articles, not per article.
CHUNK = 8
# A Dask task costs a scheduler round trip and serialisation in both directions: bigger chunks amortise it.
DASK_CHUNK = 64
# Settings for the client and a LocalCluster (a desk's own scheduler and workers need them too: docs/scan.md).
DASK_CONFIG = {
    "distributed.admin.low-level-log-length": 16,
    # Workers sample the running task's stack every 10 ms for the dashboard's profile, which a scan does not show:
    # ~5% of the workers' CPU on the 54.5 MB benchmark sweep.
    "distributed.worker.profile.enabled": False,
    # Event-loop housekeeping wakes each process every 20-500 ms (loop-latency tick, system monitor, memory
    # monitor) and takes the GIL from the article in progress: ~3% of the sweep's time at these rates.
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
}
# Chunks in flight per worker: enough that one slow article does not leave the other workers idle.
CHUNKS_PER_WORKER = 4


def scan_chunk(items: list[ScanItem], config: ScanConfig) -> list[dict[str, Any]]:
    """``scan_article`` over a few articles: the unit of work both engines ship to a worker."""
    return [scan_article(item, config) for item in items]


def scan_chunk_packed(items: list[ScanItem], config: ScanConfig) -> bytes:
    """``scan_chunk`` with its results pickled in the task: Dask then moves one bytes object instead of sizing
    and serialising a list of nested dicts on the worker's event loop."""
    return pickle.dumps(scan_chunk(items, config), protocol=pickle.HIGHEST_PROTOCOL)


def _chunks(items: Iterable[ScanItem], size: int) -> Iterator[list[ScanItem]]:
    chunk: list[ScanItem] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _in_order(
    chunks: Iterable[list[ScanItem]],
    submit: Callable[[list[ScanItem]], Any],
    collect: Callable[[Any, list[ScanItem]], list[dict]],
    window: int,
) -> Iterator[dict]:
    """Submit chunks ahead, at most ``window`` in flight, and yield their results in input order."""
    pending: collections.deque = collections.deque()
    for chunk in chunks:
        pending.append((submit(chunk), chunk))
        if len(pending) >= window:
            yield from collect(*pending.popleft())
    while pending:
        yield from collect(*pending.popleft())


def _crash(item: ScanItem, message: str) -> dict[str, Any]:
    return _failure({"id": item.id, "path": item.path}, message, "crash", 0, time.perf_counter())


def scan(
    items: Iterable[ScanItem],
    config: ScanConfig,
    *,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    timeout: float | None = None,
) -> Iterator[dict]:
    """Scan articles, yielding one result dict per item in input order.

    ``timeout``: seconds one article may take (local engine); an article over it is stopped with its worker process
    and comes back failed (``error_kind: timeout``) while the others go on. None: no limit, and ``jobs=1`` runs in
    this process."""
    jobs = jobs or os.cpu_count() or 1
    if engine == "dask":
        yield from _scan_dask(items, config, jobs, scheduler)
    elif jobs == 1 and not timeout:
        warm_worker(config)
        for item in items:
            yield scan_article(item, config)
    else:
        yield from _scan_processes(items, config, jobs, timeout)


def _timed_out(item: ScanItem, timeout: float) -> dict[str, Any]:
    size = len(item.raw) if item.raw is not None else len(item.text.encode("utf-8")) if item.text is not None else 0
    result = _failure(
        {"id": item.id, "path": item.path},
        f"took longer than the time budget of {timeout:g} s and was stopped; "
        "raise --timeout, or check the text (a page with no full stop or line break?)",
        "timeout",
        size,
        time.perf_counter(),
    )
    result["seconds"] = round(timeout, 4)
    return result


def _worker_main(conn, config: ScanConfig) -> None:
    """A scan worker: warm up, say so, then review each chunk of (index, item) it is sent, one result at a time."""
    warm_worker(config)
    conn.send(None)
    while True:
        chunk = conn.recv()
        if chunk is None:
            return
        for index, item in chunk:
            conn.send((index, scan_article(item, config)))


class _Worker:
    """One worker process, the chunk it holds and when its current article started (as the main process saw it)."""

    def __init__(self, mp, config: ScanConfig) -> None:
        self.conn, child = mp.Pipe()
        self.process = mp.Process(target=_worker_main, args=(child, config), daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.chunk: collections.deque = collections.deque()  # (index, item) sent and not yet answered
        self.started = 0.0  # when its current article (chunk[0]) started

    def send(self, chunk: list[tuple[int, ScanItem]]) -> None:
        if not self.chunk:  # else the article in progress keeps its start
            self.started = time.perf_counter()
        self.chunk.extend(chunk)
        self.conn.send(chunk)

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


def _scan_processes(
    items: Iterable[ScanItem], config: ScanConfig, jobs: int, timeout: float | None = None
) -> Iterator[dict]:
    """``jobs`` worker processes, each sent CHUNK articles at a time and answering article by article; results are
    yielded in input order as soon as every earlier one is in. A worker whose current article runs past
    ``timeout`` is killed (that article fails with ``error_kind: timeout``), one that dies fails its current
    article (``crash``); the rest of its chunk goes to a fresh worker. At most CHUNKS_PER_WORKER chunks per
    worker are read ahead of the oldest unfinished article, so one slow article holds the output back for at most
    its time budget while memory stays bounded."""
    import multiprocessing
    from multiprocessing.connection import wait

    mp = multiprocessing.get_context()
    workers = [_Worker(mp, config) for _ in range(jobs)]
    source = enumerate(items)
    queue: collections.deque = collections.deque()  # (index, item) read and not yet sent
    done: dict[int, dict] = {}
    read = written = 0
    window = jobs * CHUNKS_PER_WORKER * CHUNK
    exhausted = False

    def replace(worker: _Worker, result: dict) -> None:
        index, _ = worker.chunk.popleft()
        done[index] = result
        queue.extendleft(reversed(worker.chunk))  # the rest of its chunk, first in line again
        worker.stop()
        workers[workers.index(worker)] = _Worker(mp, config)

    try:
        while True:
            while not exhausted and read - written < window:
                try:
                    queue.append(next(source))
                    read += 1
                except StopIteration:
                    exhausted = True
            for worker in workers:  # the next chunk goes before the last is done: a worker never waits for this loop
                if worker.ready and len(worker.chunk) <= CHUNK // 2 and queue:
                    worker.send([queue.popleft() for _ in range(min(CHUNK, len(queue)))])
            while written in done:
                yield done.pop(written)
                written += 1
            if exhausted and written == read:
                return
            busy = [w for w in workers if w.chunk]
            wait_for = None
            if timeout and busy:
                wait_for = max(0.0, min(w.started for w in busy) + timeout - time.perf_counter())
            ready = wait([w.conn for w in workers] + [w.process.sentinel for w in workers], timeout=wait_for)
            for worker in list(workers):
                if worker.conn in ready or worker.process.sentinel in ready:
                    try:
                        while worker.conn.poll():
                            message = worker.conn.recv()
                            if message is None:
                                worker.ready = True
                                continue
                            index, result = message
                            worker.chunk.popleft()
                            done[index] = result
                            worker.started = time.perf_counter()
                    except (EOFError, OSError):
                        pass
                    if not worker.process.is_alive():
                        if worker.chunk:
                            _, item = worker.chunk[0]
                            replace(
                                worker,
                                _crash(
                                    item,
                                    "the worker process died while scanning this article (killed or out of memory)",
                                ),
                            )
                        elif not worker.ready:  # died warming up: every new one would too
                            raise FactcheckError(f"a scan worker failed to start (exit code {worker.process.exitcode})")
                        else:
                            worker.stop()
                            workers[workers.index(worker)] = _Worker(mp, config)
                        continue
                if timeout and worker.chunk and time.perf_counter() - worker.started > timeout:
                    _, item = worker.chunk[0]
                    replace(worker, _timed_out(item, timeout))
    finally:  # idle workers are told to stop, busy ones (the consumer stopped early) are killed
        for worker in workers:
            if not worker.chunk:
                try:
                    worker.conn.send(None)
                except OSError:
                    pass
        for worker in workers:
            if not worker.chunk:
                worker.process.join(timeout=2)
            worker.stop()


def _scan_dask(items: Iterable[ScanItem], config: ScanConfig, jobs: int, scheduler: str | None) -> Iterator[dict]:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise FactcheckError("the Dask engine needs the 'dask' extra: pip install 'factcheck[dask]'") from None
    import logging

    import dask

    cluster = None
    # Every batched comm keeps its last N messages under 1 MB for debugging (distributed.admin.low-level-log-length,
    # 1,000 by default): each holds a task carrying DASK_CHUNK articles' text, so the client and the scheduler grew
    # by the corpus (main process 125 -> 282 MB from the 7.8 to the 54.5 MB benchmark sweep). A short log keeps
    # them flat.
    with dask.config.set(DASK_CONFIG):
        if scheduler:
            client = Client(scheduler)
        else:
            cluster = LocalCluster(
                n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
            )
            client = Client(cluster)
    try:
        client.run(warm_worker, config)
        threads = sum(client.nthreads().values()) or jobs
        # The config goes to every worker once, not inside every task.
        shared_config = client.scatter(config, broadcast=True)

        def submit(chunk: list[ScanItem]):
            return client.submit(scan_chunk_packed, chunk, shared_config, pure=False)

        def collect(future, chunk: list[ScanItem]) -> list[dict]:
            try:
                return pickle.loads(future.result())
            except Exception as exc:  # KilledWorker and the like: the task, not the article code, failed
                return [_crash(item, f"{type(exc).__name__}: {exc}") for item in chunk]
            finally:
                future.release()

        yield from _in_order(_chunks(items, DASK_CHUNK), submit, collect, window=threads * CHUNKS_PER_WORKER)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# ---------------------------------------------------------------------------------------------------------------
# Output: JSON Lines (resumable), CSV of flags, and a summary built as results stream by.


def done_ids(output: Path) -> collections.Counter:
    """Ids already in a JSON Lines output, each with how many records have it; a half-written last line (a crash
    mid-write) is cut off."""
    ids: collections.Counter = collections.Counter()
    if not output.exists():
        return ids
    with open(output, "rb+") as handle:
        data_end = 0
        for line in handle:
            if not line.endswith(b"\n"):
                break
            try:
                ids[str(json.loads(line)["id"])] += 1
            except (ValueError, KeyError, TypeError, RecursionError):
                break
            data_end += len(line)
        handle.truncate(data_end)
    return ids


CSV_COLUMNS = ("id", "path", "line", "column", "code", "severity", "text", "message", "suggestion")


def csv_rows(result: dict) -> list[list[Any]]:
    """One CSV row per flag of a result."""
    return [[result["id"], result["path"], *(f.get(c, "") for c in CSV_COLUMNS[2:])] for f in result["flags"]]


def rebuild_csv(output: Path, csv_path: Path) -> None:
    """Write the flags CSV afresh from the JSON Lines output (atomically): on ``--resume`` the CSV is derived from
    the JSON lines, so the two always hold the same articles whatever a crash left behind."""
    tmp = csv_path.with_name(csv_path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        if output.exists():
            with open(output, encoding="utf-8") as lines:
                for line in lines:
                    if line.strip():
                        writer.writerows(csv_rows(json.loads(line)))
    os.replace(tmp, csv_path)


class ResultWriter:
    """Appends each result as it arrives: a JSON line to ``output``, its flags to ``csv_path``.

    A result's ``seconds`` goes to the JSON lines only with ``timings``: without it two scans of the same
    corpus write the same bytes, so a re-run can be compared with ``diff`` or a checksum.
    """

    def __init__(self, output: Path | None, csv_path: Path | None, *, append: bool, timings: bool = False):
        mode = "a" if append else "w"
        self._timings = timings
        self._json = open(output, mode, encoding="utf-8", newline="\n") if output else None
        self._csv_file = None
        if csv_path and append and output:
            rebuild_csv(output, csv_path)  # rows lost or cut by a crash between the two writes come back
        if csv_path:
            header = not (append and csv_path.exists() and csv_path.stat().st_size)
            self._csv_file = open(csv_path, mode, encoding="utf-8", newline="")
            self._csv = csv.writer(self._csv_file)
            if header:
                self._csv.writerow(CSV_COLUMNS)

    def write(self, result: dict) -> None:
        if self._json:
            record = result if self._timings else {k: v for k, v in result.items() if k != "seconds"}
            self._json.write(json.dumps(record, ensure_ascii=False) + "\n")
            self._json.flush()
        if self._csv_file:
            self._csv.writerows(csv_rows(result))
            self._csv_file.flush()

    def close(self) -> None:
        for handle in (self._json, self._csv_file):
            if handle:
                handle.close()


_RECORD_PATH = re.compile(r"(?is)(.+\.(?:jsonl|ndjson)):(\d+)")


def result_diagnostics(
    result: dict, *, min_severity: Severity = Severity.INFO, names: dict[str, str] | None = None
) -> list[Diagnostic]:
    """A scan result's flags at or above ``min_severity`` as lint diagnostics (for GitHub annotations and SARIF).

    A file's flags point into the file. A JSON Lines record's flags point at the record's line of the .jsonl file
    (where a reader can find it), the position inside its text and its id going into the message."""
    names = names or {}
    record = _RECORD_PATH.fullmatch(result["path"])
    out = []
    for flag in result.get("flags") or ():
        severity = Severity(flag["severity"])
        if severity.rank < min_severity.rank:
            continue
        name = names.get(flag["code"], flag["code"])
        if record:
            where = f"record {result['id']}, line {flag['line']}, column {flag['column']} of its text"
            out.append(
                Diagnostic(
                    record.group(1),
                    int(record.group(2)),
                    1,
                    None,
                    None,
                    flag["code"],
                    name,
                    severity,
                    f"{flag['message']} ({where})",
                )
            )
        else:
            out.append(
                Diagnostic(
                    result["path"],
                    flag["line"],
                    flag["column"],
                    flag.get("end_line"),
                    flag.get("end_column"),
                    flag["code"],
                    name,
                    severity,
                    flag["message"],
                )
            )
    return out


class LintOutput:
    """``scan --output-format github|sarif``: every article's flags as GitHub annotations, or as one SARIF run over
    the whole corpus, written to ``stream`` as results arrive (nothing is held back but the rules' descriptors)."""

    def __init__(
        self, fmt: str, stream: TextIO, *, rules: list[Any], version: str, min_severity: Severity = Severity.INFO
    ):
        self._stream, self._min = stream, min_severity
        self._names = {r.code: r.name for r in rules}
        self._sarif = lint.SarifWriter(stream, version=version, rules=rules) if fmt == "sarif" else None

    def add(self, result: dict) -> None:
        items = result_diagnostics(result, min_severity=self._min, names=self._names)
        if self._sarif is not None:
            self._sarif.write(items)
        else:
            for line in lint.render_github(items):
                self._stream.write(line + "\n")
        if result.get("error"):  # failed: said in the log too, so a CI job shows what was not checked
            record = _RECORD_PATH.fullmatch(result["path"])
            path, line = (record.group(1), int(record.group(2))) if record else (result["path"], None)
            named = record and result["id"] != result["path"]  # a record with an id of its own
            message = f"record {result['id']}: {result['error']}" if named else result["error"]
            if self._sarif is not None:
                self._sarif.failed(path, message, line)
            else:
                self._stream.write(lint.github_failure(path, message, line) + "\n")

    def add_earlier(self, output: Path) -> None:
        """The results an interrupted scan already wrote to ``output`` (``--resume``): one run covers the corpus."""
        if not output.exists():
            return
        with open(output, encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    self.add(json.loads(line))

    def close(self) -> None:
        if self._sarif is not None:
            self._sarif.close()
        self._stream.flush()


@dataclass
class ScanSummary:
    """Counts kept while results stream by (bounded: top-N slowest, first-N failures)."""

    articles: int = 0
    failed: int = 0
    skipped: int = 0
    claims: int = 0
    bytes: int = 0
    flags: collections.Counter = field(default_factory=collections.Counter)  # (code, severity) -> count
    slowest: list = field(default_factory=list)  # heap of (seconds, id)
    failures: list = field(default_factory=list)  # (id, error)
    keep: int = 5

    def add(self, result: dict) -> None:
        self.articles += 1
        self.bytes += result.get("bytes") or 0
        if result.get("error"):
            self.failed += 1
            if len(self.failures) < 20:
                self.failures.append((result["id"], result["error"]))
            return
        self.claims += result["claims"]
        self.flags.update((f["code"], f["severity"]) for f in result["flags"])
        entry = (result["seconds"], result["id"])
        if len(self.slowest) < self.keep:
            heapq.heappush(self.slowest, entry)
        else:
            heapq.heappushpop(self.slowest, entry)

    def worst_severity(self) -> Severity | None:
        return max((Severity(s) for _, s in self.flags), key=lambda s: s.rank, default=None)

    def render(self, seconds: float | None = None) -> str:
        """The summary as plain text tables."""
        from rich.console import Console
        from rich.table import Table

        buffer = io.StringIO()
        console = Console(file=buffer, width=110, color_system=None, force_terminal=False)
        head = f"{self.articles} articles scanned ({self.failed} failed"
        head += f", {self.skipped} skipped as already in the output)" if self.skipped else ")"
        head += f", {self.claims} claims, {sum(self.flags.values())} flags"
        if seconds:
            head += (
                f"; {seconds:.1f} s, {self.articles / seconds:.1f} articles/s, {self.bytes / seconds / 1e6:.2f} MB/s"
            )
        console.print(head)
        if self.flags:
            table = Table(title="Flags by rule and severity", title_justify="left")
            table.add_column("rule")
            for severity in reversed(Severity):
                table.add_column(severity.value, justify="right")
            for code in sorted({c for c, _ in self.flags}):
                table.add_row(code, *(str(self.flags.get((code, s.value), 0)) for s in reversed(Severity)))
            console.print(table)
        if self.slowest:
            table = Table(title="Slowest articles", title_justify="left")
            table.add_column("seconds", justify="right")
            table.add_column("id")
            for secs, item_id in sorted(self.slowest, reverse=True):
                table.add_row(f"{secs:.3f}", item_id)
            console.print(table)
        if self.failures:
            table = Table(title=f"Failures ({self.failed})", title_justify="left")
            table.add_column("id")
            table.add_column("error")
            for item_id, error in self.failures:
                table.add_row(item_id, error)
            console.print(table)
        return buffer.getvalue()


class ScanProgress:
    """A rich progress bar (articles/s, ETA) on a terminal; otherwise a plain line every ``every`` seconds."""

    def __init__(self, total: int | None, *, stream, tty: bool, every: float = 10.0):
        self.total, self.stream, self.every = total, stream, every
        self.done = self.failed = self.bytes = 0
        self.started = self._last = time.perf_counter()
        self._bar = None
        if tty:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._bar = Progress(
                TextColumn("scan"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]} articles/s"),
                TextColumn("{task.fields[failed]} failed"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(file=stream),
                transient=True,
            )
            self._task = self._bar.add_task("scan", total=total, rate="0.0", failed=0)
            self._bar.start()

    def update(self, result: dict) -> None:
        self.done += 1
        self.bytes += result.get("bytes") or 0
        self.failed += bool(result.get("error"))
        now = time.perf_counter()
        rate = self.done / max(now - self.started, 1e-9)
        if self._bar is not None:
            self._bar.update(self._task, advance=1, rate=f"{rate:.1f}", failed=self.failed)
        elif now - self._last >= self.every:
            self._last = now
            self.stream.write(self.line(now) + "\n")
            self.stream.flush()

    def line(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        text = f"scan: {self.done}"
        if self.total:
            eta = (self.total - self.done) / rate if rate else 0
            text += f"/{self.total} articles ({100 * self.done / self.total:.0f}%)"
        else:
            text += " articles"
        text += f", {rate:.1f} articles/s, {self.bytes / elapsed / 1e6:.2f} MB/s, {self.failed} failed"
        if self.total:
            text += f", ETA {eta:.0f} s"
        return text

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
