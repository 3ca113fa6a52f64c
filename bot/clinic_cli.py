"""`bot clinic check`: validate the clinic profile before anything starts."""

from __future__ import annotations

import argparse
import sys

from bot.clinic import ClinicProfileError, load_profile
from bot.settings import Settings


def register(subparsers: argparse._SubParsersAction) -> None:
    clinic = subparsers.add_parser("clinic", help="the clinic profile")
    actions = clinic.add_subparsers(dest="clinic_command", required=True)
    check = actions.add_parser("check", help="validate the profile (CLINIC_PROFILE)")
    check.add_argument("path", nargs="?", help="profile file (default: CLINIC_PROFILE)")
    check.set_defaults(func=_check)


def _check(args: argparse.Namespace) -> int:
    path = args.path or Settings.from_env().clinic_profile
    try:
        profile = load_profile(path)
    except ClinicProfileError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(
        f"{path}: {profile.name}, {len(profile.therapists)} therapists, "
        f"{len(profile.appointment_types)} appointment types, time zone {profile.timezone}"
    )
    return 0
