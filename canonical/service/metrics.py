"""Prometheus metrics: messages by plant, entity, source and outcome, and request latency.

Label values come from requests, so they are bounded (:class:`LabelBounds`): a plant, entity
or source system the service does not serve, and an HTTP method outside the standard ones,
are counted as ``other``. A client sending made-up names cannot grow the metrics (each label
combination is a time series kept forever by the registry and by Prometheus).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, Metric
from prometheus_client.registry import Collector

from canonical.service.context import RequestInfo

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
_LABELS = ("plant", "entity", "source", "outcome")
#: seconds; a mapped order takes about a millisecond, a cold plant load far more
_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0)
OTHER = "other"
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


@dataclass(frozen=True, slots=True)
class LabelBounds:
    """The label values a metric may take; anything else is :data:`OTHER`. Empty: unbounded
    (a registry of its own in tests)."""

    plants: frozenset[str] = frozenset()
    entities: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()

    @classmethod
    def of(cls, plants: Collection[str], entities: Collection[str], sources: Collection[str]) -> LabelBounds:
        return cls(frozenset(plants), frozenset(entities), frozenset(sources))

    def labels(self, info: RequestInfo) -> tuple[str, str, str, str]:
        """(plant, entity, source, outcome) of a counted request, bounded; ``-`` when not given."""
        return (_bounded(info.plant, self.plants), _bounded(info.entity, self.entities),
                _bounded(info.source, self.sources), info.outcome)


def _bounded(value: str, known: frozenset[str]) -> str:
    if not value:
        return "-"
    return value if not known or value in known else OTHER


@dataclass(frozen=True, slots=True)
class Metrics:
    """The service's metrics, in a registry of its own (one per app). The labelled children
    are kept by label values: ``labels()`` per request costs a lock and a tuple of strings."""

    registry: CollectorRegistry
    messages: Counter
    latency: Histogram
    requests: Counter
    bounds: LabelBounds = LabelBounds()
    _by_status: dict[tuple[str, int], Counter] = field(default_factory=dict)
    _by_labels: dict[tuple[str, str, str, str], tuple[Counter, Histogram]] = field(default_factory=dict)

    @classmethod
    def create(cls, commits: Callable[[], tuple[int, int]] | None = None,
               bounds: LabelBounds | None = None) -> Metrics:
        """``commits``: the store's (groups, writes) committed so far, exported as counters;
        ``bounds``: the label values served (others are counted as ``other``)."""
        registry = CollectorRegistry()
        if commits is not None:
            registry.register(_Commits(commits))
        return cls(
            registry,
            Counter("canon_messages_total", "Messages handled, by plant, entity, source and outcome.",
                    _LABELS, registry=registry),
            Histogram("canon_message_duration_seconds", "Time to handle one message (seconds).",
                      _LABELS, buckets=_BUCKETS, registry=registry),
            Counter("canon_http_requests_total", "HTTP requests by method and status.",
                    ("method", "status"), registry=registry),
            bounds or LabelBounds(),
        )

    def observe(self, info: RequestInfo, *, method: str, status: int, seconds: float) -> None:
        requests = self._by_status.get((method, status))
        if requests is None:
            shown = method if method in _METHODS else OTHER
            requests = self._by_status.setdefault((shown, status), self.requests.labels(shown, str(status)))
        requests.inc()
        if info.counted():
            labels = self.bounds.labels(info)
            children = self._by_labels.get(labels)
            if children is None:
                children = self._by_labels[labels] = (self.messages.labels(*labels),
                                                       self.latency.labels(*labels))
            children[0].inc()
            children[1].observe(seconds)

    def render(self) -> bytes:
        return bytes(generate_latest(self.registry))


class _Commits(Collector):
    """Durable commits and the writes they carried: ``writes / groups`` is the mean group
    (how many requests share one sync to disk)."""

    def __init__(self, counts: Callable[[], tuple[int, int]]) -> None:
        self._counts = counts

    def collect(self) -> Iterator[Metric]:
        groups, writes = self._counts()
        yield CounterMetricFamily("canon_commit_groups", "Durable commits (one sync to disk each).",
                                  value=groups)
        yield CounterMetricFamily("canon_commit_writes", "Request outcomes committed (in groups).",
                                  value=writes)
