"""Rasa input channels of this assistant (adapters only: the rules live in `bot`)."""
