"""Keep the build's long-lived objects out of the garbage collector's way.

Once the articles are read, a large digest holds millions of objects that
live until the build ends, and Python's cyclic collector walks all of them
again and again as pages are made: at 10,000 seeds story clustering took
twice as long as without it. ``gc.freeze`` moves the objects alive now
out of the collector's sight; they are handed back when the build ends, so
a long-running process (``invoke livereload``) frees them with its next
collection. Forked workers share the frozen objects' memory unwritten.

Holds nest (``fork_map`` holds while its workers run); :func:`reset` lets
go of everything at the start of a build, in case a failed one kept a hold.
"""

from __future__ import annotations

import gc

_holds = 0


def hold() -> None:
    """Freeze everything alive now, until the matching :func:`release`."""
    global _holds
    gc.freeze()
    _holds += 1


def release() -> None:
    """End one :func:`hold`; the last one hands the objects back to the collector."""
    global _holds
    _holds = max(0, _holds - 1)
    if not _holds:
        gc.unfreeze()


def reset() -> None:
    """End every hold."""
    global _holds
    _holds = 0
    gc.unfreeze()
