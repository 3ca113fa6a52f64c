"""The intake page names each red flag's category and the advice the patient got
(bot.warning_signs.staff_title), and says when the patient was not sure."""

from __future__ import annotations

from bot.frontdesk.callback import advice_for
from bot.intake.models import Intake
from bot.triage import ALL_FLAGS, UNCONFIRMED_SUFFIX, UNSURE_SUFFIX
from bot.warning_signs import REPORTED, WARNING_SIGNS, staff_title


def test_warning_signs_show_their_category_and_advice(client, make_intake):
    intake_id = make_intake(status="urgent", red_flags=["dvt_breathing", "weakness_unsure"])
    html = client.get(f"/intakes/{intake_id}").get_data(as_text=True)
    assert (
        "Possible DVT or clot (breathlessness, chest pain on breathing or coughing blood): "
        "call 911 now" in html
    )
    assert (
        "Not sure: Cauda equina or cord compression (new or worsening leg weakness): "
        "staff to check" in html
    )


def test_staff_never_read_a_stored_code():
    """Every flag the screen can store reads as words: no "[bladder_bowel]", no underscores,
    and two questions of one warning sign read differently (the front-desk newcomer saw
    "... leg weakness [bladder_bowel]: emergency department now")."""
    titles = [staff_title(flag.label) for flag in ALL_FLAGS]
    titles += [staff_title(flag.label + UNSURE_SUFFIX) for flag in ALL_FLAGS]
    titles += [staff_title(sign.name + UNCONFIRMED_SUFFIX) for sign in WARNING_SIGNS]
    for title in titles:
        assert "_" not in title and "[" not in title, title
    assert len(set(titles)) == len(titles)


def test_a_label_the_table_does_not_know_reads_as_before(client, make_intake):
    intake_id = make_intake(red_flags=["night_pain"])
    assert "Night pain" in client.get(f"/intakes/{intake_id}").get_data(as_text=True)


def test_every_flag_says_what_the_patient_reported():
    assert set(REPORTED) == {flag.label for flag in ALL_FLAGS}


def test_a_warning_sign_mentioned_and_never_confirmed_says_so(client, make_intake):
    """Signed-SMS newcomer test: a swollen hot calf after surgery, then STOP at the first clot
    question. Staff read what was mentioned, that it was not confirmed, and that no advice was
    given; the intake needs a call back."""
    intake_id = make_intake(red_flags=["dvt_unconfirmed"])
    html = client.get(f"/intakes/{intake_id}").get_data(as_text=True)
    assert (
        "Mentioned, not confirmed: Possible DVT or clot (calf or leg swelling, warmth, redness)"
        in html
    )
    assert "breathless" not in html  # asked about, never said (front-desk newcomer test)
    assert "Warning sign mentioned, not confirmed: staff to check" in html
    assert "Needed: urgent" in html
    assert "The patient has been given no advice" in html and "are told the clinic" not in html
    assert "the safety questions about it are not answered" in html
    queue = client.get("/").get_data(as_text=True)
    assert "Was told" not in queue
    advice = advice_for(Intake(red_flags=["dvt_unconfirmed"], crisis=False, status="new"))
    assert advice.level is None  # the patient was told nothing


def test_a_warning_sign_said_and_then_denied_shows_for_staff_to_check(client, make_intake):
    """Patient newcomer test: "my left calf is swollen and hot" after a long flight, then "no"
    to its question: booked, and the console showed "Red flags: None reported"."""
    intake_id = make_intake(red_flags=["dvt_denied"])
    html = client.get(f"/intakes/{intake_id}").get_data(as_text=True)
    assert "Said in their own words, then answered no: Possible DVT or clot" in html
    # never "not confirmed ... not answered" beside "then answered no" (pass L)
    assert "Warning sign described, then answered no: staff to check" in html
    assert "described a warning sign, then answered its question no" in html
    assert "not confirmed" not in html and "are not answered" not in html
    assert "None reported" not in html
    advice = advice_for(Intake(red_flags=["dvt_denied"], crisis=False, status="new"))
    assert advice.level is None  # no advice was given


def test_a_sign_said_then_answered_no_asks_for_a_check_not_urgent_care(client, make_intake):
    """A booked patient who described a swollen hot calf and then answered its question no read
    "Needed: urgent" (review of the newcomer's findings): staff check, the booking stands."""
    denied = make_intake(red_flags=["dvt_denied"], status="booked")
    html = client.get(f"/intakes/{denied}").get_data(as_text=True)
    assert "Needed: to check a warning sign they described, then answered no" in html
    assert "Needed: urgent" not in html
    both = make_intake(red_flags=["dvt_denied", "fever"], status="urgent")
    assert "Needed: urgent" in client.get(f"/intakes/{both}").get_data(as_text=True)


def test_a_message_in_another_language_shows_for_a_call_back_in_it(client, make_intake):
    """Third newcomer pass: Spanish-speaking patients got the notice, and staff got nothing, or
    a plain call back. The intake says which language, and urgent when it named an emergency."""
    intake_id = make_intake(red_flags=["other_language_es"])
    html = client.get(f"/intakes/{intake_id}").get_data(as_text=True)
    assert "Wrote in Spanish, which the assistant can&#39;t read: call back" in html, html
    advice = advice_for(Intake(red_flags=["other_language_es"], crisis=False, status="new"))
    assert advice.level is None and advice.title == "Wrote in another language: call back"
    urgent = advice_for(
        Intake(red_flags=["other_language_es_emergency"], crisis=False, status="urgent")
    )
    assert urgent.level == "call_911" and "call back now" in urgent.flags[0], urgent
