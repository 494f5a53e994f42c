"""Dates in the center's time zone. The database keeps UTC; a day at the hall (received on, due on, the
month of an assessment, the day of a training) is a day in the center's zone: its partner's ``tz``, else
Beijing time."""
from datetime import datetime, time, timedelta

import pytz

from odoo import fields
from odoo.fields import Domain

DEFAULT_TZ = "Asia/Shanghai"


def center_tz(company):
    """The time zone of ``company`` (a res.company record, possibly empty)."""
    name = company and company.partner_id.tz or DEFAULT_TZ
    try:
        return pytz.timezone(name)
    except pytz.UnknownTimeZoneError:
        return pytz.timezone(DEFAULT_TZ)


def to_center(value, company):
    """The naive local datetime at the center for the naive UTC datetime ``value`` (None stays None)."""
    if not value:
        return None
    return pytz.utc.localize(fields.Datetime.to_datetime(value)).astimezone(center_tz(company)).replace(tzinfo=None)


def center_date(value, company):
    """The local date at the center of the naive UTC datetime ``value``."""
    local = to_center(value, company)
    return local.date() if local else None


def center_now(company):
    """The center's local time now (naive)."""
    return to_center(fields.Datetime.now(), company)


def center_today(company):
    """The center's date today."""
    return center_now(company).date()


def from_center(local, company):
    """The naive UTC datetime of the center's naive local datetime ``local``."""
    if not local:
        return None
    return center_tz(company).localize(local).astimezone(pytz.utc).replace(tzinfo=None)


def center_day_bounds(day_from, day_to, company):
    """UTC bounds [start, end) of the local days ``day_from`` to ``day_to`` included at the center."""
    start = from_center(datetime.combine(day_from, time.min), company)
    end = from_center(datetime.combine(day_to + timedelta(days=1), time.min), company)
    return start, end


def center_days(env, today=None):
    """The days a daily scan runs for, each with the ids of the centers living that day: ``[(today, None)]``
    for all when ``today`` is given or every center shares the day, else one ``(day, company_ids)`` per day."""
    if today:
        return [(today, None)]
    days = {}
    for company in env["res.company"].sudo().search([]):
        days.setdefault(center_today(company), []).append(company.id)
    if len(days) <= 1:
        return [(day, None) for day in days] or [(center_today(env.company), None)]
    return sorted(days.items())


def companies_domain(model, company_ids):
    """``model``'s records of the centers ``company_ids`` (all when None, or when it has no company)."""
    if company_ids is None or "company_id" not in model._fields:
        return Domain.TRUE
    return Domain("company_id", "in", company_ids)


def format_cn_date(day):
    """``day`` (a date) written the Chinese way of official documents (GB/T 9704-2012): 2026年12月1日."""
    if not day:
        return ""
    return f"{day.year}年{day.month}月{day.day}日"


def format_center_datetime(value, company, date_only=False, seconds=False):
    """The naive UTC datetime ``value`` at the center, written 2026年12月1日 09:30 (Beijing time whoever reads
    it: the reader's own time zone, cookie or browser play no part); a date is written as a date."""
    if not value:
        return ""
    if isinstance(value, str):
        value = fields.Datetime.to_datetime(value) if len(value) > 10 else fields.Date.to_date(value)
    if not isinstance(value, datetime):
        return format_cn_date(value)
    local = to_center(value, company)
    if date_only:
        return format_cn_date(local.date())
    return f"{format_cn_date(local.date())} {local.strftime('%H:%M:%S' if seconds else '%H:%M')}"
