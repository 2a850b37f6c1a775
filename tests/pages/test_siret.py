"""The SIRET of a site's collectivity (its identity settings): 14 digits
with a valid Luhn key, La Poste's own rule aside; a French message
otherwise."""
import pytest
from django.core.exceptions import ValidationError

from pages.models import SiteIdentity
from pages.validators import validate_siret


@pytest.mark.parametrize("siret", ["21001234500018", "20001234500027", "21860194600013", "35600000000047"])
def test_valid_sirets(siret):
    # The identity's field accepts it as typed (its validators raise otherwise).
    assert SiteIdentity._meta.get_field("siret").clean(siret, None) == siret


@pytest.mark.parametrize("siret, message", [
    ("21001234500019", "Ce SIRET n’est pas valide : vérifiez ses chiffres."),
    ("210 012 345 00018", "Un SIRET compte exactement 14 chiffres, sans espace."),
    ("2100123450001", "Un SIRET compte exactement 14 chiffres, sans espace."),
    ("２１００１２３４５０００１８", "Un SIRET compte exactement 14 chiffres, sans espace."),
])
def test_invalid_sirets_get_a_french_message(siret, message):
    with pytest.raises(ValidationError) as error:
        validate_siret(siret)
    assert error.value.messages == [message.replace(" :", "\u00a0:")]


def test_the_site_identity_refuses_a_wrong_siret(home_page):
    identity = SiteIdentity.objects.get()
    identity.siret = "21001234500019"
    with pytest.raises(ValidationError) as error:
        identity.full_clean()
    assert list(error.value.message_dict) == ["siret"]
    identity.siret = "21001234500018"
    identity.full_clean()
