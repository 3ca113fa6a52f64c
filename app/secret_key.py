"""The secret key that signs console cookies and patients' calendar links, one per installation."""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from bot.settings import Settings

SECRET_FILE_NAME = "console-secret"
MIN_SECRET_CHARS = 32


def secret_key(settings: Settings) -> str:
    """`CONSOLE_SECRET_KEY` when set, else the key kept in `<var_dir>/console-secret`.

    Raises RuntimeError or OSError as `load_or_create_secret` does.
    """
    return settings.console_secret_key or load_or_create_secret(settings.var_dir)


def load_or_create_secret(var_dir: Path) -> str:
    """The key in `var_dir/console-secret`, created on first use (mode 0600) so that restarts
    keep sessions and calendar links valid.

    The file appears complete or not at all (written aside, then hard-linked into place), so the
    console and the action server starting together agree on one key.
    Raises RuntimeError when the file holds fewer than 32 characters; OSError when `var_dir`
    cannot be written.
    """
    path = Path(var_dir) / SECRET_FILE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".console-secret-")  # mode 0600
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(secrets.token_urlsafe(48) + "\n")
            os.link(tmp, path)
        except FileExistsError:
            pass  # another process made it first: use theirs
        finally:
            os.unlink(tmp)
    key = path.read_text(encoding="utf-8").strip()
    if len(key) < MIN_SECRET_CHARS:
        raise RuntimeError(f"{path} is too short for a secret key; delete it to make a new one")
    os.chmod(path, 0o600)
    return key
