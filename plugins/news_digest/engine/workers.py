"""Forked worker processes that share the build's memory and send their log records home.

Pelican builds in one process. The plugin's two heavy steps, reading seeds
(``prefetch``) and rendering pages (``writer``), are spread over forked
processes instead: a fork shares everything already in memory, so only the
task numbers go to a worker and only results come back. Log records a worker
makes are logged again in the parent, so every handler there (the build's
warning count, Pelican's log) sees them as if the work had been done there.
"""

from __future__ import annotations

import logging
import logging.handlers
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from ..settings import default
from . import heap

#: Worker processes (``NEWS_DIGEST_WORKERS``); 0 means one per usable core.
DEFAULT_WORKERS = default("NEWS_DIGEST_WORKERS")


def worker_count(settings) -> int:
    wanted = settings.get("NEWS_DIGEST_WORKERS", DEFAULT_WORKERS)
    if wanted:
        return int(wanted)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork(settings) -> bool:
    """More than one worker wanted, and forking is safe here.

    Only on Linux, where ``fork`` is Python's default (macOS's system
    libraries are not fork-safe), and only from a single-threaded process
    (another thread may hold a lock the fork would copy, held for ever).
    """
    return (
        worker_count(settings) > 1
        and sys.platform.startswith("linux")
        and threading.active_count() == 1
    )


class _Collector(logging.handlers.QueueHandler):
    """Keeps a worker's log records, made picklable, for the parent to log."""

    def __init__(self):
        super().__init__(None)
        self.records: list[logging.LogRecord] = []

    def enqueue(self, record):
        self.records.append(record)


@contextmanager
def _collected_logs() -> Iterator[list[logging.LogRecord]]:
    """In a forked process: its log records kept, for the parent to log (:func:`_log_again`)."""
    collector = _Collector()
    root = logging.getLogger()
    root.handlers, saved = [collector], root.handlers
    try:
        yield collector.records
    finally:
        root.handlers = saved


def _log_again(records: list[logging.LogRecord]) -> None:
    """A child's log records, logged here as if the work had been done here."""
    for record in records:
        logging.getLogger(record.name).handle(record)


#: What the workers run: set before they are forked, so they share it.
_task: Callable | None = None


def _run_chunk(chunk: Sequence):
    with _collected_logs() as records:
        return [_task(item) for item in chunk], records


def fork_map(
    task: Callable, items: Sequence, workers: int, chunk_size: int, alone: int = 0
) -> list:
    """``[task(item) for item in items]``, worked out in ``workers`` forked processes.

    ``task`` and everything it reaches are shared with the workers, not
    pickled; ``items`` and the results are. An exception in a task is raised
    here, with the worker's traceback. The first ``alone`` items (long tasks,
    put first) are sent one at a time, the rest ``chunk_size`` at a time.
    """
    global _task
    _task = task
    chunks = [items[start : start + 1] for start in range(min(alone, len(items)))]
    chunks += [items[start : start + chunk_size] for start in range(alone, len(items), chunk_size)]
    heap.hold()  # the workers' collector then leaves the shared memory unwritten
    try:
        context = multiprocessing.get_context("fork")
        results = []
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for done, records in pool.map(_run_chunk, chunks):
                _log_again(records)
                results += done
        return results
    finally:
        heap.release()
        _task = None


class Background:
    """``function()`` worked out in a forked process while the build goes on.

    For a step whose inputs are ready before the build needs its result
    (story clustering, after reading; saving the content cache): the build
    goes on with what comes in between, and :meth:`result` waits for the
    child. The result and the child's log records come back pickled; an
    exception in the child is raised by :meth:`result`. Call :meth:`result`
    once, in the process that started it.

    A ``multiprocessing`` process on the ``fork`` context rather than a
    one-worker ``ProcessPoolExecutor``: the executor keeps a thread running
    in the build's process, and the build forks its workers later
    (``can_fork`` refuses to fork beside another thread).
    """

    def __init__(self, function: Callable):
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_send_outcome, args=(function, send), daemon=True)
        self._process.start()
        send.close()

    def result(self):
        try:
            value, error, records = self._receive.recv()
        except EOFError:
            value = error = records = None
        finally:
            self._receive.close()
            self._process.join()
        if records is None:
            raise ChildProcessError(f"a background step ended with status {self._process.exitcode}")
        _log_again(records)
        if error is not None:
            raise error
        return value


def _send_outcome(function: Callable, send) -> None:
    send.send(_outcome(function))
    send.close()


def _outcome(function: Callable) -> tuple:
    """``(function(), None, log records)``, or ``(None, the exception, log records)``."""
    heap.hold()  # the child's collector then leaves the memory it shares unwritten
    with _collected_logs() as records:
        try:
            return function(), None, records
        except Exception as error:  # raised again in the parent
            return None, error, records
