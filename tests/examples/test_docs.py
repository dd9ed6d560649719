"""The code in the README and the documentation pages: every Python block compiles; the README's two examples run."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from formance_orchestration.testing import FakeOrchestration

from .conftest import ROOT

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)


def python_blocks(page: Path) -> list[str]:
    return BLOCK.findall(page.read_text())


def section(page: Path, heading: str) -> str:
    """The first Python block under ``## heading``."""
    text = page.read_text()
    start = text.index(f"\n## {heading}\n")
    match = BLOCK.search(text, start)
    assert match is not None
    assert text.find("\n## ", start + 1) > match.start(), f"no code block in section {heading!r}"
    return match.group(1)


def test_there_are_pages() -> None:
    names = {path.relative_to(ROOT / "docs").as_posix() for path in PAGES[1:]}
    for page in ("getting-started.md", "authentication.md", "sync-vs-async.md", "pagination.md", "errors.md"):
        assert page in names
    for page in ("retries-and-timeouts.md", "testing.md", "logging.md", "reference/clients.md", "reference/v2.md"):
        assert page in names


@pytest.mark.parametrize("page", PAGES, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_python_blocks_compile(page: Path) -> None:
    for block in python_blocks(page):
        if block.lstrip().startswith(">>>") or "--8<--" in block:
            continue  # a REPL transcript, or a file included at build time (the examples: tested themselves)
        compile(block, f"{page.name}", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)


@pytest.fixture
def stack(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[FakeOrchestration, str]]:
    """A server standing for a real stack: it accepts the README's placeholder credentials and the environment's."""
    fake = FakeOrchestration(
        realtime=True, require_auth=True, client_credentials={"...": "...", "readme": "readme-secret"}
    )
    with fake.serve_in_thread(port=0) as url:
        monkeypatch.setenv("FORMANCE_BASE_URL", url)
        monkeypatch.setenv("FORMANCE_CLIENT_ID", "readme")
        monkeypatch.setenv("FORMANCE_CLIENT_SECRET", "readme-secret")
        yield fake, url


def test_readme_async_example_runs(stack: tuple[FakeOrchestration, str], capsys: pytest.CaptureFixture[str]) -> None:
    fake, _ = stack
    exec(compile(section(ROOT / "README.md", "Async"), "README.md", "exec"), {"__name__": "readme"})
    out = capsys.readouterr().out.splitlines()
    [instance] = fake.requests_for("run_workflow")
    assert out[0].endswith(" succeeded")
    assert out[1].endswith(" True")  # the one instance, listed
    assert len(out) == 2
    assert instance.json() == {"wait": "1s"}


def test_readme_sync_example_runs(stack: tuple[FakeOrchestration, str], capsys: pytest.CaptureFixture[str]) -> None:
    fake, url = stack
    code = section(ROOT / "README.md", "Sync")
    assert '"https://org-stack.eu-west-1.formance.cloud"' in code
    exec(compile(code.replace("https://org-stack.eu-west-1.formance.cloud", url), "README.md", "exec"), {})
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith(" succeeded")
    assert out[1].endswith(" payout")
    assert len(fake.requests_for("create_workflow")) == 1
