"""Read many files on all cores, in order, surviving a reader that kills its process.

Reading (calamine, then classifying every row) is most of a big consolidation and each
file is independent, so large folders are read in worker processes. Results come back in
the files' order, so the detail list and every message stay the same as a one-process read.
Small folders are read in this process: starting workers would cost more than it saves
(on Windows a worker imports everything again).
"""

from __future__ import annotations

import ctypes
import gc
import os
import pickle
import sys
from collections.abc import Callable, Iterator
from typing import TypeVar

Job = TypeVar("Job")
Outcome = TypeVar("Outcome")

# Below this much input the pool's start-up costs more than it saves.
PARALLEL_ABOVE_BYTES = 2 * 1024 * 1024
MAX_WORKERS = 8
# Workers share a memory budget: a worker holds one file's cells and records at a time, about
# 30 bytes per byte of .xlsx (measured: 130 MB for a 4.3 MB file of 100,000 rows). CSV and
# .xls are less compressed, so the estimate errs on the side of fewer workers for them.
WORKERS_MEMORY_BUDGET = 300 * 1024 * 1024
MEMORY_PER_INPUT_BYTE = 30


def worker_count(sizes: list[int]) -> int:
    """How many processes to read files of these sizes with (1: read here)."""
    if len(sizes) < 2 or sum(sizes) < PARALLEL_ABOVE_BYTES:
        return 1
    by_memory = WORKERS_MEMORY_BUDGET // max(1, MEMORY_PER_INPUT_BYTE * max(sizes))
    return max(1, min(_cpus(), MAX_WORKERS, len(sizes), by_memory))


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use, not the machine's
    except AttributeError:  # Windows, macOS
        return os.cpu_count() or 1


def read_in_order(jobs: list[Job], read: Callable[[Job], Outcome], crashed: Callable[[Job], Outcome],
                  workers: int, sizes: list[int]) -> Iterator[Outcome]:
    """read(job) for each job, yielded in order; crashed(job) when reading killed the process.

    `read` must be a module-level function and jobs picklable. Jobs go to the workers in
    batches of similar input size (hundreds of small files would otherwise cost more in
    messages than in reading). A reader can end its process outright (a native library
    aborting on a damaged file); the pool then breaks, and the files not yet done are
    read again one process each, so only the file that does it is lost, and it is named.
    """
    if workers <= 1:
        yield from (read(job) for job in jobs)
        return
    # Imported here: most folders are read without workers, and these cost 50 ms to import.
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    done = 0
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=_context()) as pool:
            batches = [pool.submit(_read_batch, read, batch) for batch in _batches(jobs, sizes, workers)]
            for batch in batches:
                for outcome in pickle.loads(batch.result()):
                    done += 1
                    yield outcome
    except BrokenProcessPool:
        for job in jobs[done:]:
            yield _read_alone(job, read, crashed)


def _read_batch(read: Callable[[Job], Outcome], jobs: list[Job]) -> bytes:
    """The outcomes, pickled here so that the worker can give their memory back before it
    waits for more: an idle worker would otherwise keep its largest file's worth."""
    outcomes = [read(job) for job in jobs]
    data = pickle.dumps(outcomes, protocol=pickle.HIGHEST_PROTOCOL)
    del outcomes
    _return_free_memory()
    return data


def _return_free_memory() -> None:
    gc.collect()
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)  # glibc keeps freed heap pages otherwise
        except (OSError, AttributeError):
            pass


def _batches(jobs: list[Job], sizes: list[int], workers: int) -> list[list[Job]]:
    """Consecutive runs of jobs, about a quarter of a worker's share each (so that the last
    ones do not leave a worker waiting), a big file alone."""
    share = sum(sizes) / (workers * 4)
    batches: list[list[Job]] = [[]]
    filled = 0
    for job, size in zip(jobs, sizes, strict=True):
        if batches[-1] and filled + size > share:
            batches.append([])
            filled = 0
        batches[-1].append(job)
        filled += size
    return batches


def _read_alone(job: Job, read: Callable[[Job], Outcome], crashed: Callable[[Job], Outcome]) -> Outcome:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=_context()) as single:
            return single.submit(read, job).result()
    except BrokenProcessPool:
        return crashed(job)


def _context():
    import multiprocessing

    # fork starts a worker in milliseconds and nothing runs in other threads while files
    # are read; elsewhere (Windows, macOS) the platform's own method.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()
