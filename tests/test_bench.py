"""The benchmark script's own helpers (the benchmark itself is run by hand, never timed here)."""

from __future__ import annotations

import importlib.util
import threading

from conftest import ROOT


def _bench():
    spec = importlib.util.spec_from_file_location("bench", ROOT / "bench" / "bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_settle_waits_for_the_background_deletion_of_the_previous_site(tmp_path):
    bench = _bench()
    old = tmp_path / "output.old-1"
    (old / "deep").mkdir(parents=True)
    seen = []

    def delete_later():
        seen.append("deleted")
        (old / "deep").rmdir()
        old.rmdir()

    timer = threading.Timer(0.5, delete_later)
    timer.start()
    bench.settle(tmp_path)
    assert seen == ["deleted"] and not old.exists()
    timer.join()


def test_settle_removes_what_is_left_when_out_of_patience(tmp_path):
    bench = _bench()
    (tmp_path / "output.old-2" / "deep").mkdir(parents=True)
    (tmp_path / "output").mkdir()
    bench.settle(tmp_path, patience=0)
    assert [p.name for p in tmp_path.iterdir()] == ["output"]
