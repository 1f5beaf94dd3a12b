"""Clean-up of static/generated/, which `publish_static` fills with a file per distinct dataset.

Several processes may serve the same folder (replicas, a test server beside the booth app, the
benchmark's synthetic data), and a page may fetch a file long after the process published it. So
a file is deleted only when it is not one the caller needs and nobody marked it in use for an hour:
each process renews the mark of the files it serves (`in_use`) far more often than that.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from .offline import GENERATED, STATIC_DIR, STATIC_URL

MAX_AGE = 3600.0  # seconds without a mark before another process may delete a file
RENEW_EVERY = 600.0  # well inside MAX_AGE, and rare enough to cost nothing per page view

_renewed: dict[Path, float] = {}


def _path(url: str, static_dir: Path) -> Path | None:
    prefix = f"{STATIC_URL}/{GENERATED}/"
    if not url.startswith(prefix) or "/" in url[len(prefix) :]:
        return None
    return static_dir / GENERATED / url[len(prefix) :]


def in_use(url: str | None, static_dir: Path = STATIC_DIR, now: float | None = None) -> str | None:
    """Return `url` unchanged, renewing its file's mark (mtime) when it is due."""
    path = url and _path(url, static_dir)
    if not path:
        return url
    now = time.time() if now is None else now
    if now - _renewed.get(path, float("-inf")) >= RENEW_EVERY:
        # Gone (pruned by a process that missed the mark) or read-only: the caller still has its
        # URL; a missing file is published again when its cache is next cleared.
        with contextlib.suppress(OSError):
            os.utime(path, (now, now))
        _renewed[path] = now
    return url


def prune_generated(
    keep: set[str], static_dir: Path = STATIC_DIR, max_age: float = MAX_AGE, now: float | None = None
) -> list[str]:
    """Delete the files of static/generated/ whose names are not in `keep` and whose mark is older
    than `max_age`; return their names. A folder that is missing or read-only is left as it is."""
    folder = static_dir / GENERATED
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        try:
            if (
                entry.name in keep
                or not entry.is_file(follow_symlinks=False)
                or now - entry.stat(follow_symlinks=False).st_mtime < max_age
            ):
                continue
            os.unlink(entry.path)
        except OSError:
            continue  # deleted meanwhile by another process, or not ours to delete
        removed.append(entry.name)
    return removed
