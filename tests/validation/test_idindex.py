"""IdIndex: the first number of each id, exact over growth, in flat arrays."""

from __future__ import annotations

from canonical.validation.idindex import IdIndex


def test_first_occurrence_survives_growth() -> None:
    index = IdIndex(capacity=4)
    ids = [f"DE01-GI-{n:07d}" for n in range(5000)] + ["Łódź-1", "", "0"]
    assert [index.first(i, n) for n, i in enumerate(ids)] == [None] * len(ids)
    assert len(index) == len(ids)
    assert [index.first(i, 99) for i in ids[::997]] == list(range(0, 5000, 997))
    assert index.get("DE01-GI-0000042") == 42 and "Łódź-1" in index and "missing" not in index


def test_memory_is_a_few_bytes_per_id() -> None:
    index = IdIndex()
    for n in range(100_000):
        index.first(f"MES-{n}", n)
    size = index._keys.buffer_info()[1] * 8 + index._values.buffer_info()[1] * 8
    assert size / len(index) <= 48  # a dict of str would be well over 100
