"""Trains the Rasa model only when its inputs changed; prints the model's path.

The fingerprint covers what Rasa's own cache cannot see: our NLU components and the
extraction code they call.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INPUTS = [
    "config.yml", "domain.yml", "data", "components", "bot/nlp", "bot/triage.py", "bot/dialogue.py",
    "bot/intake/control_words.py",
]


def fingerprint(root: Path = ROOT) -> str:
    digest = hashlib.sha256()
    for name in INPUTS:
        path = root / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.suffix in (".pyc",) or "__pycache__" in file.parts:
                continue
            digest.update(str(file.relative_to(root)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


def ensure_model(out_dir: Path = ROOT / "models") -> Path:
    name = f"intake-{fingerprint()}"
    model = out_dir / f"{name}.tar.gz"
    if model.exists():
        return model
    out_dir.mkdir(parents=True, exist_ok=True)
    # Several test runs may ask for the same model at once: one trains, the others wait for it.
    with open(out_dir / ".training.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not model.exists():
            _train(name, out_dir)
    return model


def _train(name: str, out_dir: Path) -> None:
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
    rasa = Path(sys.executable).with_name("rasa")
    print(f"Training the model ({name}); about a minute on two cores.", file=sys.stderr)
    subprocess.run(
        [
            str(rasa),
            "train",
            "--config",
            "config.yml",
            "--domain",
            "domain.yml",
            "--data",
            "data",
            "--out",
            str(out_dir),
            "--fixed-model-name",
            name,
        ],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=sys.stderr,
    )


if __name__ == "__main__":
    print(ensure_model())
