"""The model stage through the MCP server: one breaker per backend, counted in the metrics."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.fake_openai import fake_openai
from tests.support.lectures import MODEL_LECTURE as LECTURE
from tests.support.mcp import Connect, read_json, structured

SRT = "".join(
    f"{i}\n00:00:{i:02d},000 --> 00:00:{i:02d},900\n{text}\n\n"
    for i, text in enumerate(LECTURE * 3, start=1)
)


@pytest.mark.slow
async def test_the_breaker_outlives_a_call_and_metrics_count_model_fallbacks(
    connect: Connect, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fake_openai("500") as endpoint:
        monkeypatch.setenv("SHRUTI_MODEL__BACKEND", "openai")
        monkeypatch.setenv("SHRUTI_MODEL__BASE_URL", endpoint.base_url)
        monkeypatch.setenv("SHRUTI_MODEL__TIMEOUT_S", "2")
        monkeypatch.setenv("SHRUTI_MODEL__BUDGET_S", "10")
        async with connect(root, "auto") as client:
            states, sent = [], []
            for _ in range(4):  # bounded: the breaker opens after at least 4 failed calls
                result = structured(await client.call_tool("process_transcript", {"srt": SRT}))
                states.append(result["summary"]["model"]["breaker"]["state"])
                sent.append(endpoint.calls)
                if states[-1] == "open" and len(states) >= 2 and states[-2] == "open":
                    break
            metrics = await read_json(client, "metrics://server")
    assert "open" in states, states
    opened = states.index("open")
    # A call after the one that opened the breaker meets it open and sends nothing.
    assert len(states) > opened + 1, states
    assert states[opened + 1] == "open"
    assert sent[opened + 1] == sent[opened]
    model = metrics["model"]
    assert model["failures"] > 0 and model["fallbacks"] > 0
    (name, breaker), *others = model["breakers"].items()
    assert not others and name.startswith("openai http://127.0.0.1:")
    assert breaker["state"] == "open"
    assert [(event["from"], event["to"]) for event in breaker["events"]] == [("closed", "open")]


async def test_pages_of_corrections_come_from_one_model_run_even_when_answers_vary(
    connect: Connect, root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fake_openai("varying") as endpoint:
        monkeypatch.setenv("SHRUTI_MODEL__BACKEND", "openai")
        monkeypatch.setenv("SHRUTI_MODEL__BASE_URL", endpoint.base_url)
        monkeypatch.setenv("SHRUTI_LIMITS__CORRECTIONS_PAGE", "3")
        async with connect(root, "auto") as client:
            first = structured(await client.call_tool("process_transcript", {"srt": SRT}))
            calls_for_the_run = endpoint.calls
            pages, cursor = [first["corrections"]], first["next_cursor"]
            while cursor is not None and len(pages) < 100:
                page = structured(
                    await client.call_tool(
                        "process_transcript", {"srt": SRT, "corrections_cursor": cursor}
                    )
                )
                pages.append(page["corrections"])
                cursor = page["next_cursor"]
            calls_after_paging = endpoint.calls
            again = structured(await client.call_tool("process_transcript", {"srt": SRT}))
    joined = [item for page in pages for item in page]
    assert calls_for_the_run > 0
    assert calls_after_paging == calls_for_the_run  # the model was asked once for all pages
    assert endpoint.calls > calls_for_the_run  # the last full call asked the model again ...
    assert again["summary"]["model"]["accepted"] != first["summary"]["model"]["accepted"]
    # ... and got other answers, but no page did: they all come from the first run
    assert len(pages) > 2
    assert len(joined) == first["corrections_total"]
    assert len({json.dumps(item, sort_keys=True) for item in joined}) == len(joined)
    model_edits = [item for item in joined if item["stage"] == "model"]
    assert len(model_edits) == first["summary"]["corrections_by_stage"]["model"] > 0
