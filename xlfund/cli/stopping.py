"""Stop signals (Ctrl-C, SIGTERM, SIGHUP) end a command at once and cleanly.

The handler raises where the run is, so every `finally` and `with` removes what it made
(workers, temporary files); further signals are ignored until that clean-up is done, so a
second Ctrl-C cannot cut it short.
"""

from __future__ import annotations

import contextlib
import signal
import threading


def signal_words(number: int) -> str:
    """What stopped the run, in the clerk's words."""
    return _SIGNAL_WORDS.get(number, f"信号 {int(number)}")


class Stopped(KeyboardInterrupt):
    """A stop signal, raised where the run is so that every `finally` and `with` cleans up."""

    def __init__(self, signal_number: int):
        super().__init__(signal_number)
        self.signal_number = signal_number


_STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))
_SIGNAL_WORDS = {signal.SIGINT: "按下了 Ctrl+C", getattr(signal, "SIGTERM", -1): "系统或任务管理器要求结束",
                 getattr(signal, "SIGHUP", -2): "终端已关闭"}


def _stop(number: int, _frame) -> None:
    for each in _STOP_SIGNALS:  # a second Ctrl-C must not cut the clean-up short
        signal.signal(each, signal.SIG_IGN)
    raise Stopped(number)


@contextlib.contextmanager
def stop_signals_raise():
    """Stop signals raise Stopped while the command runs (main thread only); then as before."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = {each: signal.getsignal(each) for each in _STOP_SIGNALS}
    for each in _STOP_SIGNALS:
        signal.signal(each, _stop)
    try:
        yield
    finally:
        for each, handler in before.items():
            signal.signal(each, handler if handler is not None else signal.SIG_DFL)
