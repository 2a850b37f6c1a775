"""The délai of a convocation said in plain French for the agent, before
sending: « Séance du vendredi 7 mars à 18 h 30 : convocation au plus tard
le lundi 3 mars (3 jours francs, article L2121-11) ».

The number of days is rules.notice_days()'s; legal_basis() only names the
article behind the number it returned (rules.py, kept by the legal rules'
owners, says the law; this module says where to read it)."""
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.templatetags.french_dates import clock

from . import rules
from .workflow import circumstances, meeting_day


def legal_basis(body, circumstances, days):
    """Where the délai of `days` jours francs comes from, in words."""
    if body.kind == rules.COMMISSION:
        return _("règlement intérieur")
    if circumstances.reconvocation and days == rules.NOTICE_RECONVOCATION:
        return _("article L2121-17, new convocation after a failed quorum")
    if circumstances.urgency and days == rules.NOTICE_URGENCY:
        article = "L2121-11" if body.kind == rules.COMMUNE and not body.is_large else "L2121-12"
        return _("article %(article)s, urgency") % {"article": article}
    if body.kind == rules.EPCI:
        return _("articles L5211-1 and L2121-12")
    if not body.is_large:
        return _("article L2121-11")
    if circumstances.first_after_renewal and days == rules.NOTICE_FIRST_AFTER_RENEWAL:
        return _("article L2121-12, first meeting after the renewal")
    return _("article L2121-12")


def day_and_month(day):
    """« vendredi 7 mars », « samedi 1er mars »."""
    return formats.date_format(day, "l j\\e\\r F" if day.day == 1 else "l j F")


def latest_sending(meeting):
    """The last day the convocation may leave."""
    days = rules.notice_days(meeting.instance.body, circumstances(meeting))
    return rules.latest_sending_date(meeting_day(meeting), days), days


def statement(meeting):
    """The sentence of the confirmation screen."""
    latest, days = latest_sending(meeting)
    return _("Meeting of %(day)s at %(hour)s: convocation on %(latest)s at the latest (%(days)s, %(basis)s)") % {
        "day": day_and_month(meeting_day(meeting)), "hour": clock(meeting.start),
        "latest": day_and_month(latest),
        "days": ngettext("%(count)d clear day", "%(count)d clear days", days) % {"count": days},
        "basis": legal_basis(meeting.instance.body, circumstances(meeting), days),
    }
