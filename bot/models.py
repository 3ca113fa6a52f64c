"""Imports every feature's tables so that `Base.metadata` knows them all (Alembic, tests)."""

from bot.db import Base
from bot.frontdesk.models import ConsoleUser  # noqa: F401  (registers the front desk tables)
from bot.intake.models import Intake
from bot.messaging.choices import SmsChoice  # noqa: F401  (registers the SMS tables)
from bot.messaging.confirmations import SmsConfirmation  # noqa: F401
from bot.messaging.email.outbox import BookingEmail  # noqa: F401  (the booking emails)
from bot.messaging.models import Reminder  # noqa: F401
from bot.messaging.optout import SmsOptOut  # noqa: F401
from bot.scheduling.models import Booking  # noqa: F401  (registers the scheduling tables)
from bot.turns import HandledMessage  # noqa: F401  (registers the handled message ids)

__all__ = ["Base", "Intake"]
