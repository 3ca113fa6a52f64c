"""The queue: pinning, order, filters, search, counts, and what each row shows."""

from __future__ import annotations

import datetime as dt
import re

from tests.console.conftest import T0, post_form


def _order(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'data-intake="(\d+)"', html)]


def test_urgent_and_callback_are_pinned_above_newer_intakes(client, make_intake):
    old_urgent = make_intake(created_at=T0 - dt.timedelta(days=2), red_flags=["bladder_bowel"])
    old_callback = make_intake(created_at=T0 - dt.timedelta(days=1), callback_requested=True)
    crisis = make_intake(created_at=T0 - dt.timedelta(days=3), crisis=True)
    newest = make_intake(created_at=T0 - dt.timedelta(minutes=5))
    older = make_intake(created_at=T0 - dt.timedelta(hours=5))
    html = client.get("/").get_data(as_text=True)
    assert _order(html) == [old_urgent, crisis, old_callback, newest, older]
    assert "3 patients need a call back" in html


def test_status_urgent_from_the_dialogue_is_pinned_too(client, make_intake):
    plain = make_intake(created_at=T0 - dt.timedelta(minutes=1))
    urgent = make_intake(status="urgent", created_at=T0 - dt.timedelta(days=1))
    callback = make_intake(status="callback", created_at=T0 - dt.timedelta(days=1, hours=1))
    assert _order(client.get("/").get_data(as_text=True)) == [urgent, callback, plain]


def test_counts_per_status(client, make_intake, make_booking):
    make_intake(red_flags=["fever"])
    make_intake(callback_requested=True)
    make_intake(callback_requested=True)
    make_intake()
    make_intake(reviewed_at=T0, status="reviewed")
    data = client.get("/api/intakes").get_json()
    # "Call back" counts everyone who needs one: the urgent intake and the two who asked.
    assert data["counts"] == {"callback": 3, "urgent": 1, "new": 1, "reviewed": 1, "all": 5}
    assert data["needs_call_back"] == 3
    html = client.get("/").get_data(as_text=True)
    assert re.search(r'data-test="count-callback">Call back <span class="count">3<', html)


def test_filter_by_status_class_and_dates(client, make_intake):
    chronic = make_intake(pain_class="chronic", created_at=T0 - dt.timedelta(days=10))
    acute = make_intake(pain_class="acute", pain_stage="acute", created_at=T0 - dt.timedelta(1))
    unclear = make_intake(pain_class=None, pain_stage=None, created_at=T0 - dt.timedelta(hours=2))
    urgent = make_intake(crisis=True, created_at=T0 - dt.timedelta(hours=3))
    assert _order(client.get("/?class=acute").get_data(as_text=True)) == [acute]
    assert _order(client.get("/?class=unknown").get_data(as_text=True)) == [unclear]
    assert _order(client.get("/?status=urgent").get_data(as_text=True)) == [urgent]
    assert set(_order(client.get("/?status=new").get_data(as_text=True))) == {
        chronic,
        acute,
        unclear,
    }
    # Dates are clinic dates (New York): T0 - 10 days is 21 Nov.
    assert _order(client.get("/?from=2026-11-21&to=2026-11-21").get_data(as_text=True)) == [chronic]
    assert chronic not in _order(client.get("/?from=2026-11-25").get_data(as_text=True))
    # Nonsense filters are ignored rather than failing.
    assert client.get("/?status=bogus&class=x&from=yesterday&page=zz").status_code == 200


def test_search_by_name_phone_and_booking_code(client, make_intake, make_booking):
    maria = make_intake(patient_name="Maria Gonzalez", phone="+17185550134")
    james = make_intake(patient_name="James O'Connor", phone="+16465550177")
    booking = make_booking(james, name="James O'Connor", phone="+16465550177")
    assert _order(client.get("/?q=gonz").get_data(as_text=True)) == [maria]
    assert _order(client.get("/?q=646 555 0177").get_data(as_text=True)) == [james]
    assert _order(client.get("/?q=(718) 555-0134").get_data(as_text=True)) == [maria]
    code = booking.code.replace("-", "").lower()
    assert _order(client.get(f"/?q={code}").get_data(as_text=True)) == [james]
    assert _order(client.get("/?q=%25").get_data(as_text=True)) == []


def test_row_shows_time_name_pain_regions_booking_and_review(client, make_intake, make_booking):
    intake_id = make_intake(
        created_at=T0 - dt.timedelta(minutes=30),
        pain_class="acute",
        pain_stage="subacute",
        locations=[{"region": "knee", "side": "left"}, {"region": "lower_leg", "side": None}],
    )
    booking = make_booking(intake_id)
    anonymous = make_intake(patient_name=None, reviewed_at=T0)
    html = client.get("/").get_data(as_text=True)
    row = re.search(rf'data-intake="{intake_id}">(.*?)</tr>', html, flags=re.S).group(1)
    assert "Today 09:30" in row  # 14:30 UTC is 09:30 in New York
    assert "Acute" in row and "Subacute" in row
    assert "Knee, left" in row and "Lower leg" in row
    assert booking.code in row
    assert "Not yet" in row
    anon_row = re.search(rf'data-intake="{anonymous}">(.*?)</tr>', html, flags=re.S).group(1)
    assert "Anonymous patient" in anon_row and "Reviewed" in anon_row and "Not booked" in anon_row


def test_called_back_unpins(client, make_intake):
    urgent = make_intake(red_flags=["fever"], created_at=T0 - dt.timedelta(days=1))
    newer = make_intake(created_at=T0 - dt.timedelta(minutes=1))
    assert _order(client.get("/").get_data(as_text=True)) == [urgent, newer]
    from tests.console.conftest import post_form

    post_form(client, f"/intakes/{urgent}", f"/intakes/{urgent}/called-back", outcome="reached")
    assert _order(client.get("/").get_data(as_text=True)) == [newer, urgent]
    assert "Nobody is waiting for a call back" in client.get("/").get_data(as_text=True)


def test_pagination(client, make_intake):
    for n in range(55):
        make_intake(created_at=T0 - dt.timedelta(minutes=n + 1), patient_name=f"P{n}")
    first = client.get("/").get_data(as_text=True)
    second = client.get("/?page=2").get_data(as_text=True)
    assert len(_order(first)) == 50 and len(_order(second)) == 5
    assert "Page 1 of 2" in first


def test_a_reviewed_urgent_intake_is_in_the_reviewed_tab_and_still_pinned(client, make_intake):
    """Marked reviewed, an urgent intake showed "✓ Reviewed" while the Reviewed tab said 0
    and "No intakes match" (front-desk newcomer test). It is in both tabs, and still pinned
    until the patient is reached."""
    urgent = make_intake(status="urgent", red_flags=["bladder_bowel"])
    post_form(client, f"/intakes/{urgent}", f"/intakes/{urgent}/reviewed")
    assert _order(client.get("/?status=reviewed").get_data(as_text=True)) == [urgent]
    assert _order(client.get("/?status=urgent").get_data(as_text=True)) == [urgent]
    counts = client.get("/api/intakes").get_json()["counts"]
    assert counts["reviewed"] == 1 and counts["urgent"] == 1
