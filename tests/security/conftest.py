"""Counts of the authorisation matrix and the schema fuzz, printed at the end of the run.

A test adds to its `tally` ("tried", "failed" per label); the numbers travel with the test's
report (`user_properties`, also from pytest-xdist workers) and the summary adds them up:

    authorisation matrix / API endpoints: 744 tried, 0 failed
"""

from collections import Counter
from collections.abc import Iterator

import pytest

TALLY = "tally"


class Tally:
    def __init__(self) -> None:
        self.counts: Counter[tuple[str, str]] = Counter()
        self.failures: list[str] = []

    def check(self, label: str, ok: bool, failure: str) -> None:
        self.counts[(label, "tried")] += 1
        if not ok:
            self.counts[(label, "failed")] += 1
            self.failures.append(failure)

    def add(self, label: str, *, tried: int, failed: int) -> None:
        self.counts[(label, "tried")] += tried
        self.counts[(label, "failed")] += failed


@pytest.fixture
def tally(record_property) -> Iterator[Tally]:  # type: ignore[no-untyped-def]
    t = Tally()
    yield t
    record_property(TALLY, dict(t.counts))


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # type: ignore[no-untyped-def]
    totals: Counter[tuple[str, str]] = Counter()
    for reports in terminalreporter.stats.values():
        for report in reports:
            if getattr(report, "when", None) != "teardown":
                continue
            for name, counts in getattr(report, "user_properties", ()):
                if name == TALLY:
                    totals.update(counts)
    labels = sorted({label for label, _ in totals})
    if labels:
        terminalreporter.section("authorisation matrix and schema fuzz")
    for label in labels:
        terminalreporter.write_line(
            f"{label}: {totals[(label, 'tried')]} tried, {totals[(label, 'failed')]} failed"
        )
