"""The Python and command-line examples in the README and the docs run as written.

Blocks fenced as ``python`` run in order, one shared namespace per file, and so do
``console`` blocks (``$ lumbar ...`` and the output shown, see ``tests/_console.py``)
in an 80-column terminal without colour; blocks fenced otherwise (``bash``, ``json``,
``text``, ``pycon``) are not run.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)
RUNNABLE = re.compile(r"^```(python|console)\n(.*?)^```", re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_python_examples_run(page, tmp_path, monkeypatch):
    """Every python and console block of the page runs, in order, as shown."""
    from _console import run_block

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    namespace: dict[str, object] = {"__name__": "__docs__"}
    blocks = RUNNABLE.findall(page.read_text(encoding="utf-8"))
    for number, (kind, block) in enumerate(blocks, 1):
        if kind == "console":
            run_block(block)
            continue
        try:
            exec(compile(block, f"{page.name} block {number}", "exec"), namespace)
        except Exception as error:  # pragma: no cover - the message is the point
            pytest.fail(f"{page.name} block {number} failed: {type(error).__name__}: {error}")


def test_some_pages_have_examples():
    """The docs do show code (guards against the pattern silently matching nothing)."""
    assert sum(len(BLOCK.findall(p.read_text(encoding="utf-8"))) for p in PAGES) >= 5


JSON_BLOCK = re.compile(r"^```json\n(.*?)^```", re.MULTILINE | re.DOTALL)


def test_json_examples_of_programs_match_what_lumbar_writes():
    """A program shown in the JSON guide loads, and writing it back gives the same value."""
    import json

    import lumbar

    blocks = JSON_BLOCK.findall((ROOT / "docs" / "json.md").read_text(encoding="utf-8"))
    programs = [json.loads(block) for block in blocks if '"weeks"' in block]
    assert programs
    for data in programs:
        program = lumbar.from_dict(data, lumbar.Program)
        assert lumbar.to_dict(program) == data
