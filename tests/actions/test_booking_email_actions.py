"""The booking emails through the actions: the console gateway writes one .eml per message to
var/mail-outbox/, and a gateway that fails never costs the patient the booking."""

from __future__ import annotations

import email
import logging
from email.policy import default as default_policy
from pathlib import Path

import pytest

from actions.manage import ActionCancelBooking
from app.bootstrap import MAIL_OUTBOX_NAME, Services, make_mail_gateway
from bot import scheduling
from bot.db import unit_of_work
from bot.messaging.email.gateway import OutgoingEmail
from bot.messaging.email.outbox import PENDING, BookingEmail
from bot.scheduling.conversation import make_offer
from tests.actions.conftest import make_tracker
from tests.actions.test_booking_actions import NOW, _finish_form, _offer

ADDRESS = "sam.rivera@example.org"


def _with_gateway(svc: Services, gateway) -> Services:  # noqa: ANN001
    return Services(
        svc.settings,
        svc.profile,
        svc.session_factory,
        lambda: NOW,
        calendar_links=svc.calendar_links,
        mail_gateway=gateway,
    )


@pytest.fixture
def mailing(services, tmp_path, monkeypatch):  # noqa: ANN001
    from actions import services as action_services
    from bot.settings import Settings

    settings = Settings(database_url=services.settings.database_url, var_dir=tmp_path)
    svc = _with_gateway(services, make_mail_gateway(settings))
    svc.settings = settings
    action_services.configure(svc)
    return svc


async def _book(svc: Services, domain, dispatcher) -> dict:  # noqa: ANN001
    base = {"pain_class": "chronic", "booking_preference": "mornings"}
    offered = await _offer(domain, dispatcher, base)
    details = {
        **base,
        "booking_slot": offered[0],
        "patient_name": "Sam Rivera",
        "phone": "+17185550142",
        "booking_email": ADDRESS,
    }
    await _finish_form(domain, dispatcher, details)
    confirmation = dispatcher.messages[-1]
    assert confirmation["response"] == "utter_booking_confirmed"
    return confirmation


def _outbox(svc: Services) -> list[email.message.EmailMessage]:
    folder: Path = svc.settings.var_dir / MAIL_OUTBOX_NAME
    return [
        email.message_from_bytes(path.read_bytes(), policy=default_policy)
        for path in sorted(folder.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns)
    ]


async def test_booking_and_cancel_write_emails_to_the_outbox(mailing, domain, dispatcher, caplog):
    with caplog.at_level(logging.INFO):
        confirmation = await _book(mailing, domain, dispatcher)
        slots = {
            "manage_action": "cancel",
            "booking_code": confirmation["code"],
            "phone": "+17185550142",
        }
        await ActionCancelBooking().run(
            dispatcher, make_tracker(domain, "yes", "affirm", slots), domain
        )
    assert dispatcher.messages[-1]["response"] == "utter_booking_cancelled"
    booked, cancelled = _outbox(mailing)
    assert booked["To"] == ADDRESS and cancelled["To"] == ADDRESS
    body = booked.get_body(preferencelist=("plain",)).get_content()
    assert confirmation["code"] in body and confirmation["ics_url"] in body
    assert [p.get_filename() for p in booked.iter_attachments()] == [
        f"appointment-{confirmation['code']}.ics"
    ]
    assert "Cancelled" in cancelled["Subject"]
    ours = [r.getMessage() for r in caplog.records if r.name.startswith("bot.messaging.email")]
    assert len(ours) == 2 and all(ADDRESS not in line for line in ours)
    assert all(r.levelno == logging.INFO for r in caplog.records if r.name.startswith("bot."))


class BrokenGateway:
    name = "broken"

    def send(self, message: OutgoingEmail) -> None:
        raise RuntimeError("the mail library blew up")


async def test_a_failing_gateway_never_loses_the_booking(services, domain, dispatcher, caplog):
    from actions import services as action_services

    svc = _with_gateway(services, BrokenGateway())
    action_services.configure(svc)
    with caplog.at_level(logging.WARNING):
        confirmation = await _book(svc, domain, dispatcher)
    found = scheduling.find_booking(svc.session_factory, confirmation["code"], "+17185550142")
    assert found is not None and found.is_booked
    with unit_of_work(svc.session_factory) as session:
        rows = [(row.status, row.attempts, row.last_error) for row in session.query(BookingEmail)]
    assert rows == [(PENDING, 1, "unexpected RuntimeError")]  # to retry, not lost
    assert any("not sent" in r.getMessage() for r in caplog.records)
    assert make_offer(svc, "chronic", "mornings", "other").keys  # the service still works
