"""The README's promise: a fresh machine needs exactly `make demo` and `make test`; CI runs the latter."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _section(markdown: str, title: str) -> str:
    match = re.search(rf"^## {title}\n(.*?)(?=^## |\Z)", markdown, re.S | re.M)
    assert match, f"README has no '## {title}' section"
    return match.group(1)


def test_quick_start_is_exactly_make_demo_and_make_test():
    quick_start = _section((ROOT / "README.md").read_text(encoding="utf-8"), "Quick start")
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", quick_start, re.S | re.M)
    commands = [line.strip() for block in blocks for line in block.splitlines() if line.strip()]
    assert commands == ["make demo", "make test"]


def test_ci_runs_make_test():
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    commands = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    assert "make test" in commands


def test_make_targets_are_the_ones_the_readme_promises():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^demo:.*\n\t.*kiosk\.cli demo", makefile, re.M)
    assert re.search(r"^test:.*\n\t.*", makefile, re.M)


def test_readme_links_resolve():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)#]+)\)", readme)
    assert links
    for link in links:
        assert (ROOT / link).exists(), link


def test_documentation_index_lists_every_guide():
    index = _section((ROOT / "README.md").read_text(encoding="utf-8"), "Documentation")
    for guide in sorted((ROOT / "docs").glob("*.md")):
        assert f"(docs/{guide.name})" in index, (
            f"README's documentation index misses docs/{guide.name}"
        )
