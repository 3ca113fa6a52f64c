"""The crisis probe sets through the real Rasa server: who gets the crisis answer, who gets the
check, and who gets neither.

Run from the repository root:
    .venv/bin/python -m benchmarks.crisis

All three sets were written by helpers who never saw the rules. `crisis.yml` was used while
writing `bot.crisis`; `crisis_heldout.yml` was measured once unread, then its misses were read
and the rule families widened (so it is no longer held out); `crisis_heldout2.yml` was not read
before its measurement; `crisis_heldout3.yml` neither (tests/data/probes/README.md).
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

import requests
import yaml

from bot.dialogue import CRISIS_CHECK_INTENT, CRISIS_INTENT
from bot.migrate import upgrade
from scripts.ensure_model import ensure_model
from tests.e2e.harness import run_servers

ROOT = Path(__file__).resolve().parents[1]
SETS = ("crisis.yml", "crisis_heldout.yml", "crisis_heldout2.yml", "crisis_heldout3.yml")
READING = {CRISIS_INTENT: "answer", CRISIS_CHECK_INTENT: "check"}


def readings(rasa_url: str, texts: list[str]) -> list[str]:
    """`answer`, `check` or `none` for each text, from POST /model/parse."""
    out = []
    for text in texts:
        reply = requests.post(f"{rasa_url}/model/parse", json={"text": text}, timeout=30)
        reply.raise_for_status()
        out.append(READING.get(reply.json()["intent"]["name"], "none"))
    return out


def main() -> int:
    model = ensure_model()
    work = Path(tempfile.mkdtemp())
    url = f"sqlite:///{work / 'intake.db'}"
    upgrade(url)
    print("| set | kind | n | crisis answer | check | neither |\n|---|---|---:|---:|---:|---:|")
    misses: list[str] = []
    with run_servers(model, work, url) as servers:
        for name in SETS:
            probes = yaml.safe_load((ROOT / "tests/data/probes" / name).read_text())
            for kind in ("crisis", "ordinary"):
                texts = [p["text"] for p in probes if p["kind"] == kind]
                got = readings(servers.rasa_url, texts)
                count = Counter(got)
                print(f"| {name} | {kind} | {len(texts)} | {count['answer']} | "
                      f"{count['check']} | {count['none']} |")
                bad = "none" if kind == "crisis" else "answer"
                misses += [f"{name} {kind} -> {r}: {t}" for t, r in zip(texts, got, strict=True)
                           if r == bad]
    print("\nMisses (crisis with neither; ordinary declared a crisis):")
    print("\n".join(f"- {m}" for m in misses) or "- none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
