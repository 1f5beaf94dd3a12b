"""Memory that visitors' sessions freed goes back to the system.

Every session runs its scripts in a thread of its own, and glibc's allocator keeps what those
threads freed in its arenas for reuse instead of returning it. After a crowd of 25 visitors left,
the server stayed about 10–14 % above its size before them, on every round alike (no leak; see
the README's load benchmark); `malloc_trim` hands the free pages back. It runs outside the GIL,
takes a few milliseconds, and does nothing where the C library is not glibc.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import threading
from collections.abc import Callable

import streamlit as st

TRIM_EVERY = 10.0  # seconds: often enough that a departed crowd is returned within the minute


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
def start_trimming_memory() -> threading.Event | None:
    """Start the trimming thread once per server process; returns the event that stops it."""
    if _malloc_trim() is None:
        return None
    stop = threading.Event()
    threading.Thread(target=_trim_forever, args=(stop,), name="cluster-atlas-malloc-trim", daemon=True).start()
    return stop
