"""Intake records: what a patient told the assistant, kept for the front desk."""
