"""The README stays a newcomer's page and its links lead somewhere; the reference lives in
docs/ (built with `mkdocs build --strict` by `make test`, which checks the links between
its pages)."""

from __future__ import annotations

import re

import yaml

from tests.support.paths import REPO

README = REPO / "README.md"
LINK = re.compile(r"\]\(([^)\s]+)\)")


def relative_targets(text: str) -> list[str]:
    return [
        target.split("#")[0]
        for target in LINK.findall(text)
        if not re.match(r"[a-z]+:", target) and not target.startswith("#")
    ]


def test_the_readme_is_well_under_250_lines() -> None:
    assert len(README.read_text(encoding="utf-8").splitlines()) < 200


def test_every_link_in_the_readme_and_security_page_leads_to_a_file() -> None:
    for page in (README, REPO / "SECURITY.md"):
        targets = relative_targets(page.read_text(encoding="utf-8"))
        missing = [t for t in targets if not (page.parent / t).exists()]
        assert not missing, f"{page.name} links to missing files: {missing}"
    assert "docs/index.md" in relative_targets(README.read_text(encoding="utf-8"))


def test_the_readme_formats_table_names_every_format_read() -> None:
    text = README.read_text(encoding="utf-8")
    table = [line for line in text.splitlines() if line.startswith("| ")]
    for name in ("SubRip `.srt`", "WebVTT `.vtt`", "SBV `.sbv`", "Whisper JSON", "`.txt`"):
        assert any(name in row for row in table), name


def test_every_page_in_docs_is_in_the_site_navigation() -> None:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))

    def pages(entries: list[object]) -> set[str]:
        found: set[str] = set()
        for entry in entries:
            assert isinstance(entry, dict)
            for value in entry.values():
                found |= pages(value) if isinstance(value, list) else {str(value)}
        return found

    on_disk = {p.relative_to(REPO / "docs").as_posix() for p in (REPO / "docs").glob("*.md")}
    assert pages(config["nav"]) == on_disk
