"""Dates and hours written the French way in e-mails and documents:
« samedi 1er mars 2025 », « 18 h », « 18 h 30 » (no-break spaces), in the
site's time zone: {% load french_dates %}{{ meeting.start|long_date }}."""
from datetime import datetime

from django import template
from django.utils import formats, timezone

register = template.Library()


def _local(value):
    return timezone.localtime(value) if isinstance(value, datetime) and timezone.is_aware(value) else value


@register.filter
def clock(value):
    """« 18 h » on the hour, « 18 h 30 » otherwise."""
    value = _local(value)
    return formats.time_format(value, "G\u00a0\\h" if value.minute == 0 else "G\u00a0\\h\u00a0i")


@register.filter
def long_date(value):
    """« vendredi 7 mars 2025 », « samedi 1er mars 2025 »."""
    value = _local(value)
    return formats.date_format(value, "l j\\e\\r F Y" if value.day == 1 else "l j F Y")


@register.filter
def short_date(value):
    """« 7 mars 2025 », « 1er mars 2025 »."""
    value = _local(value)
    return formats.date_format(value, "j\\e\\r F Y" if value.day == 1 else "j F Y")
