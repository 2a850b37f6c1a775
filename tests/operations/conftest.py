"""The page cache is off in the test settings (other suites change content
through the ORM); the tests of the production layer turn it on."""
import pytest


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 300
    return settings
