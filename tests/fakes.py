"""Test doubles that several test layers share."""

from __future__ import annotations

import datetime as dt


class FakeClock:
    """A clock the test moves by hand; services call it like `clock()`."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += dt.timedelta(**kwargs)
