"""`python -m tests.demo`: add the demo patients to the database in DATABASE_URL (once)."""

from __future__ import annotations

from app.bootstrap import build_services
from tests.demo.seed import seed_demo


def main() -> int:
    services = build_services()
    ids = seed_demo(
        services.session_factory, services.profile, services.clock, services.calendar_link
    )
    print(f"added {len(ids)} demo intakes" if ids else "demo intakes were already there")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
