"""Read files in worker processes, in order; a reader that dies costs its file, never the run.

Every file is read in a worker process wherever one can be forked cheaply (Linux): a native
reader that aborts (python-calamine on a damaged or oversized file) or asks for more memory
than a worker may have (`limits.WORKER_MEMORY_BYTES`, an address-space limit) ends that worker
only; its file is reported and a new worker reads on. Big folders are read by several workers
at once. Results come back in the files' order, so the detail list and every message are the
same whatever the number of workers.

Stopping is prompt: workers ignore Ctrl-C (the terminal sends it to the whole group) and are
killed, with anything they started, when the run ends for any reason; on Linux they also die
with their parent if it is killed outright. Where no fork exists (Windows, macOS' default),
small folders are read in this process and big ones by spawned workers.
"""

from __future__ import annotations

import ctypes
import gc
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from xlfund.limits import WORKER_MEMORY_BYTES, size_text

Job = TypeVar("Job")
Outcome = TypeVar("Outcome")

# Below this much input one worker reads everything: more would cost more than it saves.
PARALLEL_ABOVE_BYTES = 2 * 1024 * 1024
MAX_WORKERS = 8
# Workers share a memory budget: a worker holds one file's cells and records at a time, about
# 30 bytes per byte of .xlsx (measured: 130 MB for a 4.3 MB file of 100,000 rows). CSV and
# .xls are less compressed, so the estimate errs on the side of fewer workers for them.
WORKERS_MEMORY_BUDGET = 300 * 1024 * 1024
MEMORY_PER_INPUT_BYTE = 30
# Set in the environment to read in this process (a debugger, a profiler).
IN_PROCESS_ENV = "XLFUND_READ_IN_PROCESS"


def worker_count(sizes: list[int]) -> int:
    """How many processes to read files of these sizes with at once."""
    if len(sizes) < 2 or sum(sizes) < PARALLEL_ABOVE_BYTES:
        return 1
    by_memory = WORKERS_MEMORY_BUDGET // max(1, MEMORY_PER_INPUT_BYTE * max(sizes))
    return max(1, min(_cpus(), MAX_WORKERS, len(sizes), by_memory))


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use, not the machine's
    except AttributeError:  # Windows, macOS
        return os.cpu_count() or 1


def read_in_order(jobs: list[Job], read: Callable[[Job], Outcome], crashed: Callable[[Job, str], Outcome],
                  workers: int, sizes: list[int]) -> Iterator[Outcome]:
    """read(job) for each job, yielded in order; crashed(job, why) when reading failed outright
    (the process died, ran out of memory, or the reader raised): `why` is Chinese, for the clerk.

    `read` must be a module-level function and jobs picklable (spawned workers get them by pickle).
    """
    if not jobs:
        return
    context = _fork_context()
    if os.environ.get(IN_PROCESS_ENV) or (context is None and workers <= 1):
        yield from (_read_here(job, read, crashed) for job in jobs)
        return
    import multiprocessing

    pool = _Pool(context or multiprocessing.get_context(), read, min(workers, len(jobs)))
    try:
        yield from pool.run(jobs, crashed)
    finally:
        pool.stop()


def _read_here(job: Job, read: Callable[[Job], Outcome], crashed: Callable[[Job, str], Outcome]) -> Outcome:
    try:
        return read(job)
    except MemoryError:
        return crashed(job, _MEMORY)
    except Exception as exc:  # noqa: BLE001 - one file's failure is that file's finding
        if os.environ.get("XLFUND_DEBUG"):
            raise
        return crashed(job, _internal(exc))


_MEMORY = f"读取此文件所需内存超过上限（每个读取进程 {size_text(WORKER_MEMORY_BYTES)}）"


def _internal(exc: BaseException) -> str:
    return f"读取时出现内部错误（{type(exc).__name__}：{str(exc)[:200]}），请设置环境变量 XLFUND_DEBUG=1 重试并报告此问题"


_SIGNAL_WORDS = {"SIGABRT": "中止", "SIGKILL": "被强制结束", "SIGSEGV": "内存访问错误", "SIGBUS": "内存访问错误"}


