"""Staff screens of contests in the Wagtail admin, beside the entries
listing: the private photo preview, a contest's dashboard
(results, watch on the vote, exports, winners, image library, voter list)
and the answer to a person's access or erasure request."""
import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from . import exports, monitoring, purge, tasks
from .core.identity import normalise_email
from .forms import DataRequestForm
from .images import RENDITION_WIDTHS
from .models import ContestPage, EligibleVoter, Entry
from .photos import serve_preview
from .results import TIE_RULE, contest_results

MODERATE = "participation.change_entry"
ERASE = "participation.delete_entry"


def _require(request, permission):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def preview(request, entry_id, width):
    """Any entry's photo, for moderators (the jury has its own, on the
    front end)."""
    if not request.user.has_perm("participation.view_entry") or width not in RENDITION_WIDTHS:
        raise Http404
    return serve_preview(request, get_object_or_404(Entry, pk=entry_id), width)


# ----- contests: dashboard, exports, winners, library, voter list -----

def contest_index(request):
    _require(request, MODERATE)
    contests = ContestPage.objects.annotate(
        pending=Count("entries", filter=Q(entries__status=Entry.Status.PENDING)),
        approved=Count("entries", filter=Q(entries__status=Entry.Status.APPROVED)),
    ).order_by("-submissions_open")
    return TemplateResponse(request, "participation/admin/contest_index.html", {"contests": contests})


def contest_dashboard(request, contest_id):
    _require(request, MODERATE)
    contest = get_object_or_404(ContestPage, pk=contest_id)
    return TemplateResponse(request, "participation/admin/contest_dashboard.html", {
        "contest": contest, "results": contest_results(contest), "tie_rule": TIE_RULE,
        "connections": monitoring.shared_connections(contest), "bursts": _bursts_with_entries(contest),
        "voters": contest.eligible_voters.count(), "results_published": contest.results_published(),
        "status_counts": dict(contest.entries.values_list("status").annotate(n=Count("pk"))),
        "many_voters": monitoring.MANY_VOTERS, "burst_votes": monitoring.BURST_VOTES,
    })


def _bursts_with_entries(contest):
    found = monitoring.bursts(contest)
    titles = dict(Entry.objects.filter(pk__in=[f[0] for f in found]).values_list("pk", "title"))
    return [{"title": titles.get(entry_id, entry_id), "start": start, "votes": count}
            for entry_id, start, count in found]


def contest_export(request, contest_id, kind):
    _require(request, MODERATE)
    contest = get_object_or_404(ContestPage, pk=contest_id)
    build = {"participations": exports.entries_csv, "votes": exports.votes_csv}.get(kind)
    if build is None:
        raise Http404
    log(contest, "participation.export", user=request.user, data={"kind": kind})
    response = HttpResponse(build(contest), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{contest.slug}-{kind}.csv"'
    return response


@require_POST
def contest_action(request, contest_id, action):
    _require(request, MODERATE)
    contest = get_object_or_404(ContestPage, pk=contest_id)
    if action == "winners":
        if not contest.results_published():
            messages.error(request, _("The winners can be told once the results are published."))
        else:
            result = tasks.notify_winners.enqueue(contest.pk)
            messages.success(request, _("Winners are being notified (%(status)s).") % {"status": result.status})
    elif action == "library":
        result = tasks.copy_to_library.enqueue(contest.pk)
        messages.success(request, _("Photos are being copied to the image library (%(status)s).")
                         % {"status": result.status})
    elif action == "voters":
        added, refused = _add_voters(contest, request.POST.get("emails", ""))
        messages.success(request, _("%(added)s addresses added to the list of voters.") % {"added": added})
        if refused:
            messages.error(request, _("Not e-mail addresses: %(lines)s") % {"lines": ", ".join(refused[:20])})
    elif action == "clear-voters":
        contest.eligible_voters.all().delete()
        messages.success(request, _("The list of voters is empty."))
    else:
        raise Http404
    return redirect("participation_admin:contest", contest.pk)


def _add_voters(contest, text):
    valid, refused = [], []
    for line in text.replace(",", "\n").replace(";", "\n").splitlines():
        email = normalise_email(line)
        if not email:
            continue
        try:
            validate_email(email)
            valid.append(email)
        except ValidationError:
            refused.append(line.strip())
    existing = set(contest.eligible_voters.values_list("email", flat=True))
    new = sorted(set(valid) - existing)
    EligibleVoter.objects.bulk_create(EligibleVoter(contest=contest, email=email) for email in new)
    return len(new), refused


# ----- one person's data -----

def data_request(request):
    """Finds everything held about an address; downloads it, or erases it."""
    _require(request, MODERATE)
    form = DataRequestForm(request.POST or None)
    data = None
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        action = request.POST.get("action")
        if action == "download":
            body = json.dumps(purge.as_export(purge.held_for(email)), ensure_ascii=False, indent=2)
            response = HttpResponse(body, content_type="application/json; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="donnees-personnelles.json"'
            return response
        if action == "erase":
            _require(request, ERASE)
            counts = purge.erase(email, user=request.user)
            messages.success(request, _(
                "Erased: %(entries)s entries, %(votes)s votes, %(links)s pending links, "
                "%(voter_lists)s places on voter lists."
            ) % counts)
            return redirect("participation_admin:data_request")
        data = purge.held_for(email)
    return TemplateResponse(request, "participation/admin/data_request.html", {
        "form": form, "data": data, "can_erase": request.user.has_perm(ERASE),
    })
