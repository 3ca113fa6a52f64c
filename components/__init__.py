"""Custom Rasa NLU components; thin adapters over the `bot` domain package."""
