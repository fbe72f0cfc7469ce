"""The invoke tasks' command lines, as the README writes them (``--dry`` runs nothing)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--n", "5"], "bench/bench.py --n 5 --repeat 1"),
        (["--n=7", "--repeat", "3"], "bench/bench.py --n 7 --repeat 3"),
        (["-n", "9", "--sizes", "1000,10000"], "bench/bench.py --n 9 --sizes 1000,10000"),
    ],
)
def test_bench_takes_its_size_as_the_readme_writes_it(args, expected):
    done = subprocess.run(
        [sys.executable, "-m", "invoke", "--dry", "bench", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert expected in done.stdout
