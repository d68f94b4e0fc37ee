"""What a command's path arguments accept: ``-`` (standard input) for files, never for folders.

Every file a ``canon`` command reads is declared with :class:`InputFile`: ``-`` reads standard
input. The bytes are copied once into a private temporary file (so every reader of the library,
which takes a path, works unchanged: streaming, seeking, Parquet, XML) named after the content
(``stdin.parquet``, ``stdin.json``, ``stdin.xml`` or the parameter's default suffix), and the
file is removed when the process exits. Messages that name the temporary file are shown with
``<stdin>`` instead (:func:`shown`). A plant, a release folder or an output folder is declared
with :class:`FolderRef`, which refuses ``-`` with a message saying why. The conventions test
(tests/cli/test_conventions.py) fails for a path parameter declared any other way.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # click >= 8.5 types its parameter types; older clicks (>= 8.1) do not
    _PathType = click.ParamType[Path]
    _TextType = click.ParamType[str]
    _OutputType = click.ParamType[Path | None]
else:
    _PathType = _TextType = _OutputType = click.ParamType

STDIN = "-"
#: how messages name standard input
STDIN_LABEL = "<stdin>"

#: the spooled copy of standard input, with the stream it was read from (stdin can be read
#: only once; a caller that replaces sys.stdin, as click's test runner does, gets a new copy)
_spooled: dict[str, tuple[object, Path]] = {}


def _sniff(head: bytes, default: str) -> str:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"PAR1"):
        return ".parquet"
    if text[:1] in (b"{", b"["):
        return ".json"
    if text[:1] == b"<":
        return ".xml"
    return default


def spool_stdin(default_suffix: str) -> Path:
    """Standard input copied into a private temporary file (once per process)."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # pragma: no cover - a text-only stdin replacement
        raise click.UsageError("'-' needs standard input, which is not available")
    cached = _spooled.get("stdin")
    if cached is not None and cached[0] is stream:
        return cached[1]
    if sys.stdin.isatty():
        click.echo("reading standard input (end with Ctrl-D)", err=True)
    try:
        folder = Path(tempfile.mkdtemp(prefix="canon-stdin-"))
        atexit.register(shutil.rmtree, folder, True)
        head = stream.read(4096)
        target = folder / f"stdin{_sniff(head, default_suffix)}"
        with target.open("wb") as out:
            out.write(head)
            shutil.copyfileobj(stream, out, 1 << 20)
    except OSError as exc:  # unreadable stdin, or no room for its copy
        raise click.UsageError(f"[IO-001] {STDIN_LABEL}: cannot read standard input: "
                               f"{exc.strerror or exc}") from None
    _spooled["stdin"] = (stream, target)
    return target


def shown(text: str) -> str:
    """``text`` with the spooled copy of standard input named ``<stdin>``."""
    cached = _spooled.get("stdin")
    return text.replace(str(cached[1]), STDIN_LABEL) if cached is not None else text


def label(path: str | Path) -> str:
    """How messages name ``path`` (``<stdin>`` for the spooled standard input)."""
    return shown(str(path))


class InputFile(_PathType):
    """A file to read, or ``-`` for standard input (converted to the spooled copy's path).

    ``suffix`` is the file type assumed for standard input when its content does not say
    (Parquet, JSON and XML are recognised by their first bytes).
    """

    name = "file"

    def __init__(self, suffix: str = ".json") -> None:
        self.suffix = suffix

    def convert(self, value: object, param: click.Parameter | None,
                ctx: click.Context | None) -> Path:
        if isinstance(value, Path):
            return value
        text = str(value)
        if text == STDIN:
            return spool_stdin(self.suffix)
        return Path(text)

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "FILE|-"


class FolderRef(_TextType):
    """A folder (or a plant id, release or git revision that names one): ``-`` is refused,
    since standard input cannot hold a folder. ``what`` names it in the message."""

    name = "folder"

    def __init__(self, what: str = "a folder", metavar: str = "FOLDER") -> None:
        self.what = what
        self.metavar = metavar

    def convert(self, value: object, param: click.Parameter | None,
                ctx: click.Context | None) -> str:
        text = str(value)
        if text == STDIN:
            self.fail(f"'-' (standard input) cannot stand for {self.what}; give its path "
                      "(a file argument of another command may be '-')", param, ctx)
        return text

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return self.metavar


class DiskFile(_PathType):
    """A file that must be on disk (``why`` says why ``-`` cannot stand for it)."""

    name = "file"

    def __init__(self, why: str) -> None:
        self.why = why

    def convert(self, value: object, param: click.Parameter | None,
                ctx: click.Context | None) -> Path:
        if str(value) == STDIN:
            self.fail(f"'-' (standard input) cannot stand for this file: {self.why}", param, ctx)
        return Path(str(value))


class OutputFile(_OutputType):
    """A file to write (atomically); ``-`` means standard output, as without the option.

    With ``folder_ok``, an existing folder or a path ending in ``/`` is a folder (created if
    needed) that the command names the file in.
    """

    name = "file"

    def __init__(self, *, folder_ok: bool = False) -> None:
        self.folder_ok = folder_ok

    def convert(self, value: object, param: click.Parameter | None,
                ctx: click.Context | None) -> Path | None:
        text = str(value)
        if text == STDIN:
            return None
        if self.folder_ok and text.endswith(("/", os.sep)):
            from canonical.errors import WriteError
            from canonical.files.atomic import ensure_folder

            try:
                return ensure_folder(text)
            except WriteError as exc:
                self.fail(str(exc), param, ctx)
        return Path(text)

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "FILE"


#: a plant: its id (DE01), folder or git revision (git:main:mappings/DE01)
PLANT_REF = FolderRef("a plant (id, folder or git:REV:PATH)", "PLANT")


class InputRef(_TextType):
    """A file or a name of one (a release version, git:REV:PATH); ``-`` reads standard input."""

    name = "file"

    def __init__(self, suffix: str) -> None:
        self.suffix = suffix

    def convert(self, value: object, param: click.Parameter | None,
                ctx: click.Context | None) -> str:
        return str(spool_stdin(self.suffix)) if str(value) == STDIN else str(value)

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "FILE|VERSION|git:REV:PATH|-"
