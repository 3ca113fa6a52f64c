.PHONY: run run-production test lint model migrate export clean

run:  ## set up what is missing, then run the assistant, action server and console
	scripts/run.sh

run-production:  ## the same on PostgreSQL and Redis, two Rasa servers behind nginx (docs/deploy.md)
	RUN_PROFILE=production scripts/run.sh

test:  ## set up what is missing, then run every test layer
	scripts/test.sh

lint:
	.venv/bin/ruff check .

model:  ## train the Rasa model if its inputs changed
	.venv/bin/python scripts/ensure_model.py

migrate:
	.venv/bin/bot db upgrade

export:
	.venv/bin/bot intakes export --format jsonl

clean:
	rm -rf models var .pytest_cache
