"""Durations said with numbers, ranges, vague words and episodes; class and stage follow."""

from __future__ import annotations

from datetime import date

import pytest

from bot.nlp import extract

TODAY = date(2026, 11, 24)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "weeks", "pain_class", "stage", "evidence"),
    [
        ("for about 4 months", 17.4, "chronic", "chronic", "for about 4 months"),
        ("three weeks", 3.0, "acute", "acute", "three weeks"),
        ("twenty one days", 3.0, "acute", "acute", "twenty one days"),
        ("twenty-one weeks", 21.0, "chronic", "chronic", "twenty-one weeks"),
        ("a week", 1.0, "acute", "acute", "a week"),
        ("a couple of months", 8.7, "acute", "subacute", "a couple of months"),
        ("a couple weeks", 2.0, "acute", "acute", "a couple weeks"),
        ("a few weeks", 3.0, "acute", "acute", "a few weeks"),
        ("a few days", 0.5, "acute", "acute", "a few days"),
        ("half a year", 26.1, "chronic", "chronic", "half a year"),
        ("a year and a half", 78.3, "chronic", "chronic", "a year and a half"),
        ("1.5 years", 78.3, "chronic", "chronic", "1.5 years"),
        ("one and a half months", 6.5, "acute", "subacute", "one and a half months"),
        ("a year and 2 months", 60.9, "chronic", "chronic", "a year and 2 months"),
        ("about 6 wks", 6.0, "acute", "subacute", "about 6 wks"),
        ("like 3 mos", 13.0, "chronic", "chronic", "like 3 mos"),
        ("nearly 2 mths", 8.7, "acute", "subacute", "nearly 2 mths"),
        ("almost 4 yrs", 208.7, "chronic", "chronic", "almost 4 yrs"),
        ("over 5 monthes", 21.7, "chronic", "chronic", "over 5 monthes"),
        ("more than a year", 52.2, "chronic", "chronic", "more than a year"),
        ("nearly a decade", 521.8, "chronic", "chronic", "nearly a decade"),
        ("2wks", 2.0, "acute", "acute", "2wks"),
        ("~3 mths", 13.0, "chronic", "chronic", "~3 mths"),
        ("It's been about 3 months now", 13.0, "chronic", "chronic", "about 3 months now"),
        ("over the past 2 weeks or so", 2.0, "acute", "acute", "over the past 2 weeks or so"),
        ("started 3 weeks ago", 3.0, "acute", "acute", "3 weeks ago"),
        ("it started about a month ago", 4.3, "acute", "acute", "about a month ago"),
        ("started 3 hours ago", 0.0, "acute", "acute", "3 hours ago"),
        ("a fortnight", 2.0, "acute", "acute", "a fortnight"),
        ("11 weeks", 11.0, "acute", "subacute", "11 weeks"),
        ("12 weeks", 12.0, "chronic", "chronic", "12 weeks"),
        ("6 weeks", 6.0, "acute", "subacute", "6 weeks"),
        ("for years", 104.0, "chronic", "chronic", "for years"),
        ("on and off for years", 104.0, "chronic", "chronic", "on and off for years"),
        ("Years.", 104.0, "chronic", "chronic", "Years"),
        ("FOR 4 MONTHS", 17.4, "chronic", "chronic", "FOR 4 MONTHS"),
    ],
)
def test_measured_durations(text: str, weeks: float, pain_class: str, stage: str, evidence: str):
    out = extract(text, TODAY).to_dict()
    assert out["duration_weeks"] == weeks
    assert out["pain_class"] == pain_class
    assert out["pain_stage"] == stage
    assert out["duration_status"] == "ok"
    assert out["evidence"]["duration"] == evidence
    assert out["duration_text"] == evidence
    assert evidence in text


