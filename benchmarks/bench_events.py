"""Event envelope and JSON costs of one mapped message, per shipped flow step (issue 16 item 7).

For every step of every shipped plant's flows (``examples/flows/*/flows.yaml``), against
``model_validate`` of the mapped canonical object's JSON dict (what a bare FastAPI endpoint
does with the same message), measured in the same run:

- ``wrap()``: the Event envelope, its id from the digest of the native payload, reference (a
  small message costs more to wrap than to validate: the envelope's own validation and ids are
  a fixed cost; the target is end to end, ``bench_service.py``);
- the payload digest alone (the native payload's sorted JSON text, hashed), reference;
- the envelope's own validation (``Event.model_validate`` holding the object): ``payload`` is
  discriminated by ``payload_type``, so its cost is the same for every entity, reference;
- the event's JSON text as the service writes it (``obj.to_json()`` and the envelope around
  it), reference;
- the service's body reader (exact decimals, duplicate keys, depth) against ``json.loads`` of
  the same body, reference.

Run: .venv/bin/python benchmarks/bench_events.py [TEXT]   (only steps whose label contains TEXT)
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import yaml
from _harness import best, exit_code, report

from canonical.engine import to_canonical
from canonical.engine.events import payload_digest, wrap
from canonical.mapping import load_plant
from canonical.models import Event
from canonical.service.body import parse_object
from canonical.service.messages import event_json

FLOWS = Path(__file__).resolve().parents[1] / "examples" / "flows"
WHEN = datetime(2026, 3, 2, 6, tzinfo=UTC)
NUMBER = 300


def main(argv: list[str]) -> int:
    for flows in sorted(FLOWS.glob("*/flows.yaml")):
        manifest = yaml.safe_load(flows.read_text(encoding="utf-8"))
        plant = load_plant(manifest["plant"])
        for step in manifest["steps"]:
            label = f"{plant.id} {step['name']} ({step['entity']})"
            if argv and not any(text in label for text in argv):
                continue
            raw = (flows.parent / step["native"]).read_bytes()
            payload = parse_object(raw, max_bytes=1 << 20, max_depth=64)
            obj = to_canonical(plant, step["entity"], payload, source=step["source"])
            model, data = type(obj), obj.to_json_dict()

            def wrapped(obj: object = obj, payload: object = payload, step: dict[str, str] = step,
                        plant_id: str = plant.id) -> object:
                return wrap(obj, plant=plant_id, source_system=step["source"],  # type: ignore[arg-type]
                            verb="released", occurred_at=WHEN, payload=payload)

            event = wrapped()
            bare = best(lambda model=model, data=data: model.model_validate(data), number=NUMBER)
            ours = best(wrapped, number=NUMBER)
            report(f"events {label} wrap() vs model_validate", ours / bare,
                   detail=f"{ours * 1e6:.1f} us vs {bare * 1e6:.1f} us")
            fields = {**event.model_dump(exclude={"payload"}), "payload": obj}
            envelope = best(lambda fields=fields: Event.model_validate(fields), number=NUMBER)
            report(f"events {label} Event validation vs model_validate", envelope / bare,
                   detail=f"{envelope * 1e6:.1f} us")
            digest = best(lambda payload=payload: payload_digest(payload), number=NUMBER)
            report(f"events {label} payload digest vs model_validate", digest / bare,
                   detail=f"{digest * 1e6:.1f} us")
            text = best(lambda obj=obj, event=event: event_json(event, obj.to_json()), number=NUMBER)
            report(f"events {label} event JSON vs model_validate", text / bare,
                   detail=f"{text * 1e6:.1f} us")
            body = best(lambda raw=raw: parse_object(raw, max_bytes=1 << 20, max_depth=64),
                        number=NUMBER)
            loads = best(lambda raw=raw: json.loads(raw), number=NUMBER)
            report(f"events {label} body reader vs json.loads", body / loads,
                   detail=f"{body * 1e6:.1f} us vs {loads * 1e6:.1f} us")
    return exit_code()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
