"""First-run noise (issue 14, item 12): `scripts/ensure_model.py` leaves out Rasa's notes that
responses sent by actions are "not used in any story or rule" and deprecation warnings raised
inside installed libraries, counts them in one line, and shows everything else as printed:
other warnings, errors, tracebacks, log lines and progress bars. The sample is the shape of a
real `rasa train` run (colours included)."""

from __future__ import annotations

import importlib.util
import io
import os
import subprocess
import sys

from bot.settings import ROOT

_spec = importlib.util.spec_from_file_location("ensure_model", ROOT / "scripts/ensure_model.py")
ensure_model = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ensure_model)

SITE = "/work/main/.venv/lib/python3.10/site-packages"
YELLOW, RESET = "\x1b[93m", "\x1b[0m"


def unused(name: str) -> str:
    return (f"{YELLOW}{SITE}/rasa/shared/utils/io.py:100: UserWarning: The utterance '{name}' is "
            f"not used in any story or rule.\n{RESET}")  # fmt: skip


SAMPLE = (
    "Training the model (intake-abc); about a minute on two cores.\n"
    f"{SITE}/rasa/core/tracker_store.py:1044: MovedIn20Warning: Deprecated API features "
    "detected!\n"
    "  Base: DeclarativeMeta = declarative_base()\n"
    f"{SITE}/pkg_resources/__init__.py:3117: DeprecationWarning: Deprecated call to "
    "`pkg_resources.declare_namespace('ruamel')`.\n"
    "Implementing implicit namespace packages (as specified in PEP 420) is preferred.\n"
    "  declare_namespace(pkg)\n"
    "2026-11-29 20:08:45 INFO     rasa.cli.train  - Started validating domain and training "
    "data...\n"
    f"{YELLOW}{SITE}/rasa/shared/utils/io.py:100: UserWarning: Issue found in "
    "'data/rules/digressions.yml': \n"
    "Found intent 'faq' in stories which is not part of the domain.\n"
    "  More info at https://rasa.com/docs/rasa/stories\n"
    f"{RESET}2026-11-29 20:09:04 INFO     rasa.validator  - Validating utterances...\n"
    + unused("utter_greet") + unused("utter_summary") + unused("utter_faq")
    + "2026-11-29 20:09:04 INFO     rasa.validator  - Story structure validation...\n"
    f"{SITE}/matplotlib/fontconfig_pattern.py:66: PyparsingDeprecationWarning: 'setParseAction' "
    "deprecated - use 'set_parse_action'\n"
    "  ).setParseAction(self._family)\n"
    "/work/main/components/extractor.py:12: DeprecationWarning: old_helper is deprecated\n"
    "  old_helper()\n"
    "\rEpochs:   0%|          | 0/60\rEpochs:  50%|#####     | 30/60\rEpochs: 100%|#####| 60/60\n"
    "Traceback (most recent call last):\n"
    '  File "/work/main/components/extractor.py", line 40, in train\n'
    "ValueError: no training examples for 'pain_score'\n"
)


def filtered(text: str, chunk: int = 0, keep_all: bool = False) -> str:
    out = io.StringIO()
    noise = ensure_model.TrainingNoise(out, keep_all=keep_all)
    pieces = [text[i:i + chunk] for i in range(0, len(text), chunk)] if chunk else [text]
    for piece in pieces:
        noise.write(piece)
    noise.close()
    return out.getvalue()


def test_unused_response_notes_and_library_deprecations_are_counted_not_shown() -> None:
    out = filtered(SAMPLE)
    assert "is not used in any story or rule" not in out
    assert "MovedIn20Warning" not in out and "declarative_base" not in out
    assert "pkg_resources" not in out and "PEP 420" not in out
    assert "PyparsingDeprecationWarning" not in out and "setParseAction" not in out
    assert out.rstrip().endswith(
        "Left out: 3 responses sent by actions rather than stories (`rasa data validate` lists "
        "them); 3 deprecation warnings from installed libraries. TRAINING_WARNINGS=all shows "
        "them.")


def test_everything_else_is_shown_as_printed() -> None:
    out = filtered(SAMPLE)
    kept = [
        "Training the model (intake-abc)",
        "Started validating domain and training data",
        # another Rasa warning, with all its lines: a real problem in our data
        "UserWarning: Issue found in 'data/rules/digressions.yml'",
        "Found intent 'faq' in stories which is not part of the domain.",
        "More info at https://rasa.com/docs/rasa/stories",
        "Validating utterances...", "Story structure validation...",
        # a deprecation in our own code is ours to fix: shown
        "/work/main/components/extractor.py:12: DeprecationWarning: old_helper is deprecated",
        "  old_helper()",
        "\rEpochs:  50%|#####     | 30/60",
        "Traceback (most recent call last):",
        "ValueError: no training examples for 'pain_score'",
    ]  # fmt: skip
    for line in kept:
        assert line in out, line
    assert out.index("Traceback") < out.index("ValueError") < out.index("Left out")
    # the colour of the shown warning is still switched off after it
    assert f"{RESET}2026-11-29 20:09:04 INFO     rasa.validator  - Validating utterances" in out


def test_output_arriving_in_pieces_is_filtered_the_same() -> None:
    whole = filtered(SAMPLE)
    for size in (1, 7, 64):
        assert filtered(SAMPLE, chunk=size) == whole, size


def test_a_progress_bar_is_passed_on_before_its_line_ends() -> None:
    out = io.StringIO()
    noise = ensure_model.TrainingNoise(out)
    noise.write("\rEpochs:   0%| 0/60\rEpochs:  10%| 6/60")
    assert out.getvalue() == "\rEpochs:   0%| 0/60\r"  # the rest may still change
    noise.write("\rEpochs: 100%| 60/60\n")
    assert out.getvalue().endswith("Epochs: 100%| 60/60\n")


def test_a_warning_never_swallows_more_than_its_own_lines() -> None:
    """A library warning with no source line is followed by ordinary output: at most a few
    lines go with it, and a log line, a traceback or an error always shows."""
    text = (f"{SITE}/x.py:1: DeprecationWarning: gone\n"
            "2026-11-29 20:09:04 ERROR    rasa.engine  - Training failed\n"
            f"{SITE}/x.py:2: DeprecationWarning: gone too\n"
            "KeyError: 'slots'\n")  # fmt: skip
    out = filtered(text)
    assert "Training failed" in out and "KeyError: 'slots'" in out
    assert "gone" not in out


def test_training_warnings_all_shows_everything() -> None:
    out = filtered(SAMPLE, keep_all=True)
    assert out == SAMPLE


def test_a_failing_training_run_is_filtered_and_still_fails() -> None:
    script = (
        "import sys, warnings\n"
        f"sys.stderr.write({unused('utter_greet')!r})\n"
        "print('2026-11-29 20:09:04 INFO     rasa.validator  - Validating utterances...')\n"
        "sys.exit('ValueError: the domain is broken')\n"
    )
    out = io.StringIO()
    try:
        ensure_model.run_filtered([sys.executable, "-c", script], dict(os.environ), out)
    except subprocess.CalledProcessError as error:
        assert error.returncode == 1
    else:
        raise AssertionError("a failed training run must raise")
    text = out.getvalue()
    assert "Validating utterances" in text and "ValueError: the domain is broken" in text
    assert "utter_greet" not in text and "Left out: 1 response sent by actions" in text
