"""Per-line verdicts remembered for a whole document, and across documents up to a bound.

The cleaner asks the same questions of a line several times (its looks at the
text, the second look once the furniture is gone) and of the same lines in
many seeds (a publisher's furniture). ``functools.lru_cache`` bounded at N
entries answers that until a seed has more than N distinct lines: then every
look evicts what the next look needs, nothing is found again, and cleaning
time jumps at N lines. Here a document's verdicts are all kept while it is
cleaned (memory in proportion to the document, as its text is), and only
between documents is the memory cut back to the most recent
:data:`LINE_CACHE_SIZE` verdicts of each question.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from itertools import islice

#: Verdicts of each question kept from one document to the next (the most recent).
LINE_CACHE_SIZE = 1 << 16

_MEMOS: list[dict] = []


def line_memo(function: Callable) -> Callable:
    """``function`` of hashable arguments, its answers remembered (see the module)."""
    memo: dict = {}
    _MEMOS.append(memo)
    missing = object()

    @wraps(function)
    def remembered(*args, **kwargs):
        key = (args, frozenset(kwargs.items())) if kwargs else args
        found = memo.get(key, missing)
        if found is missing:
            found = memo[key] = function(*args, **kwargs)
        return found

    remembered.memo = memo
    return remembered


def new_document(keep: int = LINE_CACHE_SIZE) -> None:
    """Cut every memo back to its ``keep`` most recent verdicts: a new document begins.

    Costs as many steps as verdicts are dropped, each made once: linear overall.
    """
    for memo in _MEMOS:
        excess = len(memo) - keep
        if excess > 0:
            for key in list(islice(memo, excess)):
                del memo[key]
