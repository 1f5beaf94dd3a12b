"""The server hands memory its sessions freed back to the system (issue 16)."""

import threading

import pyarrow

from components.memory import release_memory_after_visitors, trim_freed_memory


def _rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * 4096 / 2**20


def test_freed_memory_of_a_session_thread_goes_back_to_the_system():
    kept = []

    def session():  # like a script run: many mid-sized objects in a thread's own arena
        blocks = [bytes(2048) for _ in range(100_000)]
        kept.append(blocks[-1])  # one survivor at the top: free() alone cannot shrink the heap
        del blocks

    worker = threading.Thread(target=session)
    worker.start()
    worker.join()
    before = _rss_mb()
    assert trim_freed_memory()
    assert before - _rss_mb() > 100  # of the ~200 MB the thread freed


def test_arrow_tables_and_the_trimming_thread_are_set_up_once_per_process():
    first, second = release_memory_after_visitors(), release_memory_after_visitors()
    assert first is second and first is not None and not first.is_set()
    names = [thread.name for thread in threading.enumerate()]
    assert names.count("cluster-atlas-malloc-trim") == 1
    # Arrow's own pool kept what a crowd's tables had needed; the system one gives it back.
    assert pyarrow.default_memory_pool().backend_name == "system"
