"""iCal feeds: the public feed of the site's public meetings, and each member's
private feed (the meetings they may see), reached by a secret, revocable
token whose hash only is stored. An unknown or revoked token answers 404."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Site

from core.links import hash_token
from pages.privacy import visible_site_pages

from . import ics
from .access import public_meetings, visible_meetings
from .models import FeedToken
from .pages import MeetingPage

HORIZON_DAYS = 400


def _response(meetings, name, description, with_agenda=lambda meeting: True):
    since = timezone.now() - timezone.timedelta(days=HORIZON_DAYS)
    meetings = (meetings.filter(start__gte=since).select_related("instance")
                .prefetch_related("agenda_items").annotate(sequence=Max("convocations__version")).order_by("start"))
    # Each meeting's link on its own site (a member's feed may list the
    # commune's and the interco's), whatever host served the feed.
    data = ics.feed(meetings, lambda m: m.get_full_url(), name, description, with_agenda)
    return HttpResponse(data, content_type="text/calendar; charset=utf-8")


def _site_name(request):
    """The name a calendar list shows for the requested site."""
    site = Site.find_for_request(request)
    return (site.site_name or site.hostname) if site else ""


def public_feed(request):
    """The public meetings of the requested site only (the commune's feed
    never lists the interco's séances). The ordre du jour goes with a
    meeting until its séance opens: an item may then be examined in a
    closed sitting, which the public feed must not name."""
    site = _site_name(request)
    return _response(
        visible_site_pages(request, public_meetings()),
        _("Meetings – %(site)s") % {"site": site},
        _("The public meetings of %(site)s: date, place and ordre du jour.") % {"site": site},
        with_agenda=lambda meeting: meeting.state == MeetingPage.State.CONVOKED,
    )


def private_feed(request, token):
    feed = FeedToken.objects.select_related("user").filter(
        token_hash=hash_token(token), revoked_at__isnull=True, user__is_active=True
    ).first()
    if feed is None:
        raise Http404
    response = _response(
        visible_meetings(feed.user), _("My meetings – %(site)s") % {"site": _site_name(request)},
        _("The meetings you are convened to or may see, with their ordre du jour. "
          "This address is personal: do not share it."),
    )
    # What a member may see: no shared cache nor the browser's disk keeps it.
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def my_calendar(request):
    """Where a member gets (or replaces, or revokes) their private feed."""
    return TemplateResponse(request, "meetings/my_calendar.html", {
        "new_url": request.session.pop("meetings_new_feed", ""),
        "has_feed": FeedToken.objects.filter(user=request.user, revoked_at__isnull=True).exists(),
        "public_url": request.build_absolute_uri(reverse("meetings:public_feed")),
    })


@login_required
@require_POST
def issue_feed(request):
    raw = FeedToken.issue(request.user)
    # Shown once, on the next page: the server keeps only its hash.
    request.session["meetings_new_feed"] = request.build_absolute_uri(reverse("meetings:private_feed", args=[raw]))
    messages.success(request, _("Your new private calendar address is ready; the previous one no longer works."))
    return redirect("meetings:my_calendar")


@login_required
@require_POST
def revoke_feed(request):
    FeedToken.objects.filter(user=request.user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    messages.success(request, _("Your private calendar address no longer works."))
    return redirect("meetings:my_calendar")
