"""The read-back and corrections to it."""

from __future__ import annotations

from bot.intake.summary import apply_correction, summarize
from bot.nlp import extract

KNEE = {
    "pain_locations": [{"region": "knee", "side": "right"}],
    "pain_duration": "about 4 months",
    "duration_weeks": 16.2,
    "pain_class": "chronic",
    "pain_stage": "chronic",
    "pain_activities": ["stairs", "kneeling_squatting"],
    "pain_score": 6.0,
}


def test_summary_reads_like_a_person_wrote_it():
    assert summarize(KNEE) == (
        "right knee, about 4 months, so about 16 weeks, which clinicians call chronic pain; "
        "stairs and kneeling or squatting are hard; 6 out of 10 today"
    )


def test_summary_uses_the_patients_words_for_dates():
    slots = {**KNEE, "pain_duration": "since last Christmas", "duration_weeks": 47.6}
    assert "since last Christmas, so about 48 weeks" in summarize(slots)


def test_summary_of_sides_and_unrecognised_limits():
    slots = {
        "pain_locations": [
            {"region": "knee", "side": "both"},
            {"region": "lower_back", "side": None},
        ],
        "pain_duration": "3 weeks",
        "duration_weeks": 3.0,
        "pain_class": "acute",
        "pain_activities": [],
        "activities_text": "playing guitar",
    }
    text = summarize(slots)
    assert text.startswith("both knees and lower back, about 3 weeks, which clinicians call acute")
    assert 'you said "playing guitar"' in text


def test_correction_of_the_side_only():
    updates = apply_correction("actually it's my left one", {"locations": []}, KNEE)
    assert updates == {"pain_locations": [{"region": "knee", "side": "left"}]}


def test_correction_with_a_new_place_replaces_it():
    ext = {"locations": [{"region": "knee", "side": "left"}]}
    assert apply_correction("actually it's my left knee", ext, KNEE)["pain_locations"] == [
        {"region": "knee", "side": "left"}
    ]


def test_a_place_added_without_a_side_names_it_for_the_side_question():
    """Pass I: "it's my shoulder too" at the read-back got "Which None: left, right or both?"."""
    text = "it's my shoulder too"
    updates = apply_correction(text, extract(text).to_dict(), KNEE)
    assert {"region": "shoulder", "side": None} in updates["pain_locations"]
    assert updates["side_question_region"] == "shoulder"


def test_correction_that_adds_an_activity():
    updates = apply_correction("it also hurts when I walk", {"activities": ["walking"]}, KNEE)
    assert updates["pain_activities"] == ["stairs", "kneeling_squatting", "walking"]


def test_correction_of_duration_and_score():
    ext = {
        "duration_status": "ok",
        "duration_weeks": 26.1,
        "pain_class": "chronic",
        "pain_stage": "chronic",
        "duration_text": "6 months",
    }
    assert apply_correction("more like 6 months", ext, KNEE)["duration_weeks"] == 26.1
    assert apply_correction("the pain is more like an 8", {}, KNEE) == {"pain_score": 8}


def test_correction_with_nothing_to_apply():
    assert apply_correction("hmm not sure", {}, KNEE) == {}


def test_a_start_told_as_a_time_ago_reads_as_since():
    """Pass L: "left hip, 3 years ago, so about 156 weeks" read as if the pain had stopped."""
    slots = {**KNEE, "pain_duration": "3 years ago", "duration_weeks": 156.4}
    assert "right knee, since 3 years ago, so about 156 weeks" in summarize(slots)
