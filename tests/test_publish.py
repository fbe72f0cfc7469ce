"""Publishing: gh-pages through real git, byte-identical rebuilds, the offline zip."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, build_site
from test_site import test_every_internal_link_resolves_to_a_file as check_links

COPY_IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "output",
    "output.*",
    "cache",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    "artifacts",
)
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Curator",
    "GIT_AUTHOR_EMAIL": "curator@example.org",
    "GIT_COMMITTER_NAME": "Curator",
    "GIT_COMMITTER_EMAIL": "curator@example.org",
}


def _git(*args, cwd):
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **GIT_ENV}
    ).stdout


def _invoke(*args, cwd):
    env = {**os.environ, **GIT_ENV, "CI": "1"}
    env.pop("SITEURL", None)
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args], cwd=cwd, check=True, capture_output=True, env=env
    )


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture
def project(tmp_path):
    """A fresh git checkout of the project whose origin is a local bare repository."""
    work = tmp_path / "project"
    shutil.copytree(ROOT, work, ignore=COPY_IGNORE)
    bare = tmp_path / "origin.git"
    _git("init", "--bare", "-q", str(bare), cwd=tmp_path)
    _git("init", "-q", "-b", "main", cwd=work)
    _git("add", "-A", cwd=work)
    _git("commit", "-q", "-m", "Digest sources", cwd=work)
    _git("remote", "add", "origin", str(bare), cwd=work)
    return work, bare


def test_gh_pages_publishes_the_public_build(project, tmp_path):
    work, bare = project
    _invoke("gh-pages", "--cname", "news.example.org", cwd=work)

    published = set(_git("ls-tree", "-r", "--name-only", "gh-pages", cwd=bare).decode().split())
    expected = tmp_path / "expected"
    subprocess.run(
        [sys.executable, "-m", "pelican", "-s", "publishconf.py", "-o", str(expected)],
        cwd=work,
        check=True,
        capture_output=True,
    )
    built = _files(expected)
    check_links(expected)  # the public build still works from file://
    assert published == set(built) | {".nojekyll", "CNAME"}
    for name, data in built.items():
        assert _git("show", f"gh-pages:{name}", cwd=bare) == data, name
    assert _git("show", "gh-pages:CNAME", cwd=bare).strip() == b"news.example.org"

    head = _git("rev-parse", "--short", "HEAD", cwd=work).decode().strip()
    message = _git("log", "-1", "--format=%s", "gh-pages", cwd=bare).decode()
    assert head in message
    assert not (work / "output").exists()  # published from a fresh build, not output/


def test_gh_pages_publishes_nothing_when_the_build_fails(project):
    work, bare = project
    (work / "theme" / "templates" / "article.html").write_text("{% broken %}")
    with pytest.raises(subprocess.CalledProcessError):
        _invoke("gh-pages", cwd=work)
    branches = _git("branch", "--list", "gh-pages", cwd=bare)
    assert branches == b""


def test_two_builds_are_byte_identical(tmp_path):
    """Same seeds, other folder, other file times: the same bytes everywhere."""
    first = _files(build_site(tmp_path / "a", mtime=1_000_000_000))
    second = _files(build_site(tmp_path / "b", mtime=2_000_000_000))
    assert sorted(first) == sorted(second)
    for name, data in first.items():
        assert second[name] == data, name


def test_package_zip_works_unpacked_anywhere(tmp_path):
    dest = tmp_path / "digest.zip"
    _invoke("package", "--dest", str(dest), cwd=ROOT)
    again = tmp_path / "second" / "digest.zip"
    again.parent.mkdir()
    _invoke("package", "--dest", str(again), cwd=ROOT)
    assert zipfile.is_zipfile(dest)
    # Same site, same archive, byte for byte: sorted entries, fixed timestamps.
    assert dest.read_bytes() == again.read_bytes()

    unpacked = tmp_path / "somewhere" / "else"
    with zipfile.ZipFile(dest) as archive:
        archive.extractall(unpacked)
        names = archive.namelist()
    assert names == sorted(names)
    site = unpacked / "digest"
    assert (site / "index.html").is_file()
    check_links(site)
