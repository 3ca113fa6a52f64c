"""The front desk's side of the domain: the queue and intake read models, staff accounts, notes,
follow-ups, the audit log, staff changes to bookings and the intake exports (no web framework)."""
