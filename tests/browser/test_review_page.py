"""The review page in a real browser (Debian's chromium driven by Playwright): opened from
file://, decided by keyboard, saved, and the saved file applied by `shruti apply`."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright
from typer.testing import CliRunner

from server.cli.main import app
from tests.support.paths import REVIEW_LECTURE

pytestmark = pytest.mark.slow
runner = CliRunner()
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def shruti(*args: str) -> None:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.stderr


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "install Debian's chromium (make test does: see Makefile)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    shruti("process", str(REVIEW_LECTURE), "-o", "out.srt")
    shruti("review", "out.srt", "-o", "review.html")
    return tmp_path / "review.html"


def open_page(
    browser: Browser, page_file: Path, *, width: int = 1200, height: int = 900
) -> tuple[Page, list[str]]:
    context = browser.new_context(
        accept_downloads=True, viewport=ViewportSize(width=width, height=height)
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.goto(page_file.as_uri())
    return page, errors


def test_an_editor_decides_by_keyboard_saves_and_applies(browser: Browser, page_file: Path) -> None:
    page, errors = open_page(browser, page_file)
    assert page.inner_text("#progress") == "0 of 5 uncertain spans decided, 5 left"
    keys = ["n", "0", "n", "1", "n", "1", "n", "1", "n"]  # Kaṭha kept; the first candidate
    for key in keys:
        page.keyboard.press(key)
    assert page.inner_text("#progress") == "4 of 5 uncertain spans decided, 1 left · at 5 of 5"
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "mana"  # focus follows the current span
    assert page.inner_text("#span-2") == "paramparā"  # the span shows the choice
    with page.expect_download() as download:
        page.keyboard.press("s")
    saved = page_file.parent / "decisions.json"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "out.decisions.json"
    decisions = json.loads(saved.read_text(encoding="utf-8"))["decisions"]
    assert [(d["text"], d["replace"]) for d in decisions] == [
        ("sonyasi", "sannyāsī"),
        ("prampagar", "paramparā"),
        ("Demki", "Devakī"),
    ]
    assert "Saved 3 decisions" in page.inner_text("#saved")
    shruti("apply", "out.srt", str(saved), "-o", "final.srt")
    final = Path("final.srt").read_text(encoding="utf-8")
    assert "the sannyāsī gives up" in final and "came down by paramparā" in final
    assert "Devakī was the mother of Kṛṣṇa" in final and "Kaṭha Upaniṣad" in final
    assert errors == []


def test_changes_show_what_was_heard(
    browser: Browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shruti("review", str(REVIEW_LECTURE), "-o", "raw.html", "--corrected", "out.srt")
    page, errors = open_page(browser, tmp_path / "raw.html")
    change = page.locator("mark.change", has_text="Arjuna").first
    assert change.get_attribute("data-before") == "arjun"
    change.focus()
    assert "shruti apply out.srt" in (page.text_content("#apply-command") or "")
    assert errors == []


def test_the_page_is_usable_on_a_phone_and_labelled(browser: Browser, page_file: Path) -> None:
    page, _ = open_page(browser, page_file, width=390, height=844)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    unlabelled = page.evaluate(
        """[...document.querySelectorAll('input')].filter(
             (input) => !document.querySelector(`label[for="${input.id}"]`)).length"""
    )
    assert unlabelled == 0
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator("button.uncertain").first.click()
    assert page.evaluate("document.activeElement.type") == "radio"  # into the choices
    page.keyboard.press("ArrowDown")  # the radio group works as radios do
    assert "1 of 5" in page.inner_text("#progress")
