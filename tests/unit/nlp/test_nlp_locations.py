"""Body regions and sides, synonyms, plurals, negation and past history."""

from __future__ import annotations

from datetime import date

import pytest

from bot.nlp import extract

TODAY = date(2026, 11, 24)


def regions(text: str) -> list[tuple[str, str | None]]:
    return [(loc["region"], loc["side"]) for loc in extract(text, TODAY).to_dict()["locations"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my back", [("back", None)]),
        ("Back.", [("back", None)]),
        ("lower back pain", [("lower_back", None)]),
        ("low back", [("lower_back", None)]),
        ("pain in my lumbar spine", [("lower_back", None)]),
        ("my lower-back", [("lower_back", None)]),
        ("between my shoulder blades", [("upper_back", None)]),
        ("my mid back", [("upper_back", None)]),
        ("thoracic", [("upper_back", None)]),
        ("my left heel", [("foot", "left")]),
        ("the arch of my foot", [("foot", None)]),
        ("my big toe", [("foot", None)]),
        ("my calf", [("lower_leg", None)]),
        ("my shins", [("lower_leg", "both")]),
        ("my fingers and thumb", [("hand", None)]),
        ("my right thumb", [("hand", "right")]),
        ("it hurts all over", [("widespread", None)]),
        ("fibromyalgia", [("widespread", None)]),
        ("both knees", [("knee", "both")]),
        ("my knees", [("knee", "both")]),
        ("the back of my right thigh", [("thigh", "right")]),
        ("the back of my knee", [("knee", None)]),
        ("right knee and left hip", [("knee", "right"), ("hip", "left")]),
        ("my left knee and my right knee", [("knee", "both")]),
        ("left and right knees", [("knee", "both")]),
        ("my neck and my right shoulder", [("neck", None), ("shoulder", "right")]),
        ("the left side of my neck", [("neck", "left")]),
        ("my hip, right side", [("hip", "right")]),
        ("headaches and jaw pain", [("head", None), ("jaw", None)]),
        ("TMJ", [("jaw", None)]),
        ("my groin and pelvis", [("groin", None), ("pelvis", None)]),
        ("my tailbone", [("pelvis", None)]),
        ("my chest and ribs", [("chest", None)]),
        ("stomach", [("abdomen", None)]),
        ("my left buttock", [("buttock", "left")]),
        ("my glutes", [("buttock", None)]),
        ("my right wrist", [("wrist", "right")]),
        ("tennis elbow", [("elbow", None)]),
        ("my forearm", [("arm", None)]),
        ("my left ankle", [("ankle", "left")]),
        ("my achilles", [("ankle", None)]),
        ("my hamstring", [("thigh", None)]),
        ("sciatica down my left leg", [("leg", "left")]),
        ("my rotator cuff", [("shoulder", None)]),
        ("my neck", [("neck", None)]),
        ("R knee", [("knee", "right")]),
        ("ache in my lower left back", [("lower_back", "left")]),
        ("both my hips and my left knee", [("hip", "both"), ("knee", "left")]),
        ("the outside of my right hip", [("hip", "right")]),
        ("MY LEFT SHOULDER!!! 😭", [("shoulder", "left")]),
        ("my lower back and left buttock", [("lower_back", None), ("buttock", "left")]),
    ],
)
def test_regions_and_sides(text: str, expected: list[tuple[str, str | None]]):
    assert regions(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my shoulder doesn't hurt, it's my elbow", [("elbow", None)]),
        ("not my shoulder, my elbow", [("elbow", None)]),
        ("it's not my knee, it's my ankle", [("ankle", None)]),
        ("my hip is fine, my knee hurts", [("knee", None)]),
        ("no pain in my back, just my neck", [("neck", None)]),
        # a symptom denied there, as at the safety questions (pass K: "Which groin?")
        ("no numbness in my groin", []),
        ("no, no numbness around my groin", []),
        ("none in my groin thankfully", []),
        ("no pain down my left leg", []),
        ("my back hurts and no tingling down my leg", [("back", None)]),
        ("no tingling into my foot", []),
        ("numbness in my groin", [("groin", None)]),
        # ... unless the message says the place hurts (review: the knee, the lower back and
        # its screen were lost)
        ("No swelling in my knee, but it hurts when I climb stairs", [("knee", None)]),
        ("there's no numbness in my lower back, just a sharp pain", [("lower_back", None)]),
        ("no tingling in my left hand, it just aches", [("hand", "left")]),
        ("no weakness in my shoulder, just pain when I lift", [("shoulder", None)]),
        ("no numbness in my hip, the problem is when I walk", [("hip", None)]),
        ("knee surgery 5 years ago but this new hip pain started 3 weeks ago", [("hip", None)]),
        ("I had knee surgery 3 months ago and it still hurts", [("knee", None)]),
    ],
)
def test_negated_and_history_mentions_are_not_locations(
    text: str, expected: list[tuple[str, str | None]]
):
    assert regions(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "it came back last week",
        "I want to get back to work",
        "on the other hand it is better",
        "I got here on foot",
        "I can't lift my arm",
        "I'm on my feet all day and it hurts",
        "I sleep on my back",
        "it came back again",
    ],
)
def test_body_words_that_are_not_pain_sites(text: str):
    assert regions(text) == []


def test_location_evidence_is_the_exact_span():
    out = extract("The pain is in my LEFT heel, and my right knee", TODAY).to_dict()
    assert out["evidence"]["locations"] == ["LEFT heel", "right knee"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Moving the head is the neck (issue 12: "turning my head when driving" read as head).
        ("it hurts turning my head when driving", [("neck", None)]),
        ("I can't tilt my head to the side without pain", [("neck", None)]),
        ("sharp pain looking over my shoulder when I reverse the car", [("neck", None)]),
        ("my head aches every afternoon", [("head", None)]),  # the head itself stays the head
        # Misspelt in a hurry (issue 12: "my nee", "lowr bak").
        ("my nee has been sore for weeks", [("knee", None)]),
        ("lowr bak pain for 3 mnths", [("lower_back", None)]),
        ("my bak is killing me", [("back", None)]),
        ("my rite nee hurts", [("knee", "right")]),  # pass L: a side makes "nee" the knee
        ("left nee and rt nee", [("knee", "both")]),  # as "left knee and rt knee"
        ("Jane Doe nee Smith", []),  # a maiden name
        ("I nee help", []),  # a typo of "need" is no knee
        ("I kneed to see someone", []),
    ],
)
def test_a_movement_or_a_typo_names_its_place(text: str, expected: list[tuple[str, str | None]]):
    assert regions(text) == expected
