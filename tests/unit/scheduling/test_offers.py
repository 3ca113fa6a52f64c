"""offer_slots: three concrete slots, spread over days, honouring and relaxing preferences."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.scheduling import available_slots, offer_slots, parse_preferences

NY = ZoneInfo("America/New_York")
NOW = dt.datetime(2026, 11, 24, 9, 0, tzinfo=NY)  # Tuesday


def _local(slot):
    return slot.starts_at.astimezone(NY)


def _offer(profile, text, type_id="chronic_assessment", **kwargs):
    slots = available_slots(profile, type_id, NOW)
    return offer_slots(slots, parse_preferences(text, NOW.date()), profile, **kwargs)


def test_three_slots_on_different_days(profile):
    offer = _offer(profile, "any time")
    assert len(offer.slots) == 3 and not offer.fallback
    assert len({_local(s).date() for s in offer.slots}) == 3
    assert list(offer.slots) == sorted(offer.slots)


def test_matches_days_and_times(profile):
    offer = _offer(profile, "Tuesdays or Thursdays after 5")
    assert len(offer.slots) == 3 and not offer.fallback
    for slot in offer.slots:
        assert _local(slot).weekday() in (1, 3) and _local(slot).time() >= dt.time(17)


def test_mornings_next_week_not_monday(profile):
    offer = _offer(profile, "mornings next week, not Monday")
    assert len(offer.slots) == 3 and not offer.fallback
    for slot in offer.slots:
        day = _local(slot).date()
        assert dt.date(2026, 11, 30) <= day <= dt.date(2026, 12, 6) and day.weekday() != 0
        assert _local(slot).hour < 12


def test_asap_gives_the_earliest(profile):
    slots = available_slots(profile, "chronic_assessment", NOW)
    offer = _offer(profile, "asap")
    assert offer.slots[0] == slots[0]
    gaps = [b.starts_at - a.starts_at for a, b in zip(offer.slots, offer.slots[1:], strict=False)]
    assert all(g >= dt.timedelta(hours=1) for g in gaps)


def test_none_of_these_offers_others(profile):
    first = _offer(profile, "mornings")
    second = _offer(profile, "mornings", exclude=first.slots)
    assert len(second.slots) == 3 and not set(first.slots) & set(second.slots)
    for new in second.slots:  # not just the same times shifted by a quarter of an hour
        assert all(abs(new.starts_at - old.starts_at) >= dt.timedelta(hours=2)
                   for old in first.slots)  # fmt: skip


def test_fallback_offers_nearest_and_says_so(profile):
    # Nobody works after 7 PM and Sunday is closed: nothing matches.
    offer = _offer(profile, "sunday evenings after 8pm")
    assert offer.fallback and len(offer.slots) == 3
    latest = max(_local(s).time() for s in available_slots(profile, "chronic_assessment", NOW))
    assert all(_local(s).time() >= dt.time(17) for s in offer.slots)
    assert max(_local(s).time() for s in offer.slots) == latest


def test_fallback_keeps_the_day_when_only_the_time_misses(profile):
    offer = _offer(profile, "saturday after 2pm", type_id="acute_assessment")
    # Nobody does acute assessments on Saturdays: nearest are other days after 2.
    assert offer.fallback
    assert all(_local(s).time() >= dt.time(13) for s in offer.slots)


def test_nothing_free_gives_an_empty_offer(profile):
    offer = offer_slots([], parse_preferences("mornings", NOW.date()), profile)
    assert offer.empty and not offer.fallback


def test_fewer_matching_days_fill_from_the_same_day(profile):
    offer = _offer(profile, "tomorrow")
    assert len(offer.slots) == 3 and not offer.fallback
    assert {_local(s).date() for s in offer.slots} == {dt.date(2026, 11, 25)}
    assert len({s.starts_at for s in offer.slots}) == 3


def test_other_days_leaves_out_the_days_offered(profile):
    # Newcomer test: "other days?" could offer another hour of a day already offered.
    for text in ("friday", "any time", "mornings"):
        first = _offer(profile, text)
        second = _offer(profile, text, exclude=first.slots, other_days=True)
        assert len(second.slots) == 3
        offered_days = {_local(s).date() for s in first.slots}
        assert not offered_days & {_local(s).date() for s in second.slots}, text


def test_other_days_with_no_other_day_open_still_offers_something(profile):
    slots = available_slots(profile, "chronic_assessment", NOW)
    one_day = [s for s in slots if _local(s).date() == _local(slots[0]).date()]
    prefs = parse_preferences("any time", NOW.date())
    offer = offer_slots(one_day, prefs, profile, exclude=one_day[:1], other_days=True)
    assert offer.slots and one_day[0] not in offer.slots
