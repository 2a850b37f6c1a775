"""Small template helpers of the public themes: pagination ranges, event
dates in words, tables with their caption, embedded media, labels of
choices."""
from django import template
from django.utils.dateformat import format as format_date
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException

register = template.Library()


def _time(value, fmt):
    iso = value.replace(microsecond=0).isoformat()
    return format_html('<time datetime="{}">{}</time>', iso, format_date(value, fmt))


def _clock_format(value):
    # French usage: "14 h", but "14 h 30", with no-break spaces.
    return "G\u00a0\\h" if value.minute == 0 else "G\u00a0\\h\u00a0i"


@register.simple_tag
def event_dates(event):
    """When an event takes place, in the site's time zone, with <time>
    elements: "samedi 14 juin 2025, de 14 h à 18 h" or "Du ... au ...":
    {% event_dates page %}."""
    start, end = localtime(event.start), localtime(event.end)
    if start.date() == end.date():
        return format_html(
            _("{day}, from {start} to {end}"),
            day=_time(start, "l j F Y"),
            start=_time(start, _clock_format(start)),
            end=_time(end, _clock_format(end)),
        )
    return format_html(
        _("From {start} to {end}"),
        start=_time(start, "l j F Y, " + _clock_format(start)),
        end=_time(end, "l j F Y, " + _clock_format(end)),
    )


@register.simple_tag
def elided_pages(page_obj):
    """Page numbers to link to, with "…" for the gaps:
    {% elided_pages news as numbers %}."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)


@register.simple_tag(takes_context=True)
def table_with_caption(context, value):
    """Renders the table of a TableWithCaptionBlock value with the block's
    caption in its <caption>: {% table_with_caption value %}."""
    bound = value.bound_blocks["table"]
    table = dict(bound.value or {}, table_caption=value["caption"])
    return bound.block.render(table, context=context.flatten())


@register.filter
def choice_label(struct_value, name):
    """Display label of a choice field of a StructBlock value:
    {{ link.value|choice_label:"network" }} gives "LinkedIn" for "linkedin"."""
    bound = struct_value.bound_blocks[name]
    return dict(bound.block.field.choices).get(bound.value, bound.value)


@register.simple_tag
def media_embed(url):
    """The embed of a media URL as {html, title, url}, or None when the
    provider does not answer: {% media_embed value.url as media %}.

    Wagtail's own embed template wraps the player in a style="" attribute,
    which the Content-Security-Policy forbids; the theme's CSS sizes it
    instead. A player without a title gets the media's (RGAA 2.1)."""
    try:
        embed = get_embed(url)
    except EmbedException:
        return None
    title = embed.title or url
    html = embed.html
    if "<iframe" in html and " title=" not in html:
        html = html.replace("<iframe", format_html('<iframe title="{}"', title), 1)
    # The HTML comes from the provider that Wagtail's finders trust, as in
    # Wagtail's own embed rendering.
    return {"html": mark_safe(html), "title": title, "url": url}
