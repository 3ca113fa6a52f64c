"""One implementation: the Rasa component and `bot extract` agree on the whole dev set."""

from __future__ import annotations

import json
from datetime import date
from itertools import groupby

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message

from benchmarks.extraction import SPLITS, cli_outputs, load
from components.pain_extractor import PainExtractor


def test_component_and_cli_give_identical_results_on_the_dev_set(tmp_path, monkeypatch):
    items = load("dev")
    component = PainExtractor.create(
        PainExtractor.get_default_config(),
        LocalModelStorage(tmp_path),
        Resource("pain_extractor"),
        ExecutionContext(GraphSchema({}), "test"),
    )
    via_component: dict[str, dict] = {}
    # The component dates messages by the clinic's clock: set that clock to each item's day.
    for day, group in groupby(
        sorted(items, key=lambda it: it["today"]), key=lambda it: it["today"]
    ):
        group = list(group)
        monkeypatch.setattr(
            "components.pain_extractor.today_in", lambda tz, day=day: date.fromisoformat(day)
        )
        messages = [Message(data={"text": it["text"]}) for it in group]
        component.process(messages)
        for it, message in zip(group, messages, strict=True):
            via_component[it["id"]] = message.get("pain_extraction")

    via_cli = cli_outputs(SPLITS["dev"])  # one subprocess over the whole file
    assert [out["id"] for out in via_cli] == [it["id"] for it in items]
    for out in via_cli:
        rid = out.pop("id")
        assert out == via_component[rid], rid
    assert json.dumps(via_component, sort_keys=True)  # plain JSON all the way
