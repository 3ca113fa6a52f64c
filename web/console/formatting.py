"""Jinja filters and globals: clinic-time dates, labels for regions, therapists and statuses."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Flask

from bot.contact import readable_phone
from bot.frontdesk.callback import flag_title
from web.console.bodychart import region_label
from web.console.db import console

STATUS_LABELS = {
    "urgent": "Urgent",
    "callback": "Call back",
    "new": "New",
    "reviewed": "Reviewed",
}
STAGE_LABELS = {"acute": "Acute", "subacute": "Subacute", "chronic": "Chronic"}


def local(value: dt.datetime | None, fmt: str = "%a %d %b %Y, %H:%M") -> str:
    """A UTC timestamp shown in the clinic's time zone."""
    if value is None:
        return ""
    return value.astimezone(console().tz).strftime(fmt)


def when(value: dt.datetime | None) -> str:
    """Short queue time: "Today 09:12", "Yesterday 17:40", or "Mon 23 Nov 09:12"."""
    if value is None:
        return ""
    ctx = console()
    stamp = value.astimezone(ctx.tz)
    today = ctx.now().astimezone(ctx.tz).date()
    if stamp.date() == today:
        return stamp.strftime("Today %H:%M")
    if stamp.date() == today - dt.timedelta(days=1):
        return stamp.strftime("Yesterday %H:%M")
    if stamp.year == today.year:
        return stamp.strftime("%a %d %b %H:%M")
    return stamp.strftime("%d %b %Y %H:%M")


def weeks(value: float | None) -> str:
    if value is None:
        return ""
    if value < 1:
        days = max(1, round(value * 7))
        return f"{days} day" + ("s" if days != 1 else "")
    rounded = round(value, 1)
    text = f"{rounded:g}"
    return f"{text} week" + ("" if rounded == 1 else "s")


def location_label(loc: dict[str, Any]) -> str:
    name = region_label(str(loc.get("region") or "unknown"))
    side = loc.get("side")
    return (
        f"{name}, {side}"
        if side in ("left", "right")
        else (f"{name}, both sides" if side == "both" else name)
    )


def therapist_name(therapist_id: str) -> str:
    therapist = console().profile.therapist(therapist_id)
    return therapist.name if therapist else therapist_id


def appointment_type_name(type_id: str) -> str:
    for appointment_type in console().profile.appointment_types:
        if appointment_type.id == type_id:
            return appointment_type.name
    return type_id


def label(value: str | None) -> str:
    return (value or "").replace("_", " ").capitalize()


def red_flag_label(value: str | None) -> str:
    """A stored red-flag label as staff read it (`bot.frontdesk.callback.flag_title`: category,
    label and advice); a label no table knows, as `label` writes it."""
    return flag_title(value or "") if value else ""


def dict_without(values: dict, key: str) -> dict:
    return {k: v for k, v in values.items() if k != key}


def init_app(app: Flask) -> None:
    app.add_template_filter(local)
    app.add_template_filter(when)
    app.add_template_filter(weeks)
    app.add_template_filter(location_label)
    app.add_template_filter(therapist_name)
    app.add_template_filter(appointment_type_name)
    app.add_template_filter(label)
    app.add_template_filter(region_label)
    app.add_template_filter(dict_without)
    app.add_template_filter(red_flag_label)
    app.add_template_filter(readable_phone)

    @app.context_processor
    def _globals() -> dict:
        ctx = console()
        return {
            "clinic": ctx.profile,
            "status_labels": STATUS_LABELS,
            "stage_labels": STAGE_LABELS,
            "tz_name": ctx.profile.timezone,
        }
