"""Fixtures of the participation tests: a private media root per test, a
quick proof-of-work, and a contest open for entries and votes."""
import pytest

from tests.participation.helpers import make_contest


@pytest.fixture(autouse=True, scope="session")
def _private_root_for_the_session(tmp_path_factory):
    """Class-level test data (setUpTestData) is made before per-test
    fixtures run: it must not land in the repository's var/ either."""
    from django.conf import settings

    settings.PRIVATE_MEDIA_ROOT = tmp_path_factory.mktemp("private-media")


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    # A light proof-of-work keeps the suite fast; its verification is the same.
    settings.PARTICIPATION_POW_MAX_NUMBER = 500


@pytest.fixture
def contest(home_page):
    return make_contest(home_page)
