"""References the way people say and type them, over MCP: lookup_term, verse:// and works://."""

from __future__ import annotations

from pathlib import Path

import pytest
from mcp.shared.exceptions import MCPError

from tests.support.mcp import Connect, read_json, structured

FORMS = [
    ("BG 2.47", "BG 2.47"),
    ("BG 2:47", "BG 2.47"),
    ("Gita 2.47", "BG 2.47"),
    ("Bhagavad Gita 2.47", "BG 2.47"),
    ("bhagavad gita chapter 2 verse 47", "BG 2.47"),
    ("Gītā 2.47", "BG 2.47"),
    ("YS 1.2", "YS 1.2"),
    ("Yoga Sutra 1.2", "YS 1.2"),
    ("Yoga Sutras 1.2", "YS 1.2"),
    ("yoga sutras 2.46", "YS 2.46"),
    ("Patanjali 1.2", "YS 1.2"),
    ("Katha Upanishad 1.2.23", "KaU 1.2.23"),
    ("Isha 1", "IsU 1"),
    ("Mundaka Upanishad 3.1.1", "MuU 3.1.1"),
    ("Bhaja Govindam 1", "BGov 1"),
]


@pytest.mark.parametrize(("query", "expected"), FORMS)
async def test_every_reference_form_returns_its_verse_first(
    connect: Connect, root: Path, query: str, expected: str
) -> None:
    async with connect(root, "auto") as client:
        result = structured(await client.call_tool("lookup_term", {"query": query}))
    assert result["verses"], result
    assert result["verses"][0]["id"] == expected
    assert result["verses"][0]["score"] == 1.0


async def test_a_fragment_too_short_to_search_says_how_many_words_are_needed(
    connect: Connect, root: Path
) -> None:
    async with connect(root, "auto") as client:
        result = structured(await client.call_tool("lookup_term", {"query": "yogash chitta"}))
    assert result["verses"] == []
    assert "at least 3 words" in result["notice"]


async def test_a_verse_fragment_of_a_shipped_pack_is_found(connect: Connect, root: Path) -> None:
    async with connect(root, "auto") as client:
        result = structured(
            await client.call_tool("lookup_term", {"query": "yogash chitta vritti nirodhah"})
        )
    assert result["verses"][0]["id"] == "YS 1.2"


async def test_verse_resources_take_any_work_and_an_unknown_id_lists_the_works(
    connect: Connect, root: Path
) -> None:
    async with connect(root, "auto") as client:
        sutra = await read_json(client, "verse://YS1.2")
        upanishad = await read_json(client, "verse://KaU1.2.23")
        with pytest.raises(MCPError) as unknown:
            await read_json(client, "verse://XX9.9")
        works = await read_json(client, "works://all")
    assert sutra["iast"] == "yogaś cittavṛttinirodhaḥ" and sutra["work"] == "Yoga Sūtra"
    assert upanishad["id"] == "KaU 1.2.23"
    message = str(unknown.value)
    assert "verse://YS1.2" in message and "YS (Yoga Sūtra)" in message and "works://" in message
    listed = {work["prefix"]: work for work in works["works"]}
    assert listed["BG"]["verses"] == 701
    assert listed["YS"]["verses"] == 195 and listed["YS"]["title"] == "Yoga Sūtra"
    assert {"IsU", "KeU", "KaU", "PrU", "MuU", "MaU", "TaiU", "AiU", "SvU", "BGov"} <= set(listed)
