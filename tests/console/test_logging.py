"""Nothing at INFO or above carries phone numbers or health details."""

from __future__ import annotations

import logging

from tests.console.conftest import login, post_form


def test_logs_hold_no_phone_numbers_or_health_details(app, users, make_intake, make_booking,
                                                      caplog):  # fmt: skip
    caplog.set_level(logging.INFO)
    intake_id = make_intake(
        patient_name="Maria Gonzalez", phone="+17185550134", red_flags=["saddle_numbness"],
        transcript=["numbness in my groin", "for about 4 months"],
    )  # fmt: skip
    booking = make_booking(intake_id)
    client = app.test_client()
    login(client, "frank", "wrong password!")
    login(client, "frank")
    client.get("/?q=718 555 0134")
    client.get("/?q=Gonzalez")
    client.get(f"/intakes/{intake_id}")
    post_form(client, f"/intakes/{intake_id}", f"/intakes/{intake_id}/reviewed")
    post_form(client, f"/intakes/{intake_id}", f"/intakes/{intake_id}/notes", body="chest pain")
    post_form(client, f"/intakes/{intake_id}", f"/bookings/{booking.id}/cancel")
    client.get("/export/intakes.csv?from=2026-11-01&to=2026-12-01")
    client.get(f"/api/intakes/{intake_id}")
    text = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)
    assert text  # the console does log what happens...
    for secret in ("555", "0134", "Gonzalez", "numbness", "saddle", "groin", "chest pain",
                   "lower back", "4 months", "wrong password"):  # fmt: skip
        assert secret not in text, secret  # ...but never who or what hurts
