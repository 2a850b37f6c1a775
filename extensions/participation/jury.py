"""The jury's screens on the front end (under /participation/jury/): the
contests I judge, a contest's photos to score, one photo's scoring form, and
the photo itself. Jury members never need the Wagtail admin, whose
choosers would show them drafts, private pages and unmoderated entries, so
the Jury group gives no admin access: membership of that group opens these
screens, membership of a contest's jury opens that contest."""
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from .images import RENDITION_WIDTHS
from .models import ContestPage, Entry, JuryScore
from .photos import serve_preview
from .roles import JURY


def jury_required(view):
    """Signed in (else the sign-in page) and in the Jury group (else 404:
    nothing tells an outsider these screens exist); never cached."""
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.groups.filter(name=JURY).exists():
            raise Http404
        return view(request, *args, **kwargs)
    return never_cache(login_required(wrapped))


def _juried_contest(request, contest_id):
    contest = get_object_or_404(ContestPage, pk=contest_id)
    if not contest.has_jury or not contest.jury.filter(pk=request.user.pk).exists():
        raise Http404
    return contest


def _jury_entries(contest):
    """What the jury scores: the shortlist if the public votes on it (the
    jury made it), every approved entry otherwise."""
    return contest.approved_entries().select_related("category").order_by("category__sort_order", "gallery_order")


@jury_required
def jury_index(request):
    contests = ContestPage.objects.filter(jury=request.user).exclude(voting_mode=ContestPage.VotingMode.PUBLIC)
    return TemplateResponse(request, "participation/jury/index.html", {"contests": contests})


@jury_required
def jury_contest(request, contest_id):
    contest = _juried_contest(request, contest_id)
    scored = set(JuryScore.objects.filter(juror=request.user, entry__contest=contest)
                 .values_list("entry", flat=True).distinct())
    entries = list(_jury_entries(contest))
    for entry in entries:
        entry.scored = entry.pk in scored
    return TemplateResponse(request, "participation/jury/contest.html", {
        "contest": contest, "entries": entries, "criteria": contest.criteria.all(),
    })


def _read_scores(request, criteria):
    """{criterion: score} from the POST, or None if one is missing or out
    of range."""
    scores = {}
    for criterion in criteria:
        try:
            value = int(request.POST.get(f"criterion-{criterion.pk}", ""))
        except ValueError:
            return None
        if not 0 <= value <= criterion.max_score:
            return None
        scores[criterion] = value
    return scores


@jury_required
def jury_entry(request, contest_id, entry_id):
    """One entry to score, without its author's name or its votes."""
    contest = _juried_contest(request, contest_id)
    entry = get_object_or_404(_jury_entries(contest), pk=entry_id)
    criteria = list(contest.criteria.all())
    error = None
    if request.method == "POST":
        scores = _read_scores(request, criteria)
        if scores is None:
            error = _("Give every criterion a score between 0 and its maximum.")
        else:
            with transaction.atomic():
                for criterion, value in scores.items():
                    JuryScore.objects.update_or_create(
                        entry=entry, criterion=criterion, juror=request.user, defaults={"score": value}
                    )
            messages.success(request, _("Scores saved for “%(title)s”.") % {"title": entry.title})
            return redirect("participation:jury_contest", contest.pk)
    given = {s.criterion_id: s.score for s in JuryScore.objects.filter(entry=entry, juror=request.user)}
    for criterion in criteria:
        criterion.given = request.POST.get(f"criterion-{criterion.pk}", given.get(criterion.pk, ""))
    return TemplateResponse(request, "participation/jury/entry.html", {
        "contest": contest, "entry": entry, "criteria": criteria, "error": error,
    })


@jury_required
def jury_photo(request, entry_id, width):
    """An approved entry's photo, for the jury of its contest only."""
    entry = get_object_or_404(Entry.objects.select_related("contest"), pk=entry_id)
    if not entry.is_approved or width not in RENDITION_WIDTHS or not entry.contest.jury.filter(
            pk=request.user.pk).exists():
        raise Http404
    return serve_preview(request, entry, width)
