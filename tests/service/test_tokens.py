"""Token files: hashes only, every bad entry named; scoping."""

from __future__ import annotations

from pathlib import Path

import pytest

from canonical.errors import InputError
from canonical.service.tokens import ALL_PLANTS, TokenSet, new_token, token_hash


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "tokens.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_token_is_known_by_its_hash_only(tmp_path: Path) -> None:
    secret = new_token()
    tokens = TokenSet.load(_file(tmp_path, f"tokens:\n  - name: mes-de01\n    sha256: {token_hash(secret)}\n"
                                           "    plants: [DE01]\n"))
    client = tokens.client(f"Bearer {secret}")
    assert client is not None and client.name == "mes-de01"
    assert client.may_use("DE01") and not client.may_use("US02")
    assert tokens.client(f"bearer {secret}") is not None  # the scheme is case-insensitive
    assert tokens.client(f"Bearer {secret}x") is None and tokens.client(None) is None
    assert tokens.client("Bearer ") is None and tokens.client(secret) is None
    every = TokenSet.of([("hub", token_hash("s"), [ALL_PLANTS])]).client("Bearer s")
    assert every is not None and every.may_use("XX99")


@pytest.mark.parametrize(("text", "names"), [
    ("tokens: {}\n", "'tokens' list"),
    ("tokens:\n  - plain string\n", "tokens[0] is not a mapping"),
    ("tokens:\n  - {sha256: " + "a" * 64 + ", plants: [DE01]}\n", "tokens[0].name"),
    ("tokens:\n  - {name: x, sha256: secret-in-clear, plants: [DE01]}\n", "tokens[0].sha256"),
    ("tokens:\n  - {name: x, sha256: " + "g" * 64 + ", plants: [DE01]}\n", "tokens[0].sha256"),
    ("tokens:\n  - {name: x, sha256: " + "a" * 64 + ", plants: []}\n", "tokens[0].plants"),
])
def test_bad_token_files_name_the_entry(tmp_path: Path, text: str, names: str) -> None:
    with pytest.raises(InputError, match=names.replace("[", r"\[").replace("]", r"\]")):
        TokenSet.load(_file(tmp_path, text))
