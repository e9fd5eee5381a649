"""Setting up from a fresh clone: `make ask` without a question, and the package metadata."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_ask_without_a_question_prints_usage_before_building_anything(tmp_path: Path) -> None:
    shutil.copy(REPO / "Makefile", tmp_path / "Makefile")
    env = {k: v for k, v in os.environ.items() if k not in ("Q", "MAKEFLAGS", "MAKELEVEL")}
    # PYTHON=false: were anything set up, it would fail at once rather than create a virtualenv
    done = subprocess.run(["make", "ask", "PYTHON=false"], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=60)
    assert (done.returncode, done.stdout) == (2, "")
    usage, make_says = done.stderr.splitlines()
    assert usage == 'usage: make ask Q="your question"'
    assert make_says.startswith("make: *** [Makefile:") and make_says.endswith(": ask] Error 2")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Makefile"]  # no .venv, no index


def test_the_package_metadata_builds_without_setuptools_warnings(tmp_path: Path) -> None:
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, tmp_path / name)
    for package in ("bot", "retrieval"):
        shutil.copytree(REPO / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    (tmp_path / "out").mkdir()
    build = ("import setuptools.build_meta as backend; "
             "print(backend.prepare_metadata_for_build_wheel('out'))")
    done = subprocess.run([sys.executable, "-c", build], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr, done.stderr  # e.g. "`project.license` as a TOML table is deprecated"
    metadata = (tmp_path / "out" / done.stdout.split()[-1] / "METADATA").read_text(encoding="utf-8")
    assert "License-Expression: MIT" in metadata.splitlines()
