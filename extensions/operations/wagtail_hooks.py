"""Wagtail hooks of the production layer."""
from wagtail import hooks

from .page_cache import remember_cacheable_page

hooks.register("before_serve_page", remember_cacheable_page)
