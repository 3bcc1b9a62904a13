"""The app's one cache: results shared by every session and rerun, found by a key the function names.

A figure, table or card that depends only on the data and a few choices is worked out once
and then handed to every visitor who asks for the same view::

    @shared_result(key=lambda ds, lang: (ds.content_key, lang), max_entries=16)
    def gantt_parts(ds, lang): ...

``key`` receives the call's arguments by name (defaults filled in) and returns what the result
depends on: ``ds.content_key`` (a hash of the data files, so an edited file never serves a
stale result), the language, the filters. The arguments themselves are never hashed, so a
dataset or a frame can be passed as it is.

Every caller of a key gets the very same object: callers must treat it as read-only (a
DataFrame is handed out as a copy-on-write copy, so a caller adding a column changes only
its own). Two sessions asking for one key at once wait for a single build. The least
recently used entries go first once ``max_entries`` are kept.

Why not Streamlit's decorators: the builders cached here are plain functions that tests, the
benchmarks and the CLI call without a Streamlit runtime; ``st.cache_resource`` would hash each
argument (a whole frame of rows) where the key can name what matters, and ``st.cache_data``
hands each caller an unpickled copy (for a Plotly figure: every property validated again).
"""

from __future__ import annotations

import functools
import inspect
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import pandas as pd

_EVERY_CACHE: list[SharedResult] = []


class SharedResult:
    """``fn`` with its results kept per ``key(...)``; see the module docstring."""

    def __init__(self, fn: Callable[..., Any], key: Callable[..., Hashable], max_entries: int) -> None:
        self._fn = fn
        self._key = key
        self._signature = inspect.signature(fn)
        self._max_entries = max_entries
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._building: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()
        functools.update_wrapper(self, fn)
        _EVERY_CACHE.append(self)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        bound = self._signature.bind(*args, **kwargs)
        bound.apply_defaults()
        key = self._key(**bound.arguments)
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return _handed_out(self._values[key])
            build = self._building.setdefault(key, threading.Lock())
        # One build per key; builds of other keys (which may look up further results) go on meanwhile.
        with build:
            with self._lock:
                if key in self._values:  # built by another session while this one waited
                    return _handed_out(self._values[key])
            try:
                value = self._fn(*args, **kwargs)
            finally:
                with self._lock:
                    self._building.pop(key, None)
            with self._lock:
                self._values[key] = value
                while len(self._values) > self._max_entries:
                    self._values.popitem(last=False)
        return _handed_out(value)

    def clear(self) -> None:
        """Forget every result of this function."""
        with self._lock:
            self._values.clear()


def _handed_out(value):
    return value.copy(deep=False) if isinstance(value, pd.DataFrame) else value


def shared_result(*, key: Callable[..., Hashable], max_entries: int) -> Callable[[Callable[..., Any]], SharedResult]:
    """Decorator: keep ``fn``'s results per ``key(**arguments)``, at most ``max_entries`` of them."""
    return lambda fn: SharedResult(fn, key, max_entries)


def clear_all() -> None:
    """Forget every shared result (a test that must start from nothing)."""
    for cache in _EVERY_CACHE:
        cache.clear()
