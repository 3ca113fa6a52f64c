"""Texts to patients: reminders, opt-outs, inbound keywords and confirmations, over `transport`."""
