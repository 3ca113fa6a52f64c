"""Generated conversations: simulated patients who type like people, run over REST against the
real servers and judged by the properties of issue 13 (see `tests.convgen.checks`)."""
