"""Reading records from JSON, JSON Lines or a JSON array, with located errors.

Everything the CLI reads goes through here, so every unreadable input gets the same kind
of message: the file, the line (and column), what is wrong and an IO-xxx rule id. Floats are
never produced for canonical records (a JSON number stays a number so the model can refuse
it where a decimal string is expected); native payloads can ask for ``Decimal`` numbers.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from canonical.errors import InputError
from canonical.files import rules as files_rules
from canonical.files.guard import InputKind, open_input, read_input
from canonical.files.limits import MAX_JSON_DEPTH, MAX_RECORD_BYTES, MAX_RECORDS_BYTES
from canonical.files.nesting import check_json_depth
from canonical.rules import Scope, rule

IO_UNREADABLE = files_rules.UNREADABLE
IO_ENCODING = files_rules.ENCODING
IO_JSON = rule("IO-003", "The input is not valid JSON, JSON Lines or a JSON array.", Scope.INPUT)
IO_CONSTANT = rule("IO-004", "NaN and Infinity are not JSON values.", Scope.INPUT)
IO_DEPTH = files_rules.DEPTH
IO_SIZE = files_rules.TOO_LARGE
IO_EMPTY = rule("IO-007", "The input holds no record.", Scope.INPUT)
IO_DUPLICATE_KEY = rule(
    "IO-008", "A JSON object names the same key twice (which value counts would be a guess).", Scope.INPUT
)

#: Largest file read into memory at once (bytes). ``canon validate`` streams instead.
MAX_BYTES = MAX_RECORDS_BYTES


@dataclass(slots=True)  # not frozen: a frozen dataclass costs 2 us to make, per record
class Record:
    """One JSON value read from a source, with where it was found (never changed)."""

    index: int
    line: int
    data: Any
    source: str


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON value")


class DuplicateKeyError(ValueError):
    """A JSON object with the same key twice."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise DuplicateKeyError(f"duplicate key {key!r} in a JSON object")
            seen.add(key)
    return result


def _decoder(decimals: bool) -> json.JSONDecoder:
    parse_float: Callable[[str], Any] = Decimal if decimals else float
    return json.JSONDecoder(
        parse_constant=_refuse_constant, parse_float=parse_float, object_pairs_hook=_unique_keys
    )


_PLAIN_DECODER = _decoder(False)
#: built once: a decoder keeps no state between calls, and building one per document (a
#: service request body) cost more than decoding a small one
_DECODERS = {False: _PLAIN_DECODER, True: _decoder(True)}


def loads(text: str) -> Any:
    """One JSON value by the reader's rules, for line-by-line readers (``canon batch``,
    ``canon mappings coverage``): a key twice in an object raises :class:`DuplicateKeyError`
    (IO-008), NaN and Infinity raise ``ValueError``; malformed JSON raises
    ``json.JSONDecodeError``. Same rules as :func:`parse_records` (``canon validate``)."""
    return _PLAIN_DECODER.decode(text)


def written_keys(text: str | bytes) -> int | None:
    """How many keys JSON ``text`` (or its UTF-8 bytes) writes at most, counted without parsing
    it (``None``: not countable this way, when whitespace stands before a colon).

    Every key ends in ``":`` and a string can hold ``":`` only escaped, so the count of ``":``
    is never below the number of keys. A parser that keeps the last of a key written twice
    (pydantic-core) proves the text has no key twice (IO-008) when this count equals the
    number of distinct keys of what it parsed.
    """
    raw = text.encode("utf-8", "surrogatepass") if type(text) is str else cast(bytes, text)
    count = raw.count(b'":')
    # every colon after a quote: none after whitespace. Else whitespace made one byte, then
    # one search (once per record of a stream: cheaper than a search per kind, issue 20)
    if count != raw.count(b":") and raw.translate(_BLANKS).find(b" :") >= 0:
        return None
    return count


