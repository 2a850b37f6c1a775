"""Records the msgids that Django's French translation returns untranslated.

Every string a screen shows through gettext — our templates and code,
Wagtail's, Django's, the strings Wagtail hands to its scripts
(`wagtailConfig`) — goes through `DjangoTranslation.gettext` or `ngettext`
(pgettext too: it asks gettext for « context\\x04msgid »). A msgid that no
catalogue holds is returned as it was written, in English; one that a
catalogue translates with the same word (« Documents », « Collection ») is
found in the catalogue and is not reported. Deciding by the catalogue rather
than by comparing rendered text to English avoids both mistakes.

Not covered: the strings of Wagtail's JavaScript catalogue (djangojs), and
text that is not a msgid (data such as a workflow's name, checked on its
own by the tests)."""
from contextlib import contextmanager
from unittest import mock

from django.utils.translation import trans_real

CONTEXT_SEPARATOR = "\x04"
# Msgids asked of gettext but never shown, with why. Keep it short: a msgid
# that reaches a screen belongs in a catalogue, not here.
NEVER_SHOWN = {
    # django_filters.utils.verbose_lookup_expr evaluates `_(lookup)` as the
    # default of VERBOSE_LOOKUPS.get(), whose "exact" entry is "" (shown).
    "exact",
}


class Untranslated:
    def __init__(self):
        self.msgids = set()

    def _check(self, translation, key, msgid):
        if translation.language() != "fr" or not msgid.strip() or msgid in NEVER_SHOWN:
            return
        if key not in translation._catalog and not self._in_fallback(translation, key):
            self.msgids.add(msgid)

    @staticmethod
    def _in_fallback(translation, key):
        fallback = translation._fallback
        return isinstance(fallback, trans_real.DjangoTranslation) and key in fallback._catalog


@contextmanager
def recording():
    """with recording() as found: ... then found.msgids."""
    found = Untranslated()
    gettext, ngettext = trans_real.DjangoTranslation.gettext, trans_real.DjangoTranslation.ngettext

    def recorded_gettext(self, message):
        found._check(self, message, message.split(CONTEXT_SEPARATOR)[-1])
        return gettext(self, message)

    def recorded_ngettext(self, msgid1, msgid2, n):
        found._check(self, (msgid1, 0), msgid1)
        return ngettext(self, msgid1, msgid2, n)

    with mock.patch.object(trans_real.DjangoTranslation, "gettext", recorded_gettext), \
            mock.patch.object(trans_real.DjangoTranslation, "ngettext", recorded_ngettext):
        yield found
