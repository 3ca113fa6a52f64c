"""The console's pages, one blueprint per module; the app factory registers `BLUEPRINTS`."""

from __future__ import annotations

from web.console.views import admin, api, calendar, contact, export, intake, queue, review, schedule

# A new page: a module here (or a route in one), its template, and a link in base.html.
BLUEPRINTS = (
    queue.bp,
    intake.bp,
    contact.bp,
    review.bp,
    schedule.bp,
    export.bp,
    admin.bp,
    calendar.bp,
    api.bp,
)
