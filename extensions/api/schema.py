"""The OpenAPI schema covers this API only (not Wagtail's admin API, which
is DRF too)."""
API_PREFIX = "/api/v1/"


def only_this_api(endpoints, **kwargs):
    """drf-spectacular preprocessing hook."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(API_PREFIX)]
