"""Results kept for the whole process, looked up by plain dictionary keys.

``st.cache_resource`` hashes every argument of every call with its own content hasher and
looks up each parameter's name through ``inspect.signature``: about 0.3 ms a call outside a
script run and 0.5–1 ms inside one, five times in each filter change on the opportunities
page (bench/PROFILE.md, fifth round). The functions kept here take a version key of the
data (``Dataset.content_key``) and small hashable values, so Python's own ``hash`` and
``==`` on a tuple of them is the whole key: a lookup costs a few microseconds.

Like ``st.cache_resource``, a value is shared by every session and every rerun (callers
treat it as read-only), parameters whose names start with ``_`` are left out of the key,
and the least recently used entries go first once ``max_entries`` are kept.
"""

from __future__ import annotations

import functools
import inspect
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

_ALL: list[Kept] = []


class Kept:
    """``fn`` with its results kept per key (see the module docstring).

    Parameters
    ----------
    fn : callable
        Called with positional arguments only; every argument whose parameter name does not
        start with ``_`` must be hashable.
    max_entries : int
        How many results to keep; the least recently used one goes first.
    """

    def __init__(self, fn: Callable[..., Any], max_entries: int) -> None:
        names = list(inspect.signature(fn).parameters)
        self._positions = tuple(i for i, name in enumerate(names) if not name.startswith("_"))
        self._fn = fn
        self._max_entries = max_entries
        self._entries: OrderedDict[tuple, Any] = OrderedDict()
        self._lock = threading.Lock()
        functools.update_wrapper(self, fn)
        _ALL.append(self)

    def __call__(self, *args: Any) -> Any:
        key = tuple(args[i] for i in self._positions)
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        # Built outside the lock: a build may look up other kept results, and two sessions
        # asking for different views should not wait for each other.
        value = self._fn(*args)
        with self._lock:
            # Two sessions that built the same key at once both get the first result, so every
            # caller of a key holds the very same object.
            value = self._entries.setdefault(key, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self._max_entries:
                self._entries.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        """Forget every kept result of this function."""
        with self._lock:
            self._entries.clear()


def kept(max_entries: int) -> Callable[[Callable[..., Any]], Kept]:
    """Decorator: keep ``fn``'s results per key, at most ``max_entries`` of them."""
    return lambda fn: Kept(fn, max_entries)


def clear_all() -> None:
    """Forget every kept result (tests start from a cold cache)."""
    for each in _ALL:
        each.clear()
