"""The real service in a subprocess (``canon serve`` on 127.0.0.1, a free port), for tests
that call it over HTTP as a client would."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import yaml

from canonical.service.tokens import token_hash

#: test tokens: name -> (secret, plants)
TOKENS = {
    "mes-de01": ("tok-de01-3b9f0c", ["DE01"]),
    "mes-us02": ("tok-us02-a71e44", ["US02"]),
    "hub": ("tok-hub-5d2e81", ["*"]),
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def write_tokens(folder: Path) -> Path:
    path = folder / "tokens.yaml"
    entries = [{"name": n, "sha256": token_hash(secret), "plants": plants}
               for n, (secret, plants) in TOKENS.items()]
    path.write_text(yaml.safe_dump({"tokens": entries}), encoding="utf-8")
    return path


class Server:
    """``canon serve`` in a subprocess; ``client(token)`` talks to it over loopback HTTP."""

    def __init__(self, folder: Path, *, database: str | None = None, plants: tuple[str, ...] = (),
                 extra: tuple[str, ...] = ()) -> None:
        self.folder = folder
        self.database = database or f"sqlite:///{folder / 'service.sqlite3'}"
        self.tokens = write_tokens(folder)
        self.plants, self.extra = plants, extra
        self.log = folder / "service.log"
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Server:
        self.port = free_port()
        args = [sys.executable, "-c", "from canonical.cli import main; main()", "serve",
                "--port", str(self.port), "--database", self.database, "--tokens", str(self.tokens),
                *(a for p in self.plants for a in ("--plant", p)), *self.extra]
        log = self.log.open("ab")
        self.process = subprocess.Popen(args, stdout=log, stderr=log, cwd=self.folder,
                                        env={**os.environ, "PYTHONUNBUFFERED": "1"})
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"canon serve exited: {self.log.read_text(encoding='utf-8')}")
            try:
                if httpx.get(f"{self.url}/livez", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError(f"canon serve did not start: {self.log.read_text(encoding='utf-8')}")

    def kill(self) -> None:
        """SIGKILL: no shutdown handler runs, as when the machine or the OOM killer stops it."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def client(self, token: str | None = "hub", **headers: str) -> httpx.Client:
        if token is not None:
            headers["Authorization"] = f"Bearer {TOKENS[token][0]}"
        return httpx.Client(base_url=self.url, headers=headers, timeout=30)
