"""The licence an author grants, built from structured choices (uses,
media, territory, duration): non-exclusive, free, limited in time, and
always crediting the author. A blanket transfer of "all rights" cannot be
expressed, on purpose."""
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# The contest use is part of taking part; the others are the author's choice.
CONTEST_USE = "contest"
USES = [
    ("communication", _("the organiser's own communication about the territory")),
    ("tourism", _("promotion of the territory for tourism")),
]
USE_LABELS = dict([(CONTEST_USE, _("the contest itself (gallery, vote, results and their announcement)")), *USES])
MEDIA = [
    ("web", _("websites")),
    ("social", _("social networks")),
    ("print", _("printed matter (magazine, posters, leaflets)")),
    ("exhibition", _("exhibitions")),
]
TERRITORIES = [
    ("local", _("the territory of the member communes")),
    ("france", _("France")),
    ("world", _("the whole world (internet included)")),
]
DURATIONS = [("1", _("1 year")), ("3", _("3 years")), ("5", _("5 years"))]


def build(uses, media, territory, years, granted_at=None):
    return {
        "uses": [CONTEST_USE, *uses], "media": list(media), "territory": territory,
        "years": int(years), "granted_at": (granted_at or timezone.now()).isoformat(),
    }


def _labels(choices, keys):
    labels = dict(choices)
    return ", ".join(str(labels[key]) for key in keys if key in labels)


def until(licence):
    granted = parse_datetime(licence["granted_at"])
    try:
        return granted.replace(year=granted.year + licence["years"])
    except ValueError:  # granted on 29 February
        return granted.replace(year=granted.year + licence["years"], day=28)


def text(licence, organiser, author):
    """The licence in one paragraph, as the author accepts it and as the
    entry page shows it."""
    return str(_(
        "Non-exclusive, free licence granted by %(author)s to %(organiser)s to reproduce and show this "
        "photo for: %(uses)s; on: %(media)s; in %(territory)s; for %(duration)s, until %(until)s. "
        "The author is always credited (“© %(author)s”) and keeps all other rights."
    ) % {
        "author": author, "organiser": organiser,
        "uses": _labels(USE_LABELS.items(), licence["uses"]),
        "media": _labels(MEDIA, licence["media"]),
        "territory": _labels(TERRITORIES, [licence["territory"]]),
        "duration": ngettext("%(years)s year", "%(years)s years", licence["years"]) % {"years": licence["years"]},
        "until": formats.date_format(timezone.localtime(until(licence)), "SHORT_DATE_FORMAT"),
    })


def allows_library(licence):
    """May the communication staff use the photo beyond the contest?"""
    return "communication" in licence.get("uses", ())
