"""The composition root's calendar links and the secret key they are signed with."""

from __future__ import annotations

import os
import stat

import pytest

from app.bootstrap import Services, build_services
from app.secret_key import SECRET_FILE_NAME, load_or_create_secret, secret_key
from bot.scheduling.links import CalendarLinks, calendar_token
from bot.settings import Settings


def test_secret_is_created_once_private_and_kept(tmp_path):
    first = load_or_create_secret(tmp_path)
    path = tmp_path / SECRET_FILE_NAME
    assert len(first) >= 48
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert load_or_create_secret(tmp_path) == first
    assert [p.name for p in tmp_path.iterdir()] == [SECRET_FILE_NAME]  # no temp file left


def test_a_short_stored_secret_is_refused(tmp_path):
    (tmp_path / SECRET_FILE_NAME).write_text("short\n")
    with pytest.raises(RuntimeError, match="too short"):
        load_or_create_secret(tmp_path)


def test_the_configured_secret_wins_and_writes_nothing(tmp_path):
    settings = Settings(var_dir=tmp_path, console_secret_key="c" * 40)
    assert secret_key(settings) == "c" * 40
    assert not (tmp_path / SECRET_FILE_NAME).exists()


def test_links_point_at_the_public_url_and_verify_only_their_booking():
    links = CalendarLinks("https://clinic.example/", "s" * 40)
    url = links.url("K7Q-4MD")
    token = calendar_token("K7Q-4MD", "s" * 40)
    assert url == f"https://clinic.example/calendar/K7Q-4MD/{token}.ics"
    assert links.verify("K7Q-4MD", token)
    assert not links.verify("ZZZ-ZZZ", token)
    assert "s" * 40 not in repr(links)


@pytest.mark.parametrize(
    ("env", "base"),
    [
        ({}, "http://localhost:8000"),
        ({"CONSOLE_PORT": "8123"}, "http://localhost:8123"),
        ({"PUBLIC_BASE_URL": "https://pt.example", "CONSOLE_PORT": "8123"}, "https://pt.example"),
    ],
)
def test_build_services_signs_links_with_the_settings(tmp_path, env, base):
    settings = Settings.from_env({**env, "VAR_DIR": str(tmp_path)})
    services = build_services(settings)
    assert services.calendar_links == CalendarLinks(base, load_or_create_secret(tmp_path))
    assert services.calendar_link("K7Q-4MD").startswith(f"{base}/calendar/K7Q-4MD/")


def test_services_without_links_say_so(tmp_path, profile):
    services = Services(Settings(var_dir=tmp_path), profile, session_factory=None)
    with pytest.raises(RuntimeError, match="calendar_links"):
        services.calendar_link("K7Q-4MD")