@pytest.mark.parametrize(
    ("text", "weeks", "rng", "pain_class", "status"),
    [
        ("4-5 months", 19.6, [17.4, 21.7], "chronic", "ok"),
        ("4 - 5 mos", 19.6, [17.4, 21.7], "chronic", "ok"),
        ("eight or nine weeks", 8.5, [8.0, 9.0], "acute", "ok"),
        ("2 to 3 months", 10.9, [8.7, 13.0], None, "straddles"),
        ("two or three months", 10.9, [8.7, 13.0], None, "straddles"),
        ("between 2 and 3 months", 10.9, [8.7, 13.0], None, "straddles"),
        ("a month or two", 6.5, [4.3, 8.7], "acute", "ok"),
        ("a week or two", 1.5, [1.0, 2.0], "acute", "ok"),
        ("3 months to a year", 32.6, [13.0, 52.2], "chronic", "ok"),
        ("2-3 wks", 2.5, [2.0, 3.0], "acute", "ok"),
        ("It's been like 2 months maybe 3", 10.9, [8.7, 13.0], None, "straddles"),
        ("for 2 weeks to 3 weeks", 2.5, [2.0, 3.0], "acute", "ok"),
        ("11 to 12 weeks", 11.5, [11.0, 12.0], None, "straddles"),
    ],
)
def test_ranges_give_midpoint_and_range(
    text: str, weeks: float, rng: list[float], pain_class: str | None, status: str
):
    out = extract(text, TODAY).to_dict()
    assert out["duration_weeks"] == weeks
    assert out["duration_range"] == rng
    assert out["pain_class"] == pain_class
    assert out["duration_status"] == status
    if status == "straddles":
        assert out["pain_stage"] is None


@pytest.mark.parametrize(
    ("text", "pain_class", "stage", "status", "said"),
    [
        ("since I was a teenager", "chronic", "chronic", "ok", "since I was a teenager"),
        ("for ages", "chronic", "chronic", "ok", "for ages"),
        ("since high school", "chronic", "chronic", "ok", "since high school"),
        ("as long as I can remember", "chronic", "chronic", "ok", "as long as I can remember"),
        ("for decades", "chronic", "chronic", "ok", "for decades"),
        ("for days", "acute", "acute", "ok", "for days"),
        ("for weeks", "acute", None, "ok", "for weeks"),
        ("for months", None, None, "straddles", "for months"),
        ("since my surgery", None, None, "no_anchor", "since my surgery"),
        ("since the accident", None, None, "no_anchor", "since the accident"),
        ("a while", None, None, "no_anchor", "a while"),
        ("for a long time", None, None, "no_anchor", "for a long time"),
        (
            "ever since I fell down the stairs",
            None,
            None,
            "no_anchor",
            "ever since I fell down the stairs",
        ),
        ("since then", None, None, "no_anchor", "since then"),
        ("since my fall", None, None, "no_anchor", "since my fall"),
        ("since I started my new job", None, None, "no_anchor", "since I started my new job"),
    ],
)
def test_unmeasured_time(
    text: str, pain_class: str | None, stage: str | None, status: str, said: str
):
    out = extract(text, TODAY).to_dict()
    assert out["duration_weeks"] is None
    assert out["pain_class"] == pain_class
    assert out["pain_stage"] == stage
    assert out["duration_status"] == status
    assert out["duration_text"] == said


@pytest.mark.parametrize(
    "text",
    [
        "my knee hurts",
        "I go to the gym 3 times a week",
        "my 10 year old son",
        "I have an appointment in 2 weeks",
        "I can't sit for more than 20 minutes",
        "I work 5 days a week",
        "I need another 2 weeks off",
        "I run 3 miles a day",
        "I take two pills a day",
        "one day I woke up and it hurt",
        "",
        "🙂",
    ],
)
def test_no_duration(text: str):
    out = extract(text, TODAY).to_dict()
    assert out["duration_status"] == "missing"
    assert out["duration_weeks"] is None
    assert out["pain_class"] is None
    assert out["duration_text"] is None


