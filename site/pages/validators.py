"""Checks of identifiers the law gives collectivities."""
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# La Poste's establishments share this SIREN; their SIRET follow their own
# rule (sum of the digits a multiple of 5), stated by the INSEE.
LA_POSTE_SIREN = "356000000"


def luhn_valid(digits):
    """The Luhn checksum (ISO/IEC 7812-1), which SIREN and SIRET carry."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def validate_siret(value):
    """A SIRET (INSEE): the 9 digits of the SIREN and the 5 of the NIC,
    with a Luhn checksum over the 14 digits."""
    if len(value) != 14 or not value.isascii() or not value.isdigit():
        raise ValidationError(_("A SIRET has exactly 14 digits, without spaces."), code="format")
    if value.startswith(LA_POSTE_SIREN) and value != LA_POSTE_SIREN + "00001":
        valid = sum(int(char) for char in value) % 5 == 0
    else:
        valid = luhn_valid(value)
    if not valid:
        raise ValidationError(_("This SIRET is not valid: check its digits."), code="checksum")
