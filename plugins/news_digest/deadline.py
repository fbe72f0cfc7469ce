"""A time limit for reading one seed, so a cleaner bug on odd input costs one seed, not the build.

The cleaner is pure Python, so an alarm signal interrupts it between two
bytecodes: a loop that never ends (as a second look once did on some mojibake)
is stopped and the seed reported. Signals are Unix-only and reach only the main
thread; elsewhere (a server thread, Windows) the limit is not enforced.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Overrun(Exception):
    """Raised inside the limited block when its time is up."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`Overrun` in the block after ``seconds`` (0 or less: no limit)."""
    if (
        seconds <= 0
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expire(signum, frame):
        raise Overrun(f"still running after {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
