"""Rasa input channels of this assistant (adapters only: the rules live in `bot`).

Importing the package, as the Rasa server does for the channels in credentials.yml, also makes
Rasa stop repeating a costly schema check on every action call (channels.speedups).
"""

from channels.speedups import install as _install_speedups

_install_speedups()
