"""The guarded input: regular files only, within the size limit, never blocking."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from canonical.errors import InputError
from canonical.files.guard import InputKind, open_input, read_input


def test_reads_a_regular_file(tmp_path: Path) -> None:
    path = tmp_path / "auftrag.jsonl"
    path.write_bytes(b'{"id": "4711"}\n')
    assert read_input(path, InputKind.RECORDS) == b'{"id": "4711"}\n'
    with open_input(path, InputKind.RECORDS) as handle:
        assert handle.readline() == b'{"id": "4711"}\n'


@pytest.mark.parametrize("kind", list(InputKind))
def test_fifo_is_refused_without_blocking(tmp_path: Path, kind: InputKind) -> None:
    fifo = tmp_path / "plant.yaml"
    os.mkfifo(fifo)
    with pytest.raises(InputError) as caught:
        read_input(fifo, kind)
    assert caught.value.rule_id == "IO-011"
    assert "FIFO" in caught.value.reason and caught.value.source == str(fifo)


def test_device_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        read_input("/dev/zero", InputKind.STREAM)
    assert caught.value.rule_id == "IO-011" and "device" in caught.value.reason


def test_folder_and_missing_file_are_io_001(tmp_path: Path) -> None:
    for path in (tmp_path, tmp_path / "fehlt.csv"):
        with pytest.raises(InputError) as caught:
            read_input(path, InputKind.TABLE)
        assert caught.value.rule_id == "IO-001"


def test_size_limit_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "gross.csv"
    path.write_bytes(b"x" * 101)
    with pytest.raises(InputError) as caught:
        read_input(path, InputKind.TABLE, max_bytes=100)
    assert caught.value.rule_id == "IO-006" and "100-byte limit" in caught.value.reason
    assert read_input(path, InputKind.TABLE, max_bytes=101) == b"x" * 101


def test_symlink_to_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "units.csv"
    link.symlink_to(fifo)
    with pytest.raises(InputError) as caught:
        read_input(link, InputKind.TABLE)
    assert caught.value.rule_id == "IO-011"