def _died(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            words = _SIGNAL_WORDS.get(signal.Signals(-exitcode).name, "")
        except ValueError:
            words = ""
        how = f"信号 {-exitcode}{'，' + words if words else ''}"
        return f"读取时程序异常退出（{how}），文件可能已损坏，或读取所需内存超过上限（{size_text(WORKER_MEMORY_BYTES)}）"
    return f"读取时程序异常退出（退出码 {exitcode}），文件可能已损坏"


@dataclass
class _Worker:
    process: object  # multiprocessing.Process
    conn: object  # multiprocessing.connection.Connection, this side
    job: int = -1  # the index of the job it is reading, -1 when idle


class _Pool:
    """Workers fed one job at a time; a worker that dies is replaced."""

    def __init__(self, context, read: Callable, size: int):
        self.context = context
        self.read = read
        self.size = max(1, size)
        self.workers: list[_Worker] = []

    def run(self, jobs: list, crashed: Callable) -> Iterator:
        from multiprocessing.connection import wait

        done: dict[int, object] = {}
        given = emitted = 0
        while emitted < len(jobs):
            while given < len(jobs) and (idle := self._idle()) is not None:
                idle.job = given
                idle.conn.send_bytes(pickle.dumps(jobs[given], protocol=pickle.HIGHEST_PROTOCOL))
                given += 1
            busy = [w for w in self.workers if w.job >= 0]
            ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy])
            for worker in busy:
                if worker.conn in ready or worker.process.sentinel in ready:
                    index = worker.job  # _collect marks the worker idle
                    done[index] = self._collect(worker, jobs[index], crashed)
            while emitted in done:
                yield done.pop(emitted)
                emitted += 1

    def _idle(self) -> _Worker | None:
        for worker in self.workers:
            if worker.job < 0:
                return worker
        if len(self.workers) < self.size:
            self.workers.append(self._start())
            return self.workers[-1]
        return None

    def _start(self) -> _Worker:
        here, there = self.context.Pipe()
        process = self.context.Process(target=_work, args=(there, self.read, os.getpid()), daemon=True)
        process.start()
        there.close()
        return _Worker(process, here)

    def _collect(self, worker: _Worker, job, crashed: Callable):
        """The outcome the worker sent, or crashed(job, why) when it died first."""
        try:
            if worker.conn.poll():
                status, payload = pickle.loads(worker.conn.recv_bytes())
                worker.job = -1
                if status == "ok":
                    return payload
                if status == "debug":
                    raise RuntimeError(payload)
                return crashed(job, _MEMORY if status == "memory" else payload)
        except (EOFError, OSError):
            pass
        worker.process.join(5)
        why = _died(worker.process.exitcode)
        self._discard(worker)
        return crashed(job, why)

    def _discard(self, worker: _Worker) -> None:
        _kill(worker)
        self.workers.remove(worker)

    def stop(self) -> None:
        """Kill every worker and whatever it started; wait for them to be gone."""
        for worker in self.workers:
            _kill(worker)
        self.workers.clear()


def _kill(worker: _Worker) -> None:
    process = worker.process
    if process.is_alive():
        try:
            os.killpg(process.pid, signal.SIGKILL)  # the worker leads its own group (see _become_reader)
        except (OSError, AttributeError):
            process.kill()
    process.join(2)
    worker.conn.close()


def _work(conn, read: Callable, parent: int) -> None:  # pragma: no cover - runs in the worker
    """A worker's life: read each job sent, send back its pickled outcome, until told to stop."""
    # Everything inherited from the parent is left out of the collections after each file: a full
    # collection over the parent's objects cost about 15 ms a file (500 small files: 3x the run's CPU).
    gc.freeze()
    _become_reader(parent)
    while True:
        try:
            message = conn.recv_bytes()
        except (EOFError, OSError):
            return
        try:
            reply: tuple = ("ok", read(pickle.loads(message)))
        except MemoryError:
            reply = ("memory", None)
        except Exception as exc:  # noqa: BLE001 - the parent reports it as this file's finding
            reply = ("debug", traceback.format_exc()) if os.environ.get("XLFUND_DEBUG") else ("error", _internal(exc))
        try:
            data = pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            data = pickle.dumps(("memory", None))
        del reply
        conn.send_bytes(data)
        del data
        _return_free_memory()


def _become_reader(parent: int) -> None:  # pragma: no cover - runs in the worker
    """Signals, process group and memory ceiling of a worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops us; no traceback on Ctrl-C
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    if not sys.platform.startswith("linux"):
        return
    _quiet()
    try:
        os.setpgid(0, 0)  # killing the group also ends an .xls reader this worker started
    except OSError:
        pass
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG: die with the parent
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent was gone before the line above took effect
        os._exit(1)
    _limit_memory()


def _quiet() -> None:  # pragma: no cover - runs in the worker
    """A worker says everything through its pipe. Out of the terminal's process group, a write
    to the terminal could stop it (stty tostop), and the parent would wait for ever."""
    try:
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        os.close(null)
    except OSError:
        pass


def _limit_memory() -> None:  # pragma: no cover - runs in the worker
    import resource

    try:
        with open("/proc/self/statm") as statm:
            started = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        ceiling = started + WORKER_MEMORY_BYTES
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            ceiling = min(ceiling, hard)
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard))
    except (OSError, ValueError):
        pass


def _return_free_memory() -> None:
    gc.collect()
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)  # glibc keeps freed heap pages otherwise
        except (OSError, AttributeError):
            pass


def _fork_context():
    """fork starts a worker in milliseconds and nothing runs in other threads while files are
    read; None where the platform has no cheap fork."""
    if not sys.platform.startswith("linux"):
        return None
    import multiprocessing

    return multiprocessing.get_context("fork")
