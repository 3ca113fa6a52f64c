"""Rasa NLU component: runs `bot.nlp` on each message; adds entities and `pain_extraction`."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.clinic import load_profile
from bot.nlp import Extraction, extract_batch, today_in
from bot.settings import Settings

PAIN_EXTRACTION = "pain_extraction"  # the parse-data key actions read (actions/common.py)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class PainExtractor(GraphComponent, EntityExtractorMixin):
    """Pain duration, body regions and limited activities, the same code as `bot extract`."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        # None: the clinic profile's zone (CLINIC_PROFILE), read when the server runs, so a
        # trained model is not tied to one clinic.
        return {"timezone": None}

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> PainExtractor:
        return cls({**cls.get_default_config(), **config})

    def __init__(self, config: Dict[str, Any]) -> None:
        self._config = config
        self._zone: str | None = config.get("timezone") or None

    def _timezone(self) -> str:
        """The configured `timezone`, else the clinic profile's (loaded once, on first use).

        Raises ClinicProfileError when the profile is needed and cannot be loaded.
        """
        if self._zone is None:
            self._zone = load_profile(Settings.from_env().clinic_profile).timezone
        return self._zone

    def process(self, messages: List[Message]) -> List[Message]:
        today = today_in(self._timezone())
        todo = [m for m in messages if isinstance(m.get(TEXT), str)]
        extractions = extract_batch([(m.get(TEXT), today) for m in todo])
        for message, extraction in zip(todo, extractions, strict=True):
            entities = self.add_extractor_name(entities_for(extraction))
            message.set(ENTITIES, message.get(ENTITIES, []) + entities, add_to_output=True)
            message.set(PAIN_EXTRACTION, extraction.to_dict(), add_to_output=True)
        return messages


def _entity(kind: str, value: str, start: int, end: int) -> Dict[str, Any]:
    return {
        ENTITY_ATTRIBUTE_TYPE: kind,
        ENTITY_ATTRIBUTE_VALUE: value,
        ENTITY_ATTRIBUTE_START: start,
        ENTITY_ATTRIBUTE_END: end,
    }


def entities_for(extraction: Extraction) -> List[Dict[str, Any]]:
    """Rasa entities for an extraction: body_region (+ side), activity and duration."""
    entities = []
    for loc in extraction.locations:
        term = loc.term or loc.span
        entities.append(_entity("body_region", loc.region, term.start, term.end))
        if loc.side is not None:
            # Without a side word ("my knees" -> both) the side points at the region words.
            where = loc.side_span or loc.span
            entities.append(_entity("side", loc.side, where.start, where.end))
    for act in extraction.activities:
        entities.append(_entity("activity", act.name, act.span.start, act.span.end))
    if extraction.duration is not None:
        d = extraction.duration
        entities.append(_entity("duration", d.text, d.start, d.end))
    return sorted(entities, key=lambda e: (e[ENTITY_ATTRIBUTE_START], e[ENTITY_ATTRIBUTE_TYPE]))
