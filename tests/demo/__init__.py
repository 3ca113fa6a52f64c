"""Demo data for screenshots, browser tests and `python -m tests.demo`: fictional patients whose
conversations use the assistant's real responses (domain.yml) and real red-flag slot names."""
