"""SMS appointment reminders kept in the database, planned with bookings and sent by a worker.

The booking services call `plan_for_booking` / `cancel_for_booking` inside their transaction;
`bot reminders run` sends what is due; the console reads `bot.reminders.queries`.
"""

from bot.reminders.planning import (
    cancel_for_booking,
    in_quiet_hours,
    move_out_of_quiet_hours,
    plan_for_booking,
    reminder_times,
)
from bot.reminders.queries import (
    OptOutState,
    ReminderView,
    confirmations,
    confirmed_at,
    opt_out_state,
    opt_out_states,
    reminders_for_booking,
    reminders_for_bookings,
)

__all__ = [
    "OptOutState",
    "ReminderView",
    "cancel_for_booking",
    "confirmations",
    "confirmed_at",
    "in_quiet_hours",
    "move_out_of_quiet_hours",
    "opt_out_state",
    "opt_out_states",
    "plan_for_booking",
    "reminder_times",
    "reminders_for_booking",
    "reminders_for_bookings",
]
