"""Runtime settings read from the environment, with safe embedded defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite:///{ROOT / 'var' / 'intake.db'}"
DEFAULT_CLINIC_PROFILE = ROOT / "config" / "clinic.yml"


@dataclass(frozen=True)
class Settings:
    """Everything the adapters need; built once by `Settings.from_env()` in bootstrap code."""

    database_url: str = DEFAULT_DATABASE_URL
    clinic_profile: Path = DEFAULT_CLINIC_PROFILE
    sms_gateway: str = "console"
    var_dir: Path = ROOT / "var"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        var_dir = Path(env.get("VAR_DIR") or ROOT / "var")
        return cls(
            database_url=env.get("DATABASE_URL") or f"sqlite:///{var_dir / 'intake.db'}",
            clinic_profile=Path(env.get("CLINIC_PROFILE") or DEFAULT_CLINIC_PROFILE),
            sms_gateway=env.get("SMS_GATEWAY") or "console",
            var_dir=var_dir,
        )
