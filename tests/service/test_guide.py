"""The curl walkthrough of docs/guides/integration-service.md runs against a real server.

Every ``$ `` line of the guide's ``console`` blocks runs, in page order, in one bash session
(``CANON``, ``TOKEN`` and ``PLANT`` set, from the repository root). Where the guide shows the
response, the status line must match, and every rule id it shows must be in the real answer.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from .conftest import ROOT
from .server import TOKENS, Server

GUIDE = ROOT / "docs" / "guides" / "integration-service.md"
BLOCK = re.compile(r"^```console\n(.*?)^```$", re.MULTILINE | re.DOTALL)
RULE = re.compile(r'"rule_id":\s*"([A-Z]+-\d+)"')
MARK = "@@command-done@@"


def commands(text: str) -> list[tuple[str, list[str]]]:
    """(command, documented output lines) of every ``$ `` line."""
    found: list[tuple[str, list[str]]] = []
    for block in BLOCK.findall(text):
        for line in block.splitlines():
            if line.startswith("$ "):
                found.append((line[2:], []))
            elif found and line.strip():
                found[-1][1].append(line)
    return found


def test_guide_shows_commands_with_their_answers() -> None:
    shown = commands(GUIDE.read_text(encoding="utf-8"))
    assert len(shown) >= 8
    assert sum(1 for _, out in shown if out and out[0].startswith("HTTP/1.1 422")) == 1


def test_curl_walkthrough(tmp_path: Path) -> None:
    plant = tmp_path / "DE01"
    shutil.copytree(ROOT / "mappings" / "DE01", plant)
    server = Server(tmp_path, plants=(str(plant),)).start()
    shown = commands(GUIDE.read_text(encoding="utf-8"))
    script = "\n".join(f"{command}\necho; echo {MARK}" for command, _ in shown)
    try:
        env = {**os.environ, "CANON": server.url, "TOKEN": TOKENS["mes-de01"][0], "PLANT": str(plant)}
        done = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=120)
    finally:
        server.stop()
    assert done.returncode == 0, done.stderr
    outputs = done.stdout.split(MARK)
    for (command, documented), actual in zip(shown, outputs, strict=False):
        if documented and documented[0].startswith("HTTP/1.1 "):
            status = documented[0].split()[1]
            assert actual.strip().startswith(f"HTTP/1.1 {status}"), (command, actual[:500])
        for rule_id in RULE.findall("\n".join(documented)):
            assert rule_id in actual, (command, rule_id, actual[:800])
