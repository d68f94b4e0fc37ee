"""Native JSON text and payload digests: pinned bytes, so a faster writer can never change them.

The digests below were computed by the writer as shipped in 1.0 (a uuid4 placeholder per
call, one text replace per decimal) over every shipped flow step's native and outbound
payload; the event id of a message without its own id derives from this digest, so a changed
byte would give replayed messages new event ids.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from canonical.engine.events import payload_digest
from canonical.engine.native_json import dumps
from canonical.reading import parse_records, read_text

FLOWS = Path(__file__).resolve().parents[2] / "examples" / "flows"

#: (plant/file, payload_digest, first 16 hex digits of sha256(dumps(payload, indent=2)))
PINNED = [
    ("DE01/order-release.sap.json",
     "3d07d15e727c6265bdd5253dc211b1c75f6733f208259b2bf7df1a0b59aa87e4", "ba8fab92c0e53fb8"),
    ("DE01/order-release.mes-out.json",
     "b76e229995e6d6972bfd62506bea5ad38389dd8d4050fb4564d71c92f7ce5685", "ff831017717f84c5"),
    ("DE01/confirmation.mes.json",
     "3e357065d1b25e18bb31d745ad56a2ae55ebd270dc86b1cbb39a30b8e5be36fd", "e2529ad8a194c96a"),
    ("DE01/confirmation.sap-out.json",
     "451a3e0c50c411d25b55003607056359f41cb3a4bd863d175a5ad420f520b71d", "d250c0cb05c72d61"),
    ("DE01/consumption.mes.json",
     "ff902aae3cec121b70278aac93f4c74ff39445186f34d4e570d5ee24e8942e59", "92ac9ee54fdf4b72"),
    ("DE01/consumption.sap-out.json",
     "3ff782c32b797fead4b237042caec6c8fb7779527da03700d50a1c7ebbbb2458", "ba6ab82593793f3f"),
    ("DE01/scrap.mes.json",
     "9bd030c6a20d063b30142575c92645be003e026940b8ba893c99a09323aa61ca", "de5a29fbfff7088d"),
    ("DE01/scrap.sap-out.json",
     "5edf9e5a6994a1c70c25f469a4d0b825bf7b23932be4a0bea4740f1d6f2bb3b7", "4131fd9f8de73b0c"),
    ("DE01/goods-receipt.mes.json",
     "c4196724a2fa183a3972d4083b9dd3464c0b10ce3579168fddd7cfd2875a20d1", "2d5366f61134f3a5"),
    ("DE01/goods-receipt.sap-out.json",
     "beb38b923e70ee64f129a109dbf635fef004bdf8aa9febc44ab9f9f62f466589", "5931d4ec32a4b144"),
    ("DE01/lot.mes.json",
     "7fa7bdae4cfa917d66e68e8edb0a061e470c52daff23e00f62f0bc80a76ff4ed", "6bdb2067a176abc0"),
    ("DE01/lot.sap-out.json",
     "e20df709c4b94a1bda1256241d4e856771d37e58b427f01516288df6a8a6e7de", "e95e0b434ccd6e11"),
    ("DE01/quality.mes.json",
     "40e09a6d0dfa2c6f405b39adbecb458e75b23a33efb0f99d2aeeee9b87364e10", "0acc04919a58ee74"),
    ("DE01/quality.sap-out.json",
     "2db4f43b585b5728f02202ba2cea6ae6b7927df16bf1ae23f4b56a005bcfe077", "ef13bb592ded8747"),
    ("DE01/labor.mes.json",
     "55681a6af38b4caecae0784e59cccb4e8c6ba35a35c01dd9efe958b1466e7b05", "139cbbb38c7aca67"),
    ("DE01/labor.sap-out.json",
     "68d0ba319b293303ad699242bb9b9d1dc4e69138985f0a5647ed03fcd8e0233d", "c9dadddeef0dba27"),
    ("DE01/equipment-state.mes.json",
     "60e26ee9677ac72f83cc2744b0f0641900850b9c5be61e6bf744c8d236ecbdd0", "d8577b7908d76445"),
    ("DE01/equipment-state.sap-out.json",
     "8b29053d6709da5d7fdfab5d5d3756bf17e7ba7a15952f68800c7acdac0f23b3", "c5f65534ea935fc4"),
    ("DE01/nonconformance.mes.json",
     "28258b978f1062cfd784ca0312fec7f40b125148beb8cb0ee591bf8c285f3eed", "184d479741b9bb32"),
    ("DE01/nonconformance.sap-out.json",
     "079beaed61ebab3be59c9eca88886d075cfa50ff0a2f960f009d6f6340bc78ab", "c79689f639328a44"),
    ("DE01/order-status.mes.json",
     "eff75d547966001cd36a766cbb8db2853aef1f201a5432f3d68df13905bf7085", "ae848229ffcfd12b"),
    ("DE01/order-status.sap-out.json",
     "dc1a564db8e6697e292966db2187b177954b380ad93f76b84b599acfba79940f", "b3d5006a8db6ce48"),
    ("PL03/order-release.s4.json",
     "c17c7979450433ee7ae7e2862f92d93103c29a3ed30b1e00baf5de5b8cb57949", "2f25a33afe9c034b"),
    ("PL03/order-release.mes-out.json",
     "24167e92f10b8dfb0491166aaecfef2ee04208b9b34c8bb3a018896b734a0802", "285450fd18c131a8"),
    ("PL03/confirmation.mes.json",
     "ef2924007f487ecb4bbe06e2cd7cd06838e5b15cadc4f778b7d35c4921eb0c97", "868304003fa7ab3e"),
    ("PL03/confirmation.s4-out.json",
     "a19b2f3f6a53eb61bbed72ff907435d88412eb2f37ab1ce2b558c0f2e5c01139", "6c463604566cb4da"),
    ("PL03/consumption.mes.json",
     "9a35aceadbf2cdce486081dd4268eaa28f83aff40cf0cec59acf26b0736292f2", "16ae2f5b8f38daec"),
    ("PL03/consumption.s4-out.json",
     "486c65e61cde35f7ce291c7cc68bd6e828fd51d8fd4d821611ed74cb406f4e0f", "9e73654fdf3e96c8"),
    ("PL03/quality.lims.json",
     "92d1c6bb7157d42b6021c2a6dfc149e30adc917cd76910c783be563f47cee436", "d55451d896cb04d5"),
    ("PL03/quality.s4-out.json",
     "d96608427034fd18259ed649ab9bf5530ad0f7afb3ec507e83492ba41c82835a", "43d3fc25b0f0bcc9"),
    ("PL03/quality-water.lims.json",
     "3d0b329b624d64d0dfeb135471f6ee46e196189ea3d7e0a0c8616c219eb6d818", "62063faf82b4d891"),
    ("PL03/quality-water.s4-out.json",
     "34145ba6fc55bafc42422ba9de72f08c216b806653a2d13714d5cc4b8e9771b5", "5ed30a700a6a4b2f"),
    ("US02/order-release.oracle.json",
     "69ea47f1858b0dc490dd4f5a5306b5c1d07fabf7fd42e6b20707427370a18153", "9c2b2f0b37202422"),
    ("US02/order-release.mes-out.json",
     "79f9ffc929052726bb4daf4e83094ecc9d6dc78fb0c72ef4d03c8be86624e3d1", "c823007669468a88"),
    ("US02/confirmation.mes.json",
     "0592503ce6be6131949393f60403ab38894cb3cd5d645f45fced9efccaff7905", "84a682db5af38d1b"),
    ("US02/confirmation.oracle-out.json",
     "8f4e376d64767e4df4bca810b28cc29cb052ac805e22ab2f445ab211cd05af77", "29355ff68a9dfb69"),
    ("US02/consumption.mes.json",
     "f290e8c2754797f266a31690f3384da10cfe1b43fa92b7e5a9895f5c14db1b0d", "1e1633d33b338f49"),
    ("US02/consumption.oracle-out.json",
     "2671912a1e559dcdec06ab167bfa8cb333979ade27d18f9e78ae109217239ee6", "c94025b4e9b687f7"),
    ("US02/scrap.mes.json",
     "b6d4b4c010ce4f893f570973581ae9543df86f3c781c63975afc142cbf0a56e9", "a25519d8dc93c98a"),
    ("US02/scrap.oracle-out.json",
     "02e9dfb165eeea5d702a2b88e4b6dc71783f8e570ed6f73ec2918f3e78e219ee", "7b44b56ab13bda0d"),
    ("US02/goods-receipt.mes.json",
     "ebd6355824fd2e542a75350687022ecf31fb1ecb542f74e693aeef6b6392ecdc", "77e3a07579cad442"),
    ("US02/goods-receipt.oracle-out.json",
     "ab3caaa4959b361869abbf96177b1a1dab70741cb8e27e9a85c73c3474c25a96", "1ec05150b646dc4a"),
    ("US02/lot.mes.json",
     "be45bd55995537620fce64c87c38c8491d29391ac85e63f608d97c5ba78bfadd", "715fd73ade0ffc6c"),
    ("US02/lot.oracle-out.json",
     "0cb8348ba363bd9c38411525dd5c4c63e63cbe26a8322c6255e22951cd0c4fd6", "8793620ff2cdce51"),
    ("US02/quality.lims.json",
     "1236f378dac6c0e690cd96d04845d118d91edb62c1293b4b6e6567e16b03bd74", "66b2718e265cc7bd"),
    ("US02/quality.oracle-out.json",
     "0376512e6a2b83ebd9d5a0f0e5da1a3302fd7890e68fa2263e452b936c89865e", "6ed0ec010056faaf"),
    ("US02/labor.mes.json",
     "6d76e33ba4d979aa85761c6c2181f7490ee52dcbb5909a7a321b9282d91a11d7", "8ac0e246d86957c5"),
    ("US02/labor.oracle-out.json",
     "7128cf8a3b1359db317a14c6cdc66cfaa015757a662caa53d272a5824d082e1b", "fdbb7b1e96621292"),
    ("US02/equipment-state.mes.json",
     "497286b7546b806923eb572e3ce2e935b2baccef926faa898f932c8487ce8c70", "e39c572aeca59931"),
    ("US02/equipment-state.oracle-out.json",
     "b1646c4f60f3fa01f139514626897be8746ccde8a430896e50bcd3f959ed8865", "25bc876a16fbb619"),
    ("US02/nonconformance.lims.json",
     "54a1b5492bd07324bb3b354f7f72d6875893d6b35937a593f2cfee21adbbcf39", "cb931d6e78cfff9b"),
    ("US02/nonconformance.oracle-out.json",
     "0148abce307c609dcc62e2c4874eacd4b4e36972836577fcb42c942fccd7357a", "94b9003c36aa9dbd"),
    ("US02/order-status.mes.json",
     "c0fca0e4625568f6dd93e3ffdca8916bdb4009fdeb81fa697ff1de9ebe88a3b3", "a5c770cdb4c5973a"),
    ("US02/order-status.oracle-out.json",
     "7b5d23584a0b75e397cad471d1d09a5d8d64a5c718d9f5df527c8ef2cc8e1e75", "1dd45149ddfc95c9"),
]

ODD = {
    "Menge": Decimal("1E+3"), "klein": Decimal("-0.000"), "tiny": Decimal("1.5E-7"),
    "Straße": "Größe \u00b5m \u2014 \U0001F3ED",
    "esc\"ape\\key\n\t": ["\x00\x1f\x7f", [[Decimal("12.500")], []], {}],
    "b": [True, False, None, 0, -7, 1.25],
    "nested": {"z": {"y": [Decimal("0"), {"x": Decimal("9.99")}]}},
}


def _reference(value: object, *, indent: int | None = None, sort_keys: bool = False) -> str:
    """The 1.0 writer, kept as the oracle: a unique placeholder string per decimal, replaced
    by its exact text after ``json.dumps``."""
    token = uuid.uuid4().hex
    numbers: list[str] = []

    def swap(item: object) -> object:
        if isinstance(item, Decimal):
            numbers.append(format(item, "f"))  # the 1.0 format_decimal, kept here as it was
            return f"{token}:{len(numbers) - 1}"
        if isinstance(item, dict):
            return {k: swap(v) for k, v in item.items()}
        if isinstance(item, list):
            return [swap(v) for v in item]
        return item

    text = json.dumps(swap(value), indent=indent, ensure_ascii=False, sort_keys=sort_keys)
    for index, number in enumerate(numbers):
        text = text.replace(f'"{token}:{index}"', number, 1)
    return text


def _payload(name: str) -> object:
    plant, file = name.split("/")
    return parse_records(read_text(FLOWS / plant / file), decimals=True)[0].data


def test_every_shipped_payload_is_pinned() -> None:
    files = {f"{flows.parent.name}/{step[key]}"
             for flows in FLOWS.glob("*/flows.yaml")
             for step in yaml.safe_load(flows.read_text(encoding="utf-8"))["steps"]
             for key in ("native", "outbound")}
    assert files == {name for name, _, _ in PINNED}


@pytest.mark.parametrize(("name", "digest", "indented"), PINNED, ids=[p[0] for p in PINNED])
def test_shipped_payload_digests_are_unchanged(name: str, digest: str, indented: str) -> None:
    payload = _payload(name)
    assert payload_digest(payload) == digest
    assert hashlib.sha256(dumps(payload, indent=2).encode()).hexdigest()[:16] == indented


def test_odd_payload_digest_is_unchanged() -> None:
    assert payload_digest(ODD) == "5c9a7287a678353f7093f186154d6072068389ed7fc344d13b74eaeb7b95f6cb"
    assert dumps(ODD).startswith('{"Menge": 1000, "klein": -0.000, "tiny": 0.00000015, ')


@pytest.mark.parametrize("text", ["\x00decimal", 'x"\x00decimal', "\x00decimal:0"])
def test_a_string_like_a_decimal_marker_stays_a_string(text: str) -> None:
    payload = {"note": text, "qty": Decimal("2.50"), "more": [text, Decimal("1E+2")]}
    written = dumps(payload)
    assert written == _reference(payload)
    assert json.loads(written, parse_float=Decimal) == {**payload, "more": [text, Decimal("100")]}


def test_decimals_are_exact_numbers() -> None:
    assert dumps([Decimal("1E+3"), Decimal("0.10"), Decimal("-2.5E-3")]) == "[1000, 0.10, -0.0025]"


_decimals = st.decimals(allow_nan=False, allow_infinity=False, places=None) | st.builds(
    Decimal, st.from_regex(r"-?[0-9]{1,4}(\.[0-9]{1,4})?[eE][+-]?[0-9]{1,2}", fullmatch=True))
#: texts a writer using a constant marker for decimals could mistake for one
_MARKERS = st.sampled_from(["\x00decimal", 'x"\x00decimal', "\x00decimal\"", "\\u0000decimal"])
_texts = st.text() | _MARKERS
_scalars = (st.none() | st.booleans() | st.integers() | _decimals
            | st.floats(allow_nan=False, allow_infinity=False) | _texts)
_payloads = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_texts, inner, max_size=4),
    max_leaves=24,
)


@settings(max_examples=300, deadline=None)
@given(_payloads, st.sampled_from([None, 2]), st.booleans())
def test_text_equals_the_reference_writer(payload: object, indent: int | None, sort_keys: bool) -> None:
    assert dumps(payload, indent=indent, sort_keys=sort_keys) == _reference(
        payload, indent=indent, sort_keys=sort_keys)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.text(), _payloads, max_size=6))
def test_digest_hashes_the_sorted_reference_text(payload: dict[str, object]) -> None:
    text = _reference(payload, sort_keys=True)
    assert payload_digest(payload) == hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("size", [2046, 2047, 2048, 2049, 4093, 4094, 4095, 70_000])
def test_a_long_payload_hashed_in_pieces_has_the_whole_text_digest(size: int) -> None:
    # hashed in pieces of 2,047 bytes (hashlib keeps the interpreter lock below 2,048): a
    # multi-byte character or a decimal across a piece boundary must not change the digest
    def payload(filler: str) -> dict[str, object]:
        return {"Liste": [Decimal("-0.000"), "ä"], "Menge": Decimal("1.50"), "Text": filler}

    words = "Prüfmaß 😀 " * (size // 16)
    bare = len(_reference(payload(words), sort_keys=True).encode("utf-8"))
    text = _reference(payload(words + "x" * (size - bare)), sort_keys=True)
    assert len(text.encode("utf-8")) == size
    assert payload_digest(payload(words + "x" * (size - bare))) == hashlib.sha256(
        text.encode("utf-8")).hexdigest()
