"""Issue 14's thirteen findings, attacked as an attacker would, against this checkout over
stdio and over loopback HTTP: every defence must hold (finding 13, load, is measured by
bench/attacks.py and by the session and turn tests below)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hardening.attacks import ATTACKS, CLI_ONLY, Lab, Target, Transport

pytestmark = pytest.mark.slow  # every attack starts a real server or command

MCP_CASES = [
    (finding, transport)
    for finding in sorted(ATTACKS)
    if finding not in CLI_ONLY
    for transport in ("stdio", "http")
]


@pytest.mark.parametrize(("finding", "transport"), MCP_CASES)
async def test_the_attack_is_held_over_mcp(
    finding: int, transport: Transport, tmp_path: Path
) -> None:
    lab = Lab(tmp_path, Target.this_checkout(), transport)
    lab.prepare()
    outcome = await ATTACKS[finding](lab)
    assert outcome.held, f"finding {finding} ({outcome.name}) got through: {outcome.detail}"


@pytest.mark.parametrize("finding", sorted(CLI_ONLY))
async def test_the_attack_is_held_at_the_command_line(finding: int, tmp_path: Path) -> None:
    lab = Lab(tmp_path, Target.this_checkout())
    lab.prepare()
    outcome = await ATTACKS[finding](lab)
    assert outcome.held, f"finding {finding} ({outcome.name}) got through: {outcome.detail}"