#: JSON's whitespace, each made a space
_BLANKS = bytes.maketrans(b"\t\r\n", b"   ")


def estimated_records(path: str | Path) -> int:
    """About how many records a JSON Lines file holds: its size over the mean length of the
    lines of its first 64 KiB (an estimate, to size what a stream keeps; 0: not a file)."""
    source = str(path)
    try:
        with open_input(path, InputKind.STREAM, source=source) as handle:
            head = handle.read(1 << 16)
            size = os.fstat(handle.fileno()).st_size
    except (InputError, OSError):
        return 0  # the read itself reports it, located
    lines = head.count(b"\n")
    return size * lines // len(head) if lines else 1


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def read_text(path: str | Path, *, max_bytes: int | None = None) -> str:
    """The UTF-8 text of a guarded input file (a BOM is tolerated), or :class:`InputError`.

    Only regular files are read (IO-011); files above :data:`MAX_BYTES` are refused (IO-006).
    """
    source = str(path)
    raw = read_input(path, InputKind.RECORDS, max_bytes=max_bytes, source=source)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            source=source, line=line, rule_id=IO_ENCODING.id,
        ) from exc


def parse_records(text: str, *, source: str = "<input>", decimals: bool = False) -> list[Record]:
    """Records of a JSON document, a JSON array (each element) or JSON Lines (each line)."""
    decoder = _DECODERS[decimals]
    stripped = text.lstrip()
    if not stripped:
        raise InputError("no JSON record found (empty input)", source=source, rule_id=IO_EMPTY.id)
    start = len(text) - len(stripped)
    try:
        if stripped[0] == "[":
            return _array(text, start, decoder, source)
        return _sequence(text, start, decoder, source)
    except RecursionError as exc:
        raise InputError("JSON nested too deeply", source=source, rule_id=IO_DEPTH.id) from exc


def _fail(exc: ValueError, text: str, pos: int, source: str, first_line: int = 1) -> InputError:
    """The located error for ``exc`` raised at ``pos`` of ``text`` (which starts on ``first_line``)."""
    shift = first_line - 1
    if isinstance(exc, json.JSONDecodeError):
        start = _line_of(text, pos) + shift
        where = (
            f"column {exc.colno}" if exc.lineno + shift == start
            else f"line {exc.lineno + shift} column {exc.colno}"
        )
        return InputError(
            f"invalid JSON in the record starting here, at {where}: {exc.msg}",
            source=source, line=start, rule_id=IO_JSON.id,
        )
    if isinstance(exc, DuplicateKeyError):
        rule_id = IO_DUPLICATE_KEY.id
    else:
        rule_id = IO_CONSTANT.id if "not a JSON value" in str(exc) else IO_JSON.id
    return InputError(str(exc), source=source, line=_line_of(text, pos) + shift, rule_id=rule_id)


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


class _Lines:
    """Line numbers of positions visited in increasing order, counted incrementally."""

    __slots__ = ("line", "pos", "text")

    def __init__(self, text: str) -> None:
        self.text, self.pos, self.line = text, 0, 1

    def at(self, pos: int) -> int:
        if pos < self.pos:  # never happens in a forward scan; stay correct anyway
            return _line_of(self.text, pos)
        self.line += self.text.count("\n", self.pos, pos)
        self.pos = pos
        return self.line


