"""Allowed roots, loopback detection, host checks and the bearer-token verifier."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.errors import PathRefusedError
from server.mcp.auth import StaticTokenVerifier, is_loopback, transport_security
from server.runtime.roots import AllowedRoots


def test_relative_paths_are_taken_from_the_first_root(tmp_path: Path) -> None:
    roots = AllowedRoots.from_settings([], start_dir=tmp_path)
    assert roots.resolve("talks/a.srt") == Path(os.path.realpath(tmp_path)) / "talks" / "a.srt"


def test_configured_roots_replace_the_start_dir(tmp_path: Path) -> None:
    other = tmp_path / "archive"
    other.mkdir()
    roots = AllowedRoots.from_settings([str(other)], start_dir=tmp_path)
    assert roots.resolve(str(other / "a.srt")).parent == other.resolve()
    with pytest.raises(PathRefusedError, match=r"paths\.allowed_roots"):
        roots.resolve(str(tmp_path / "a.srt"))


@pytest.mark.parametrize("raw", ["/etc/passwd", "../../x.srt", "a/../../x.srt", "/"])
def test_paths_outside_the_roots_are_refused(tmp_path: Path, raw: str) -> None:
    root = tmp_path / "root"
    root.mkdir()
    with pytest.raises(PathRefusedError, match="outside the allowed roots"):
        AllowedRoots.from_settings([], start_dir=root).resolve(raw)


def test_a_symlinked_directory_leading_out_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (root / "out").symlink_to(tmp_path)
    with pytest.raises(PathRefusedError):
        AllowedRoots.from_settings([], start_dir=root).resolve("out/secret.srt")


def test_a_root_reached_through_a_symlink_still_accepts_its_files(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "alias").symlink_to(real)
    roots = AllowedRoots.from_settings([str(tmp_path / "alias")], start_dir=tmp_path)
    assert roots.resolve(str(tmp_path / "alias" / "a.srt")) == real.resolve() / "a.srt"


@pytest.mark.parametrize("raw", ["a\x00.srt", "", "   "])
def test_nul_bytes_and_empty_paths_are_refused(tmp_path: Path, raw: str) -> None:
    with pytest.raises(PathRefusedError):
        AllowedRoots.from_settings([], start_dir=tmp_path).resolve(raw)


@given(st.lists(st.sampled_from(["..", ".", "a", "b", "/", "x.srt"]), max_size=8))
def test_every_accepted_path_lies_inside_a_root(parts: list[str]) -> None:
    root = Path(os.path.realpath("/tmp")) / "shruti-root-property"
    roots = AllowedRoots((root,))
    try:
        resolved = roots.resolve("/".join(parts) or ".")
    except PathRefusedError:
        return
    assert resolved == root or resolved.is_relative_to(root)


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("example.com", False),
    ],
)
def test_loopback_hosts_are_recognised(host: str, expected: bool) -> None:
    assert is_loopback(host) is expected


def test_host_checks_stay_on_for_a_wildcard_bind() -> None:
    settings = transport_security("0.0.0.0", extra_hosts=["mcp.example.com"])
    assert settings.enable_dns_rebinding_protection
    assert "mcp.example.com:*" in settings.allowed_hosts
    assert "0.0.0.0" not in settings.allowed_hosts
    assert not any("evil" in host for host in settings.allowed_hosts)


async def test_the_token_verifier_accepts_only_the_configured_token() -> None:
    verifier = StaticTokenVerifier("s3cret")
    good = await verifier.verify_token("s3cret")
    assert good is not None and good.scopes == ["shruti"]
    assert await verifier.verify_token("s3cret ") is None
    assert await verifier.verify_token("") is None
