"""Rasa SDK actions: thin adapters between the dialogue and the `bot` domain package."""
