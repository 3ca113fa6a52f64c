"""Fictional patients (no real people): what each said, and what the intake recorded from it.

Red flags are the intake form's own slots (those of `bot.triage.RED_FLAGS`, e.g.
`rf_bladder_bowel`) answered "Yes"; what staff see is derived from them by
`bot.triage.red_flags`, as the assistant stores it.
"""

from __future__ import annotations

from typing import Any

# Each: hours ago; the patient's words in answer to each question; the intake's fields.
PATIENTS: list[dict[str, Any]] = [
    dict(
        ago=0.6, name="Maria Gonzalez", phone="+17185550134", email="maria.g@example.com",
        opening="My lower back has been killing me, and now my right hip too",
        duration_line="It's been like this for about 4 months",
        activities_line="I can't sit at my desk for more than an hour and I don't sleep well",
        score_line="6", phone_line="718 555 0134",
        duration_text="for about 4 months", weeks=17.4, cls="chronic", stage="chronic",
        locations=[{"region": "lower_back", "side": None}, {"region": "hip", "side": "right"}],
        activities=["sitting", "work", "sleeping"], score=6, book="chronic_assessment",
        evidence={"duration": "for about 4 months", "locations": ["lower back", "right hip"],
                  "activities": ["sit at my desk", "sleep"]},
    ),
    dict(
        ago=1.5, name="Luis Herrera", phone="+13475550188", email=None,
        opening="Really bad lower back pain going down both legs since Tuesday",
        activities_line="I can barely walk", score_line="8", phone_line="347 555 0188",
        flags={"rf_bladder_bowel"},
        duration_text="since Tuesday", weeks=0.4, cls="acute", stage="acute",
        locations=[{"region": "lower_back", "side": None}, {"region": "leg", "side": "both"}],
        activities=["walking"], score=8,
        evidence={"duration": "since Tuesday", "locations": ["lower back", "both legs"],
                  "activities": ["walk"]},
    ),
    dict(
        ago=2.2, name="Aisha Khan", phone="+19175550121", email="aisha.khan@example.com",
        opening="My neck and right shoulder, about two months now",
        activities_line="typing all day is hard and I can't turn my head when I drive",
        score_line="4", phone_line="917-555-0121", callback=True,
        duration_text="about two months", weeks=8.7, cls="acute", stage="subacute",
        locations=[{"region": "neck", "side": None}, {"region": "shoulder", "side": "right"}],
        activities=["computer_use", "driving"], score=4,
        evidence={"duration": "about two months", "locations": ["neck", "right shoulder"],
                  "activities": ["typing", "turn my head when I drive"]},
    ),
    dict(
        ago=5, name="James O'Connor", phone="+16465550177", email=None,
        opening="I twisted my left knee playing soccer",
        duration_line="since last Saturday",
        activities_line="can't run and stairs hurt <a lot>", score_line="5",
        phone_line="646 555 0177", book="acute_assessment",
        duration_text="since last Saturday", weeks=0.7, cls="acute", stage="acute",
        locations=[{"region": "knee", "side": "left"}], activities=["running", "stairs"], score=5,
        evidence={"duration": "since last Saturday", "locations": ["left knee"],
                  "activities": ["run", "stairs"]},
    ),
    dict(
        ago=20, name="Kevin Walsh", phone="+17185550166", email=None,
        opening="my back, for years now",
        activities_line="I can't work anymore and I'm not sleeping",
        score_line="9. honestly some days I don't see the point of going on",
        phone_line="718 555 0166", crisis=True,
        duration_text="for years", weeks=None, cls="chronic", stage="chronic",
        locations=[{"region": "back", "side": None}], activities=["work", "sleeping"], score=9,
        evidence={"duration": "for years", "locations": ["back"], "activities": ["work"]},
    ),
    dict(
        ago=26, name="Sofia Rossi", phone="+12125550143", email="sofia.rossi@example.com",
        opening="left wrist and into my hand", duration_line="six weeks or so",
        activities_line="I can't open jars and using the mouse hurts", score_line="3",
        phone_line="212 555 0143",
        duration_text="six weeks", weeks=6.0, cls="acute", stage="subacute",
        locations=[{"region": "wrist", "side": "left"}, {"region": "hand", "side": "left"}],
        activities=["gripping", "computer_use"], score=3, reviewed=True,
        evidence={"duration": "six weeks", "locations": ["left wrist", "hand"],
                  "activities": ["open jars", "mouse"]},
    ),
    dict(
        ago=30, name="Tom Becker", phone="+13475550102", email=None,
        opening="It hurts all over",
        duration_line="since I was diagnosed with fibromyalgia years ago",
        activities_line="sleep and housework", score_line="7", phone_line="347 555 0102",
        duration_text="since I was diagnosed with fibromyalgia years ago", weeks=None,
        cls="chronic", stage="chronic", locations=[{"region": "widespread", "side": None}],
        activities=["sleeping", "housework"], score=7, reviewed=True,
        evidence={"duration": "years ago", "locations": ["all over"],
                  "activities": ["sleep", "housework"]},
    ),
    dict(
        ago=50, name="Robert Chen", phone="+17185550155", email="r.chen@example.com",
        opening="both hips ache", duration_line="about 2 years",
        activities_line="walking far and stairs", score_line="5", phone_line="718-555-0155",
        book="chronic_assessment", reviewed=True,
        duration_text="about 2 years", weeks=104.4, cls="chronic", stage="chronic",
        locations=[{"region": "hip", "side": "both"}], activities=["walking", "stairs"], score=5,
        evidence={"duration": "about 2 years", "locations": ["both hips"],
                  "activities": ["walking", "stairs"]},
    ),
    dict(
        ago=52, name="David Miller", phone="+16465550119", email=None,
        opening="between my shoulder blades", duration_line="two or three months",
        activities_line="lifting my kid", score_line="4", phone_line="646 555 0119",
        duration_text="two or three months", weeks=None, cls=None, stage=None,
        locations=[{"region": "upper_back", "side": None}], activities=["lifting"], score=4,
        evidence={"duration": "two or three months", "locations": ["between my shoulder blades"],
                  "activities": ["lifting"]},
    ),
    dict(
        ago=75, name="Emily Nguyen", phone="+19175550190", email="emily.n@example.com",
        opening="left shoulder", duration_line="5 months",
        activities_line="I can't reach up to shelves or sleep on that side", score_line="5",
        phone_line="917 555 0190", book="chronic_assessment", cancel=True, reviewed=True,
        duration_text="5 months", weeks=21.7, cls="chronic", stage="chronic",
        locations=[{"region": "shoulder", "side": "left"}],
        activities=["reaching_overhead", "sleeping"], score=5,
        evidence={"duration": "5 months", "locations": ["left shoulder"],
                  "activities": ["reach up", "sleep on that side"]},
    ),
]  # fmt: skip
