"""Every response that quotes a clinic fact gets its value from the action that sends it.

Pass G: after 911 advice, "can i still book for tomorrow?" got "The clinic will call you None":
`callback_window` is a slot only some paths set, and the action sent the response without the
clinic's facts.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
RESPONSES = yaml.safe_load((ROOT / "domain.yml").read_text())["responses"]
# The template values of `actions.common.clinic_facts`.
CLINIC_FACTS = {"clinic_name", "clinic_phone", "clinic_address", "clinic_hours",
                "callback_window", "first_visit", "referral", "cost"}  # fmt: skip
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _facts_quoted(response: str) -> set[str]:
    names: set[str] = set()
    for variant in RESPONSES.get(response, []):
        names |= set(_PLACEHOLDER.findall(variant.get("text", ""))) & CLINIC_FACTS
    return names


def _bare_calls() -> list[tuple[str, int, str]]:
    """(file, line, response) of each `utter_message(response="...")` with no other argument."""
    found = []
    for path in sorted((ROOT / "actions").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            call = isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "utter_message"
            if not call:
                continue
            names = {k.arg for k in node.keywords}
            response = next((k.value for k in node.keywords if k.arg == "response"), None)
            if names == {"response"} and isinstance(response, ast.Constant):
                found.append((path.name, node.lineno, response.value))
    return found


def test_the_calls_are_found():
    assert len(_bare_calls()) > 20


def test_no_response_quoting_a_clinic_fact_is_sent_without_the_facts():
    missing = [(f, line, r, sorted(_facts_quoted(r))) for f, line, r in _bare_calls()
               if _facts_quoted(r)]  # fmt: skip
    assert not missing, missing
