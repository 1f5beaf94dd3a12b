"""Memory that visitors' sessions freed goes back to the system.

After a crowd of 25 visitors had left, the server stayed 8–20 % above its size before them, while
the Python objects alive were the same to 0.04 MB (tracemalloc): the memory was freed but kept by
allocators. Two kept it: Arrow's own pool (mimalloc), which holds every table Streamlit converts
for `st.dataframe`, and glibc's per-thread arenas (every session runs its scripts in a thread of
its own). Arrow therefore uses the system allocator, and `malloc_trim` hands free pages back every
few seconds: it runs outside the GIL, takes a few milliseconds, and is skipped where the C library
is not glibc. See the README's load benchmark for the figures.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import threading
from collections.abc import Callable
from functools import cache

import streamlit as st

TRIM_EVERY = 10.0  # seconds: often enough that a departed crowd is returned within the minute


@cache  # find_library runs ldconfig: once per process, not on every trim
def _malloc_trim() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    if name is None:
        return None
    try:
        return ctypes.CDLL(name).malloc_trim  # a CDLL call releases the GIL while it runs
    except (OSError, AttributeError):  # musl, macOS, Windows: no malloc_trim
        return None


def trim_freed_memory() -> bool:
    """Return freed heap memory to the system now; False where that is not possible."""
    trim = _malloc_trim()
    return trim is not None and trim(0) in (0, 1)


def _trim_forever(stop: threading.Event) -> None:
    while not stop.wait(TRIM_EVERY):
        trim_freed_memory()


@st.cache_resource(show_spinner=False)
def release_memory_after_visitors() -> threading.Event | None:
    """Once per server process: Arrow on the system allocator, and the trimming thread started;
    returns the event that stops the thread (None without glibc)."""
    import pyarrow

    pyarrow.set_memory_pool(pyarrow.system_memory_pool())
    if _malloc_trim() is None:
        return None
    stop = threading.Event()
    threading.Thread(target=_trim_forever, args=(stop,), name="cluster-atlas-malloc-trim", daemon=True).start()
    return stop


@st.cache_resource(show_spinner=False)
def freeze_startup_objects() -> bool:
    """Once per process, after the first dataset is loaded and before any visitor's objects exist:
    the records live as long as the server, and frozen, the garbage collector stops walking them in
    every full collection (with many actors those walks were pauses of 100 ms and more)."""
    gc.collect()
    gc.freeze()
    return True
