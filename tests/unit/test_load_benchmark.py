"""The load benchmark's own arithmetic and its database check (benchmarks/load.py)."""

from __future__ import annotations

from benchmarks.load import Run, conversations_each, load_persona, overlapping_bookings


def _rows(*bookings: tuple[str, str, str, str]):
    rows = [dict(zip(("code", "therapist_id", "starts_at", "ends_at"), b, strict=True))
            for b in bookings]

    def read(sql: str, **params: object) -> list[dict]:
        assert "status = 'booked'" in sql
        return sorted(rows, key=lambda r: (r["therapist_id"], r["starts_at"]))

    return read


def test_overlapping_bookings_of_one_therapist_are_found_even_when_not_adjacent():
    read = _rows(
        ("A", "t1", "2026-12-01 09:00", "2026-12-01 11:00"),  # long: covers B and C
        ("B", "t1", "2026-12-01 09:30", "2026-12-01 09:45"),
        ("C", "t1", "2026-12-01 10:00", "2026-12-01 10:30"),
        ("D", "t1", "2026-12-01 11:00", "2026-12-01 12:00"),  # starts as A ends: no overlap
        ("E", "t2", "2026-12-01 09:00", "2026-12-01 10:00"),  # another therapist
    )
    assert overlapping_bookings(read) == ["A and B (t1)", "A and C (t1)"]


def test_no_overlap_is_reported_for_back_to_back_bookings():
    read = _rows(("A", "t1", "2026-12-01 09:00", "2026-12-01 10:00"),
                 ("B", "t1", "2026-12-01 10:00", "2026-12-01 11:00"))
    assert overlapping_bookings(read) == []


def test_percentiles_are_nearest_rank_in_milliseconds():
    run = Run("x", 1, timings=[i / 1000 for i in range(1, 101)], seconds=10.0)
    assert run.percentile(50) == 50 and run.percentile(95) == 95 and run.percentile(99) == 99
    assert run.rate == 10.0
    assert Run("empty", 1).percentile(95) == 0.0
    odd = Run("x", 1, timings=[i / 1000 for i in range(1, 195)])  # 194 messages
    assert odd.percentile(95) == 185  # rank ceil(0.95 * 194) = 185, not 184


def test_small_counts_of_patients_still_make_ten_conversations():
    assert [conversations_each(n) for n in (1, 2, 3, 10, 50)] == [10, 5, 4, 1, 1]


def test_load_patients_want_to_book_and_have_no_warning_sign():
    for seed in range(40):
        persona = load_persona(seed)
        assert persona.goal == "book" and persona.yes_at is None and persona.unsure_at is None
