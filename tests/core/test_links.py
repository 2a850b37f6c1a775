"""core.links: one signed-token format and one LinkError for every app, and
secrets stored only as their hash."""
import pytest

from core.links import EXPIRED, INVALID, LinkError, hash_token, make_token, new_secret, read_token


def test_a_token_carries_its_value_for_its_salt_only():
    token = make_token("parvis.test", {"e": 7})
    assert read_token("parvis.test", token) == {"e": 7}
    with pytest.raises(LinkError) as error:
        read_token("parvis.other", token)
    assert error.value.message == INVALID and error.value.status == 404 and not error.value.expired


def test_an_expired_token_says_so_in_the_callers_words():
    token = make_token("parvis.test", 1)
    with pytest.raises(LinkError) as error:
        read_token("parvis.test", token, max_age=-1)
    assert error.value.expired and error.value.message == EXPIRED
    with pytest.raises(LinkError) as error:
        read_token("parvis.test", token, max_age=-1, expired="Recommencez.")
    assert str(error.value) == "Recommencez."


def test_only_the_hash_of_a_secret_is_kept():
    raw, stored = new_secret()
    assert stored == hash_token(raw) and raw not in stored and len(stored) == 64
    assert new_secret()[0] != raw
