"""Keep the build's long-lived objects out of the garbage collector's way.

Once the articles are read, a large digest holds millions of objects that
live until the build ends, and Python's cyclic collector walks all of them
again and again as pages are made: at 10,000 seeds story clustering took
twice as long as without it. ``gc.freeze`` moves the objects alive now
out of the collector's sight. Forked workers share the frozen objects'
memory unwritten.

Pelican's content cache is the first of them: the collector is paused while
Pelican unpickles it (:func:`pause`) and the cache is frozen as soon as it is
loaded. At 10,000 seeds the collector's passes over the entries being made
tripled the time to load them (0.5 s to 1.5 s); and resumed over them
unfrozen, it walked them all once more from the youngest generation up.

Holds nest (``fork_map`` holds while its workers run). :func:`reset` hands
everything back when the build ends, so a long-running process (``invoke
livereload``, a test run) frees it with its next collection; and again when
the next build starts, in case a failed build kept its holds.
"""

from __future__ import annotations

import gc

_holds = 0
_paused = False


def pause() -> None:
    """Stop the collector until :func:`resume` (unless something else stopped it)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Start the collector again, if :func:`pause` stopped it."""
    global _paused
    if _paused:
        gc.enable()
        _paused = False


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
    """End every hold and pause: between builds."""
    global _holds
    _holds = 0
    gc.unfreeze()
    resume()
