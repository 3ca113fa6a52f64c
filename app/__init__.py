"""Entry points and the composition root: reads settings, builds every adapter, runs commands."""
