"""Clocks for the fake: a manual one tests move by hand, and the system clock."""

from __future__ import annotations

import datetime as _dt
import threading
import time
from typing import Protocol, runtime_checkable

from ._gojson import NS, datetime_to_ns

__all__ = ["Clock", "ManualClock", "SystemClock"]


@runtime_checkable
class Clock(Protocol):
    """Anything with ``now_ns()``: the current time in nanoseconds since the Unix epoch."""

    def now_ns(self) -> int:
        """The current time, epoch nanoseconds."""
        ...


class SystemClock:
    """Wall-clock time (``time.time_ns``)."""

    def now_ns(self) -> int:
        """The current wall-clock time, epoch nanoseconds."""
        return time.time_ns()


class ManualClock:
    """A clock that only moves when told to. Starts at ``start`` (default: the real time now)."""

    def __init__(self, start: _dt.datetime | int | None = None) -> None:
        if start is None:
            self._now = time.time_ns()
        elif isinstance(start, _dt.datetime):
            self._now = datetime_to_ns(start)
        else:
            self._now = int(start)
        self._lock = threading.Lock()

    def now_ns(self) -> int:
        """The clock's current time, epoch nanoseconds."""
        with self._lock:
            return self._now

    def now(self) -> _dt.datetime:
        """The clock's current time as an aware UTC datetime (microsecond precision)."""
        return _dt.datetime.fromtimestamp(self.now_ns() // 1000 / 1_000_000, tz=_dt.UTC)

    def advance(self, seconds: float | _dt.timedelta) -> None:
        """Move forward by ``seconds`` (or a timedelta). Moving backwards is refused."""
        if isinstance(seconds, _dt.timedelta):
            delta = (seconds.days * 86_400 + seconds.seconds) * NS + seconds.microseconds * 1000
        else:
            delta = round(seconds * NS)
        if delta < 0:
            raise ValueError("a ManualClock cannot go backwards")
        with self._lock:
            self._now += delta

    def set_ns(self, when: int) -> None:
        """Jump to ``when`` (epoch nanoseconds), which must not be in the clock's past."""
        with self._lock:
            if when < self._now:
                raise ValueError("a ManualClock cannot go backwards")
            self._now = when
