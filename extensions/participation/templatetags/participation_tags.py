"""Template helpers of contest pages: URLs of the contest's routes, and form
widgets tied to their help text and errors (aria-describedby,
aria-invalid), so that screen readers announce both."""
from django import template

register = template.Library()


@register.simple_tag
def subpage(contest, name, *args):
    """{% subpage contest "gallery" %} is the URL of that route."""
    return contest.sub_url(name, *args)


@register.simple_tag
def described_by(field):
    """The ids that describe a field: its help text, then its errors."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_helptext")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    return " ".join(ids)


@register.simple_tag
def field_widget(field, **attrs):
    """{% field_widget form.email autocomplete="email" %}"""
    ids = described_by(field)
    if ids:
        attrs["aria-describedby"] = ids
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)
