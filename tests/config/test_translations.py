"""The French catalogues are complete and compiled: every msgid of our code
and templates has a French translation, and the .mo served at run time says
the same as the .po (a stale .mo would show English to users).

The project's catalogue sits in locale/; an extension may own its catalogue
in its own locale/ folder (makemessages run from the project root routes
each file to the nearest one)."""
import gettext
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.ROOT_DIR)
CATALOGUES = sorted(
    [ROOT / "locale" / "fr" / "LC_MESSAGES"]
    + list(ROOT.glob("extensions/*/locale/fr/LC_MESSAGES"))
    + list(ROOT.glob("site/*/locale/fr/LC_MESSAGES"))
)


def entries(catalogue):
    return [entry for entry in polib.pofile(str(catalogue / "django.po")) if not entry.obsolete]


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


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_msgid_is_translated(catalogue):
    untranslated = [e.msgid for e in entries(catalogue) if not e.translated() or "fuzzy" in e.flags]
    assert untranslated == []


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_compiled_catalogue_matches_the_po(catalogue):
    with (catalogue / "django.mo").open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    stale = [e.msgid for e in entries(catalogue) if compiled_text(compiled, e) != expected_text(e)]
    assert stale == []