def _array(text: str, pos: int, decoder: json.JSONDecoder, source: str) -> list[Record]:
    records: list[Record] = []
    lines = _Lines(text)
    pos = _skip(text, pos + 1)
    if pos < len(text) and text[pos] == "]":
        if text[_skip(text, pos + 1):]:
            raise InputError("unexpected data after the JSON array", source=source,
                             line=_line_of(text, pos), rule_id=IO_JSON.id)
        return records
    while True:
        try:
            value, end = decoder.raw_decode(text, pos)
        except RecursionError:
            raise InputError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels", source=source,
                             line=lines.at(pos), rule_id=IO_DEPTH.id) from None
        except ValueError as exc:
            raise _fail(exc, text, pos, source) from exc
        check_json_depth(text, source=source, line=lines.at(pos), start=pos, end=end)
        records.append(Record(len(records), lines.at(pos), value, source))
        pos = _skip(text, end)
        if pos < len(text) and text[pos] == ",":
            pos = _skip(text, pos + 1)
            continue
        if pos < len(text) and text[pos] == "]":
            if _skip(text, pos + 1) != len(text):
                raise InputError("unexpected data after the JSON array", source=source,
                                 line=_line_of(text, pos), rule_id=IO_JSON.id)
            return records
        raise InputError("JSON array is not closed (expected ',' or ']')", source=source,
                         line=_line_of(text, min(pos, len(text))), rule_id=IO_JSON.id)


def _sequence(text: str, pos: int, decoder: json.JSONDecoder, source: str) -> list[Record]:
    """One JSON document, or several separated by whitespace/newlines (JSON Lines)."""
    records: list[Record] = []
    lines = _Lines(text)
    while pos < len(text):
        try:
            value, end = decoder.raw_decode(text, pos)
        except RecursionError:
            raise InputError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels", source=source,
                             line=lines.at(pos), rule_id=IO_DEPTH.id) from None
        except ValueError as exc:
            raise _fail(exc, text, pos, source) from exc
        check_json_depth(text, source=source, line=lines.at(pos), start=pos, end=end)
        records.append(Record(len(records), lines.at(pos), value, source))
        pos = _skip(text, end)
    return records


def read_records(path: str | Path, *, decimals: bool = False) -> list[Record]:
    """Read and parse a file of JSON records (see :func:`parse_records`)."""
    return parse_records(read_text(path), source=str(path), decimals=decimals)


#: a JSON Lines line ending in one of these cannot end a record: read the next line first
_CONTINUES = (",", ":", "[", "{")


#: Parses a line holding one JSON object (``{...}`` and its newline; UTF-8 bytes, checked, not
#: decoded: the parser reads them as they are) into a record's value, or returns ``None`` for
#: the reader to decode the line itself. It may accept only
#: what the reader accepts: one JSON object, no key twice (see :func:`written_keys`), no NaN,
#: nested no deeper than :data:`MAX_JSON_DEPTH` (a canonical model nests a few levels).
Accept = Callable[[bytes], object | None]


def iter_records(
    path: str | Path, *, decimals: bool = False, accept: Accept | None = None,
) -> Iterator[Record]:
    """Stream the records of a file: memory grows with the largest record, not the file.

    JSON Lines (and whitespace-separated documents, also pretty-printed over several lines)
    are read line by line; a record may not exceed :data:`MAX_RECORD_BYTES` (IO-006). A file
    holding one JSON array is read whole, within :data:`MAX_BYTES` (see :func:`read_records`).
    Errors are the same located :class:`InputError` as :func:`parse_records` gives.

    ``accept`` offers each line holding one JSON object to a faster parser first (``canon
    validate`` parses straight into the entity's model); the value it returns is the record's
    ``data``. A line it returns ``None`` for is read as without it.
    """
    source = str(path)
    for data, (_, line, index) in iter_located(path, decimals=decimals, accept=accept):
        yield Record(index, line, data, source)


#: a record's value and where it was read: the file's label, the line, the record's index
Located = tuple[Any, tuple[str, int, int]]


def iter_located(
    path: str | Path, *, decimals: bool = False, accept: Accept | None = None,
    label: str | None = None,
) -> Generator[Located, None, int]:
    """:func:`iter_records` as ``(data, (label, line, index))`` pairs, the shape a stream
    validator reads (no :class:`Record` in between: made once per record of a stream);
    ``label`` names the file in them (default: the path). Returns how many records there were."""
    source = str(path)
    # no generator of its own: each record of a stream passes one frame less (issue 20)
    return _stream(path, source, source if label is None else label, decimals, accept)


