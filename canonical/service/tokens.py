"""Bearer tokens scoped to plants, kept as SHA-256 hashes (the secret is never stored).

A token file (YAML) lists each client with the hash of its token and the plants it may read
and map::

    tokens:
      - name: mes-de01
        sha256: 5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8
        plants: [DE01]
      - name: integration-hub
        sha256: ...
        plants: ["*"]          # every plant the service serves

Tokens are long random strings (``canon serve --new-token`` prints one and its hash), so one
SHA-256 is the right hash: there is no dictionary to guess from, unlike a password.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from pathlib import Path

from canonical.errors import InputError
from canonical.files.yamlsafe import read_yaml

ALL_PLANTS = "*"


def token_hash(token: str) -> str:
    """The hex SHA-256 of a token, as a token file stores it."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    """A fresh random token (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


@dataclass(frozen=True, slots=True)
class Client:
    """Who presented a token, and which plants it may use."""

    name: str
    plants: frozenset[str]

    def may_use(self, plant: str) -> bool:
        return ALL_PLANTS in self.plants or plant in self.plants


@dataclass(frozen=True, slots=True)
class TokenSet:
    """The configured tokens, by hash."""

    by_hash: dict[str, Client]

    def client(self, authorization: str | None) -> Client | None:
        """The client of an ``Authorization: Bearer ...`` header, or None."""
        if not authorization:
            return None
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return None
        digest = token_hash(token.strip())
        for known, client in self.by_hash.items():
            if hmac.compare_digest(known, digest):
                return client
        return None

    @classmethod
    def of(cls, entries: list[tuple[str, str, list[str]]]) -> TokenSet:
        """From (name, sha256, plants) triples."""
        return cls({h.lower(): Client(name, frozenset(plants)) for name, h, plants in entries})

    @classmethod
    def load(cls, path: str | Path) -> TokenSet:
        """Read a token file; :class:`~canonical.errors.InputError` naming the entry if bad."""
        source = str(path)
        data = read_yaml(path, source=source).data  # InputError (IO-xxx) when unreadable
        items = data.get("tokens") if isinstance(data, dict) else None
        if not isinstance(items, list):
            raise InputError("a token file is a mapping with a 'tokens' list", source=source)
        entries: list[tuple[str, str, list[str]]] = []
        for index, item in enumerate(items):
            where = f"tokens[{index}]"
            if not isinstance(item, dict):
                raise InputError(f"{where} is not a mapping", source=source)
            name, digest, plants = item.get("name"), item.get("sha256"), item.get("plants")
            if not isinstance(name, str) or not name:
                raise InputError(f"{where}.name is missing", source=source)
            if not isinstance(digest, str) or len(digest) != 64 or not _hex(digest):
                raise InputError(f"{where}.sha256 is not a hex SHA-256 (64 hex digits)", source=source)
            if not isinstance(plants, list) or not plants or not all(isinstance(p, str) for p in plants):
                raise InputError(f"{where}.plants is not a non-empty list of plant ids", source=source)
            entries.append((name, digest, plants))
        return cls.of(entries)


def _hex(text: str) -> bool:
    try:
        bytes.fromhex(text)
    except ValueError:
        return False
    return True
