"""The Rasa component runs the same `bot.nlp` code and puts its result into the parse data."""

from __future__ import annotations

from datetime import date

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message

from bot.nlp import extract
from bot.settings import ROOT
from components.pain_extractor import PainExtractor


@pytest.fixture
def component(tmp_path, monkeypatch) -> PainExtractor:
    monkeypatch.setattr("components.pain_extractor.today_in", lambda tz: date(2026, 11, 24))
    return PainExtractor.create(
        PainExtractor.get_default_config(),
        LocalModelStorage(tmp_path),
        Resource("pain_extractor"),
        ExecutionContext(GraphSchema({}), "test"),
    )


def entities(message: Message) -> list[tuple[str, str, str]]:
    text = message.get("text")
    return [(e["entity"], e["value"], text[e["start"] : e["end"]]) for e in message.get("entities")]


def test_entities_and_parse_data(component: PainExtractor):
    text = "my left heel hurts since last Christmas and I can't walk"
    message = Message(data={"text": text})
    component.process([message])
    assert entities(message) == [
        ("side", "left", "left"),
        ("body_region", "foot", "heel"),
        ("duration", "since last Christmas", "since last Christmas"),
        ("activity", "walking", "walk"),
    ]
    assert all(e["extractor"] == "PainExtractor" for e in message.get("entities"))
    assert all("role" not in e for e in message.get("entities"))
    assert message.get("pain_extraction") == extract(text, date(2026, 11, 24)).to_dict()
    parse_data = message.as_dict(only_output_properties=True)
    assert parse_data["pain_extraction"]["duration_weeks"] == 47.7
    assert parse_data["pain_extraction"]["pain_class"] == "chronic"


@pytest.mark.parametrize(
    "text",
    [
        "both knees for 2 weeks, stairs kill me",
        "not my shoulder, my elbow, since the accident",
        "two or three months, low back, can't sit through work",
        "hello",
    ],
)
def test_pain_extraction_matches_extract(component: PainExtractor, text: str):
    messages = [Message(data={"text": text}), Message(data={"text": text.upper()})]
    component.process(messages)
    for message in messages:
        assert (
            message.get("pain_extraction")
            == extract(message.get("text"), date(2026, 11, 24)).to_dict()
        )
        assert "pain_extraction" in message.as_dict(only_output_properties=True)


def test_plural_side_points_at_the_region(component: PainExtractor):
    message = Message(data={"text": "my knees, for 2 weeks"})
    component.process([message])
    assert entities(message) == [
        ("body_region", "knee", "knees"),
        ("side", "both", "knees"),
        ("duration", "for 2 weeks", "for 2 weeks"),
    ]


def test_existing_entities_are_kept(component: PainExtractor):
    other = {"entity": "name", "value": "Ann", "start": 0, "end": 3, "extractor": "DIET"}
    message = Message(data={"text": "Ann, my neck", "entities": [other]})
    component.process([message])
    assert message.get("entities")[0] == other
    assert ("body_region", "neck", "neck") in entities(message)


def test_messages_without_text_are_left_alone(component: PainExtractor):
    message = Message(data={"intent": {"name": "greet"}})
    component.process([message])
    assert message.get("pain_extraction") is None


def test_timezone_comes_from_config_then_the_clinic_profile(monkeypatch, tmp_path):
    profile = tmp_path / "clinic.yml"
    text = (ROOT / "config" / "clinic.yml").read_text()
    profile.write_text(text.replace("timezone: America/New_York", "timezone: Europe/Berlin"))
    monkeypatch.setenv("CLINIC_PROFILE", str(profile))
    monkeypatch.setenv("CLINIC_TZ", "America/Denver")  # no longer read: the profile decides
    context = ExecutionContext(GraphSchema({}), "test")
    made = PainExtractor.create({}, LocalModelStorage(tmp_path), Resource("p"), context)
    assert made._timezone() == "Europe/Berlin"
    made = PainExtractor.create(
        {"timezone": "Europe/London"}, LocalModelStorage(tmp_path), Resource("p"), context
    )
    assert made._timezone() == "Europe/London"
