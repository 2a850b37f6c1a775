"""The French catalogue is complete and compiled: every msgid of our code
and templates has a French translation, and the .mo served at run time says
the same as the .po (a stale .mo would show English to users)."""
import gettext
from pathlib import Path

import polib
from django.conf import settings

CATALOGUE = Path(settings.ROOT_DIR) / "locale" / "fr" / "LC_MESSAGES"


def entries():
    return [entry for entry in polib.pofile(str(CATALOGUE / "django.po")) if not entry.obsolete]


def compiled_text(compiled, entry):
    """What the .mo gives for an entry (the plural form for plurals)."""
    if entry.msgid_plural:
        if entry.msgctxt:
            return compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 2)
        return compiled.ngettext(entry.msgid, entry.msgid_plural, 2)
    if entry.msgctxt:
        return compiled.pgettext(entry.msgctxt, entry.msgid)
    return compiled.gettext(entry.msgid)


def expected_text(entry):
    return entry.msgstr_plural[1] if entry.msgid_plural else entry.msgstr


def test_every_msgid_is_translated():
    untranslated = [e.msgid for e in entries() if not e.translated() or "fuzzy" in e.flags]
    assert untranslated == []


def test_compiled_catalogue_matches_the_po():
    with (CATALOGUE / "django.mo").open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    stale = [e.msgid for e in entries() if compiled_text(compiled, e) != expected_text(e)]
    assert stale == []
