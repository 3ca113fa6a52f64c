"""Trains the Rasa model only when its inputs changed; prints the model's path.

The fingerprint covers what Rasa's own cache cannot see: our NLU components and the
extraction code they call.

Training output goes to stderr through `TrainingNoise`, which leaves out two kinds of expected
warnings and counts them in one closing line: Rasa's "The utterance 'utter_x' is not used in any
story or rule" (most responses are sent by the custom actions, by design) and deprecation
warnings raised inside installed libraries (site-packages: pkg_resources, jax, pyparsing,
SQLAlchemy). Everything else, other warnings, errors and tracebacks included, is shown as Rasa
printed it. TRAINING_WARNINGS=all shows everything. `ensure_model.py --filter` does the same
from stdin to stdout: `make run` passes each service's stderr through it.
"""

from __future__ import annotations

import codecs
import fcntl
import hashlib
import os
import re
import signal
import subprocess
import sys
from pathlib import Path
from typing import TextIO

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


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_HEADER = re.compile(r"^(?P<path>\S+\.py):\d+: (?P<category>\w+): (?P<message>.*)")
_UNUSED_RESPONSE = re.compile(r"^The utterance '[^']+' is not used in any story or rule\.\s*$")
_DEPRECATION = re.compile(r"^\w*Deprecat\w*Warning$|^MovedIn20Warning$")
_RECORD = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d |\r|Traceback|\S+Error\b|\S+Exception\b)")
_MAX_HIDDEN_LINES = 4  # a library warning is its header, its message and its source line


class TrainingNoise:
    """Filters `rasa train` output written to it (any chunks), passing the rest on to `out`.

    `write(text)` takes output as it arrives (lines may come in pieces, progress bars use \\r);
    `close()` flushes the last piece and writes the count of what was left out, if anything.
    """

    def __init__(self, out: TextIO, keep_all: bool = False) -> None:
        self.out = out
        self.keep_all = keep_all
        self.unused_responses = 0
        self.deprecations = 0
        self._buffer = ""
        self._hiding = 0  # > 0 while inside a hidden warning: how many more lines it may have

    def write(self, text: str) -> None:
        self._buffer += text
        while "\n" in self._buffer:
            line, self._buffer = self._buffer.split("\n", 1)
            self._line(line + "\n")
        cut = self._buffer.rfind("\r")
        if cut >= 0 and (not self._hiding or self._buffer.startswith("\r")):
            self._hiding = 0  # a progress bar: show it as it moves
            self.out.write(self._buffer[: cut + 1])
            self._buffer = self._buffer[cut + 1 :]
        self.out.flush()

    def close(self) -> None:
        if self._buffer:
            self._line(self._buffer)
            self._buffer = ""
        hidden = []
        if self.unused_responses:
            hidden.append(f"{_count(self.unused_responses, 'response')} sent by actions rather "
                          "than stories (`rasa data validate` lists them)")
        if self.deprecations:
            hidden.append(f"{_count(self.deprecations, 'deprecation warning')} from installed "
                          "libraries")
        if hidden:
            self.out.write(f"Left out: {'; '.join(hidden)}. TRAINING_WARNINGS=all shows them.\n")
        self.out.flush()

    def _line(self, line: str) -> None:
        plain = _ANSI.sub("", line)
        header = _HEADER.match(plain)
        if header or _RECORD.match(plain):
            self._hiding = 0
        if header and self._is_noise(header):
            self._hiding = 1 + _MAX_HIDDEN_LINES
            reset = re.match(r"^(?:\x1b\[0m)+", line)
            if reset:  # the end of the colour of the warning shown before this one
                self.out.write(reset.group(0))
        if self._hiding:
            self._hiding -= 1
            if plain.startswith((" ", "\t")) and not header:
                self._hiding = 0  # the source line ends a Python warning
            return
        self.out.write(line)

    def _is_noise(self, header: re.Match[str]) -> bool:
        if self.keep_all:
            return False
        if _UNUSED_RESPONSE.match(header["message"]):
            self.unused_responses += 1
            return True
        if _DEPRECATION.match(header["category"]) and "site-packages" in header["path"]:
            self.deprecations += 1
            return True
        return False


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def training_cache() -> Path:
    """Where Rasa keeps what it trained, shared by every checkout of this user:
    `$XDG_CACHE_HOME/pt-intake/rasa` (default `~/.cache/pt-intake/rasa`).

    Rasa keys each cached part by its component, configuration and inputs, so a fresh clone
    (CI's included) reuses the classifier and policies trained for the same data and retrains
    only what changed; our own NLU components are not trained, and their code is in the model's
    fingerprint. `RASA_CACHE_DIRECTORY` overrides the place; Rasa caps it at 1,000 MB
    (`RASA_MAX_CACHE_SIZE`)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pt-intake" / "rasa"


def _train(name: str, out_dir: Path) -> None:
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # TensorFlow's C++ info and warnings; errors stay
    env.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    env.setdefault("RASA_CACHE_DIRECTORY", str(training_cache()))
    rasa = Path(sys.executable).with_name("rasa")
    cache = Path(env["RASA_CACHE_DIRECTORY"])
    took = "about a minute" if (cache / "cache.db").exists() else "about 15 minutes, the first time"
    print(f"Training the model ({name}); {took} on two cores.", file=sys.stderr)
    argv = [
        str(rasa), "train", "--config", "config.yml", "--domain", "domain.yml", "--data", "data",
        "--out", str(out_dir), "--fixed-model-name", name,
    ]  # fmt: skip
    run_filtered(argv, env, sys.stderr)


def run_filtered(argv: list[str], env: dict[str, str], out: TextIO) -> None:
    """Runs `argv` in the project root with its stdout and stderr through `TrainingNoise` to
    `out`; raises subprocess.CalledProcessError if it exits non-zero."""
    process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)  # fmt: skip
    assert process.stdout is not None
    filter_stream(process.stdout.fileno(), out, keep_all=env.get("TRAINING_WARNINGS") == "all")
    if process.wait() != 0:
        raise subprocess.CalledProcessError(process.returncode, argv)


def filter_stream(fd: int, out: TextIO, keep_all: bool = False) -> None:
    """Copies what file descriptor `fd` gives, until its end, through `TrainingNoise` to `out`."""
    sink = TrainingNoise(out, keep_all=keep_all)
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    while chunk := os.read(fd, 65536):
        sink.write(decoder.decode(chunk))
    sink.write(decoder.decode(b"", final=True))
    sink.close()


if __name__ == "__main__":
    if sys.argv[1:] == ["--filter"]:
        # scripts/run.sh passes each service's stderr through here. Ctrl-C stops the service,
        # and this goes on to the end of its output.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        filter_stream(0, sys.stdout, keep_all=os.environ.get("TRAINING_WARNINGS") == "all")
    else:
        print(ensure_model())
