"""Checks of identifiers the law gives collectivities."""
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.fr import siren, siret

# The office of the contrôle de légalité, as the SCDL names it: a
# préfecture PREFNNN, a sous-préfecture SPREFNNNM, a SGAR SGARNNN; NNN is the
# département on 3 characters (038, 02A, 971), M the arrondissement.
LEGALITY_OFFICE = re.compile(r"^(PREF|SGAR)(0[0-9][0-9]|02[AB]|9[78][0-9])$|^SPREF(0[0-9][0-9]|02[AB]|9[78][0-9])[0-9]$")


def validate_siret(value):
    """A SIRET (INSEE): the 9 digits of the SIREN and the 5 of the NIC; the
    SIREN carries its own key and the SIRET one over the 14 digits (La
    Poste's establishments aside), checked by python-stdnum."""
    if len(value) != 14 or not value.isascii() or not value.isdigit():
        raise ValidationError(_("A SIRET has exactly 14 digits, without spaces."), code="format")
    if not siren.is_valid(value[:9]):
        raise ValidationError(_("The SIREN of this SIRET (its first 9 digits) is not valid: check them."),
                              code="siren")
    if not siret.is_valid(value):
        raise ValidationError(_("This SIRET is not valid: check its digits."), code="checksum")


def validate_legality_office(value):
    if not LEGALITY_OFFICE.match(value):
        raise ValidationError(_(
            "Write the office as the SCDL names it: PREF and the département on 3 characters for a préfecture "
            "(PREF038, PREF02A, PREF971), SPREF and the arrondissement's digit for a sous-préfecture (SPREF0382)."
        ), code="format")