def _located_array(path: str | Path, name: str, decimals: bool) -> Generator[Located, None, int]:
    """The records of a file holding one JSON array (read whole: see :func:`read_records`)."""
    records = read_records(path, decimals=decimals)
    for rec in records:
        yield rec.data, (name, rec.line, rec.index)
    return len(records)


def _stream(
    path: str | Path, source: str, name: str, decimals: bool, accept: Accept | None,
) -> Generator[Located, None, int]:
    """The records of ``path`` (see :func:`iter_located`); returns how many there were."""
    with open_input(path, InputKind.STREAM, source=source) as handle:
        if handle.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
            handle.close()
            return (yield from _located_array(path, name, decimals))
        handle.seek(0)
        decoder = _DECODERS[decimals]
        index = 0
        buffer, first = "", 0  # a record still being read, and the line it starts on
        for number, raw in enumerate(handle, 1):  # once per record: every test here costs (issue 20)
            if len(raw) + len(buffer) > MAX_RECORD_BYTES:
                raise InputError(f"a record longer than {MAX_RECORD_BYTES} bytes",
                                 source=source, line=first or number, rule_id=IO_SIZE.id)
            # the common case: one object per line (a line read is never empty: ``raw[0]`` is safe)
            if (accept is not None and not buffer and raw[-2:] == b"}\n" and raw[0] == 0x7B
                    and (raw.isascii() or _is_utf8(raw))):
                value = accept(raw)  # accepted: no deeper than its model (see Accept)
                if value is not None:
                    yield value, (name, number, index)
                    index += 1
                    continue
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at column "
                                 f"{exc.start + 1})", source=source, line=number,
                                 rule_id=IO_ENCODING.id) from None
            if not buffer:
                if line[:1] == "{" and line[-2:] == "}\n":  # one object per line, not accepted
                    whole = _whole_line(line, decoder, source, number)
                    if whole is not None:
                        yield whole, (name, number, index)
                        index += 1
                        continue
                if not line.strip():
                    continue
                buffer, first = line, number
            else:
                buffer += line
            if buffer.rstrip().endswith(_CONTINUES):
                continue
            pos = _skip(buffer, 0)
            while pos < len(buffer):
                try:
                    value, end = decoder.raw_decode(buffer, pos)
                except RecursionError:
                    raise InputError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels",
                                     source=source, line=first, rule_id=IO_DEPTH.id) from None
                except json.JSONDecodeError as exc:
                    if exc.pos >= len(buffer.rstrip()) and "control character" not in exc.msg:
                        break  # the record goes on on the next line
                    raise _fail(exc, buffer, pos, source, first) from None
                except ValueError as exc:
                    raise _fail(exc, buffer, pos, source, first) from None
                at = first + buffer.count("\n", 0, pos)
                check_json_depth(buffer, source=source, line=at, start=pos, end=end)
                yield value, (name, at, index)
                index += 1
                pos = _skip(buffer, end)
            first += buffer.count("\n", 0, pos)
            buffer = buffer[pos:]
        if buffer.strip():
            try:
                decoder.raw_decode(buffer, _skip(buffer, 0))
            except ValueError as exc:
                raise _fail(exc, buffer, _skip(buffer, 0), source, first) from None
    if not index:
        raise InputError("no JSON record found (empty input)", source=source, rule_id=IO_EMPTY.id)
    return index


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False  # the general path reports it, located
    return True


def _whole_line(line: str, decoder: json.JSONDecoder, source: str, number: int) -> Any | None:
    """The value of a line holding exactly one JSON object (a ``dict``), or None to take the
    general path."""
    try:
        value, end = decoder.raw_decode(line)
    except (ValueError, RecursionError):
        return None  # the general path reports it, located
    if end != len(line) - 1:
        return None
    check_json_depth(line, source=source, line=number)
    return value
