"""The SIRET of a site's collectivity (its identity settings): 14 digits,
a valid SIREN key and a valid SIRET key (python-stdnum), La Poste's own
rule aside; a French message otherwise. The office of the contrôle de
légalité as open data names it."""
import pytest
from django.core.exceptions import ValidationError

from pages.models import SiteIdentity
from pages.validators import validate_siret


@pytest.mark.parametrize("siret", ["21120345000013", "20001234200016", "21860194600013", "35600000000047"])
def test_valid_sirets(siret):
    # The identity's field accepts it as typed (its validators raise otherwise).
    assert SiteIdentity._meta.get_field("siret").clean(siret, None) == siret


@pytest.mark.parametrize("siret, message", [
    ("21120345000014", "Ce SIRET n’est pas valide : vérifiez ses chiffres."),
    # Luhn-valid over 14 digits, but its SIREN's own key is wrong.
    ("21001234500018", "Le SIREN de ce SIRET (ses 9 premiers chiffres) n’est pas valide : vérifiez-les."),
    ("211 203 450 00013", "Un SIRET compte exactement 14 chiffres, sans espace."),
    ("2100123450001", "Un SIRET compte exactement 14 chiffres, sans espace."),
    ("２１００１２３４５０００１８", "Un SIRET compte exactement 14 chiffres, sans espace."),
])
def test_invalid_sirets_get_a_french_message(siret, message):
    with pytest.raises(ValidationError) as error:
        validate_siret(siret)
    assert error.value.messages == [message.replace(" :", "\u00a0:")]


def test_the_site_identity_refuses_a_wrong_siret(home_page):
    identity = SiteIdentity.objects.get()
    identity.siret = "21120345000014"
    with pytest.raises(ValidationError) as error:
        identity.full_clean()
    assert list(error.value.message_dict) == ["siret"]
    identity.siret = "21120345000013"
    identity.full_clean()


@pytest.mark.parametrize("office", ["PREF038", "PREF02A", "PREF971", "SPREF0382", "SGAR084"])
def test_legality_offices(office, home_page):
    identity = SiteIdentity.objects.get()
    identity.legality_office = office
    identity.full_clean()


@pytest.mark.parametrize("office", ["PREF38", "038", "PREF0382", "SPREF038", "pref038", "PREF2A"])
def test_a_wrong_legality_office_is_explained(office, home_page):
    identity = SiteIdentity.objects.get()
    identity.legality_office = office
    with pytest.raises(ValidationError) as error:
        identity.full_clean()
    assert "PREF038" in error.value.message_dict["legality_office"][0]