@pytest.mark.parametrize(
    ("text", "weeks", "evidence"),
    [
        ("went away for a year but came back 2 weeks ago", 2.0, "2 weeks ago"),
        ("knee surgery 5 years ago but this new hip pain started 3 weeks ago", 3.0, "3 weeks ago"),
        ("back pain for 6 months, it got worse 2 weeks ago", 26.1, "for 6 months"),
        ("since my car accident 6 weeks ago", 6.0, "6 weeks ago"),
        ("I had a knee replacement in 2019 and now my hip hurts for 2 weeks", 2.0, "for 2 weeks"),
        (
            "it was fine for 3 years, then it started again last week",
            1.0,
            "started again last week",
        ),
        ("for years, but this time it started 10 days ago", 1.4, "10 days ago"),
        ("3 months. I saw my doctor 2 weeks ago", 13.0, "3 months"),
        # another health event's time, in a clause with no pain, is not the pain's (pass F)
        ("fainted once years ago, knee hurts 3 weeks", 3.0, "3 weeks"),
        ("I passed out last year. My back has hurt for 5 days", 0.7, "for 5 days"),
        ("had covid 2 years ago, knee pain since 3 weeks", 3.0, "since 3 weeks"),
        # ... "starting" dates the event, not the pain (review of a refactor that broke these)
        ("I had chemo starting in January. My knee hurts for 2 weeks", 2.0, "for 2 weeks"),
        ("covid starting 3 months ago, ankle sore 2 weeks", 2.0, "2 weeks"),
        # ... unless the pain is dated from it, or the clause tells an injury (review)
        ("had a stroke 2 years ago, ever since my shoulder hurts", 104.4, "2 years ago"),
        ("collapsed at work 6 weeks ago, my hip has hurt since, physio 1 week ago", 6.0,
         "6 weeks ago"),
        ("had a seizure 3 weeks ago and dislocated my shoulder, saw ortho 1 week ago", 3.0,
         "3 weeks ago"),
        ("diagnosed with tennis elbow 6 months ago, had a cortisone shot 3 weeks ago", 26.1,
         "6 months ago"),
        ("I had a stroke a year ago. my shoulder has been frozen since. saw physio 2 weeks ago",
         52.2, "a year ago"),
    ],
)
def test_current_episode_counts(text: str, weeks: float, evidence: str):
    out = extract(text, TODAY).to_dict()
    assert out["duration_weeks"] == weeks
    assert out["evidence"]["duration"] == evidence


def test_a_measured_length_beats_an_unplaceable_onset_in_the_same_answer():
    out = extract("since the accident, it's been 6 weeks", TODAY).to_dict()
    assert (out["duration_weeks"], out["duration_status"]) == (6.0, "ok")



@pytest.mark.parametrize(
    "text",
    [
        # pass H: read as 6 years, then as 10 years
        "had a basal cell skin cancer cut off my nose 6 yrs ago, and broke my wrist 10 years ago, "
        "now my right shoulder aches reaching up",
        "I fainted last week. now my lower back hurts",
        # review: "starting" dates the other event
        "chemo starting 6 months ago, shoulder aches",
        "fainting spells starting 2 years ago, knee pain",
        "I was pregnant starting in May and my hip aches",
    ],
)
def test_only_another_events_or_an_old_injurys_time_leaves_the_duration_to_ask(text: str):
    assert extract(text, TODAY).to_dict()["duration_weeks"] is None


@pytest.mark.parametrize(
    ("text", "weeks"),
    [
        ("It started when I was 8 months pregnant and my baby is 6 months old now", None),
        ("Since his hip replacement last spring. The hip is fine but now his knee hurts", 38.3),
    ],
)
def test_an_event_that_dates_the_pain_is_not_another_event(text: str, weeks: float | None):
    out = extract(text, TODAY).to_dict()
    assert out["duration_weeks"] == weeks
    assert out["duration_text"] is not None
