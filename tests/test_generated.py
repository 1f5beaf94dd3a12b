"""static/generated/ keeps only what the current data needs, and nothing a running process serves."""

import os
import time
import uuid

import pytest

from components import generated, ui
from components.generated import MAX_AGE, RENEW_EVERY, in_use, prune_generated
from components.offline import STATIC_DIR, STATIC_URL


def _file(folder, name, age):
    path = folder / "generated" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[]")
    stamp = time.time() - age
    os.utime(path, (stamp, stamp))
    return path


@pytest.fixture(autouse=True)
def _fresh_marks(monkeypatch):
    monkeypatch.setattr(generated, "_renewed", {})


def test_only_old_files_that_are_not_kept_go(tmp_path):
    current = _file(tmp_path, "actors-current.json", 5 * MAX_AGE)
    stale = _file(tmp_path, "actors-stale.json", MAX_AGE + 60)
    leftover = _file(tmp_path, "tmpx.part", MAX_AGE + 60)  # a write cut short
    recent = _file(tmp_path, "actors-other-process.json", MAX_AGE - 60)
    (tmp_path / "generated" / "old-folder").mkdir()

    removed = prune_generated({current.name}, static_dir=tmp_path)

    assert sorted(removed) == sorted([leftover.name, stale.name])
    assert current.exists() and recent.exists() and (tmp_path / "generated" / "old-folder").is_dir()
    assert not stale.exists() and not leftover.exists()


def test_a_missing_or_read_only_folder_is_left_alone(tmp_path, monkeypatch):
    assert prune_generated(set(), static_dir=tmp_path / "missing") == []
    stale = _file(tmp_path, "actors-stale.json", 2 * MAX_AGE)

    def refuse(path):
        raise PermissionError(path)

    monkeypatch.setattr(os, "unlink", refuse)  # root ignores file modes; a read-only mount does not
    assert prune_generated(set(), static_dir=tmp_path) == []
    assert stale.exists()


def test_a_served_file_is_marked_in_use_and_survives_other_processes(tmp_path):
    served = _file(tmp_path, "actors-served.json", 2 * MAX_AGE)
    url = f"{STATIC_URL}/generated/{served.name}"
    assert in_use(url, static_dir=tmp_path) == url
    assert prune_generated({"actors-of-another-dataset.json"}, static_dir=tmp_path) == []
    assert served.exists()
    # Renewed again only after RENEW_EVERY: a page view costs no file system write.
    stamp = served.stat().st_mtime
    in_use(url, static_dir=tmp_path, now=stamp + RENEW_EVERY / 2)
    assert served.stat().st_mtime == stamp
    in_use(url, static_dir=tmp_path, now=stamp + RENEW_EVERY)
    assert served.stat().st_mtime == stamp + RENEW_EVERY
    assert in_use(None) is None
    assert in_use("/app/static/atlas/atlas.js", static_dir=tmp_path) == "/app/static/atlas/atlas.js"


def test_publishing_the_actors_of_a_dataset_removes_the_files_of_old_ones(synthetic_copy, monkeypatch):
    """Through the app's own path: the actor file of the data folder in use is published, and an
    old file of another dataset goes, while a recent one (another process may serve it) stays."""
    tag = uuid.uuid4().hex[:12]
    stale = _file(STATIC_DIR, f"actors-stale{tag}.json", MAX_AGE + 60)
    recent = _file(STATIC_DIR, f"actors-recent{tag}.json", 60)
    monkeypatch.setenv(ui.DATA_DIR_VARIABLE, str(synthetic_copy))
    try:
        ui._actors_url.clear()
        url = ui._actors_url(ui.data_key())
        assert url and (STATIC_DIR / "generated" / url.rsplit("/", 1)[1]).exists()
        assert not stale.exists() and recent.exists()
    finally:
        ui._actors_url.clear()
        for path in (stale, recent):
            path.unlink(missing_ok=True)
