"""The web adapter: the staff console (Flask) and the chat widget's server, around `bot`."""
