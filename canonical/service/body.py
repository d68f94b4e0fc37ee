"""Reading a request body: media type, size, JSON with exact decimals, nesting depth.

Every refusal is a :class:`~canonical.errors.ServiceProblem` with the rule that explains it:
415 (SVC-002) for another media type, 413 (IO-006) over the size limit, 400 for text that is
not one JSON object (IO-002/003/004/005/008 as the file reader names them, SVC-008 for the
wrong shape).
"""

from __future__ import annotations

from canonical.errors import InputError, ServiceProblem
from canonical.files.nesting import check_json_depth
from canonical.reading import IO_ENCODING, IO_SIZE, parse_records
from canonical.service import rules

JSON_TYPES = ("application/json",)


def check_media_type(content_type: str | None) -> None:
    """415 unless the body is declared ``application/json`` (or ``application/*+json``)."""
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if media in JSON_TYPES or (media.startswith("application/") and media.endswith("+json")):
        return
    shown = media or "no Content-Type"
    raise ServiceProblem(415, f"the body must be application/json, not {shown}",
                         rule_id=rules.MEDIA_TYPE.id, headers={"Accept": "application/json"})


def parse_object(raw: bytes, *, max_bytes: int, max_depth: int,
                 decimals: bool = True) -> dict[str, object]:
    """One JSON object from a request body, or a 400/413 problem. ``decimals``: numbers as
    ``Decimal`` (native payloads); else as the model sees JSON numbers (canonical records,
    whose quantities must be decimal strings)."""
    if len(raw) > max_bytes:
        raise ServiceProblem(413, f"the request body is larger than the limit of {max_bytes} bytes",
                             rule_id=IO_SIZE.id)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ServiceProblem(400, f"the body is not UTF-8 text (byte {exc.start})",
                             rule_id=IO_ENCODING.id) from exc
    if text.lstrip().startswith("["):
        raise ServiceProblem(400, "the body must be one JSON object, not an array",
                             rule_id=rules.BODY_SHAPE.id)
    try:
        check_json_depth(text, source="body", limit=max_depth)
        records = parse_records(text, source="body", decimals=decimals)
    except InputError as exc:
        raise ServiceProblem(400, exc.message, rule_id=exc.rule_id) from exc
    if len(records) != 1 or not isinstance(records[0].data, dict):
        found = f"{len(records)} JSON values" if len(records) != 1 else type(records[0].data).__name__
        raise ServiceProblem(400, f"the body must be one JSON object, not {found}",
                             rule_id=rules.BODY_SHAPE.id)
    data: dict[str, object] = records[0].data
    return data
