"""Public views of contests outside the page tree: the proof-of-work
challenge, the target of the entry form (its size checked before the body
is parsed), the e-mail links (confirm, manage one's entry, withdraw one's
vote) and the photos of approved entries; plus the gallery and entry-page
contexts that the contest page's routes render."""
import smtplib

from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from core.links import LinkError
from core.storage import private_storage
from extensions.operations.sendfile import serve_stored

from . import submissions, voting
from .core import antibot, confirmations
from .core.identity import ip_key, normalise_email
from .forms import EntryEditForm, SubmissionForm, VoteForm
from .images import RENDITION_WIDTHS
from .models import ContestPage, Entry
from .photos import ensure_rendition

# Room for the form's text fields around the photo in a multipart body.
FORM_OVERHEAD = 256 * 1024
TOO_MANY = _("Too many attempts from your connection or address. Please try again later.")
MAIL_FAILED = _("We could not send the e-mail just now. Please try again in a few minutes.")
# How long a browser may reuse a photo that moderation can still withdraw.
PHOTO_CACHE_SECONDS = 60
CLOSED = _("Entries are not accepted at the moment: see the dates of the contest.")


@require_GET
@never_cache
def challenge(request):
    return JsonResponse(antibot.new_challenge())


def _live_contest(page_id):
    contest = ContestPage.objects.live().public().filter(pk=page_id).first()
    if contest is None:
        raise Http404(_("No contest here."))
    return contest


def _render_submit(request, contest, form, error=None, status=200):
    response = contest.render_submission(request, form, error)
    response.status_code = status
    return response


@csrf_exempt  # so that nothing parses the body before its size is checked
@require_POST
def submit(request, page_id):
    contest = _live_contest(page_id)
    if not contest.accepts_submissions():
        return _render_submit(request, contest, None, CLOSED, status=403)
    limit = contest.max_file_size_mb * 1024 * 1024
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = limit + FORM_OVERHEAD + 1
    if length > limit + FORM_OVERHEAD:
        error = _("Your photo is too large: the limit is %(max)s MB.") % {"max": contest.max_file_size_mb}
        return _render_submit(request, contest, SubmissionForm(contest), error, status=413)
    if not antibot.allowed("submit-ip", ip_key(request)):
        return _render_submit(request, contest, SubmissionForm(contest), TOO_MANY, status=429)
    return _checked_submit(request, contest)


@csrf_protect
def _checked_submit(request, contest):
    form = SubmissionForm(contest, request.POST, request.FILES)
    if not antibot.allowed("submit-email", normalise_email(request.POST.get("email"))):
        return _render_submit(request, contest, form, TOO_MANY, status=429)
    if not form.is_valid():
        return _render_submit(request, contest, form)
    try:
        submissions.start(contest, form, request)
    except submissions.SendingFailed:
        return _render_submit(request, contest, form, MAIL_FAILED, status=503)
    return redirect(contest.sub_url("submission_sent"))


def _message(request, title, message, page=None, links=(), status=200, error=False):
    context = {"title": title, "message": message, "page": page, "links": links, "is_error": error}
    return TemplateResponse(request, "participation/message.html", context, status=status)


def link_error(request, exc):
    return _message(request, _("This link cannot be used"), exc.message, status=400, error=True)


@never_cache
def confirm(request, token):
    """GET shows what the link confirms, POST does it: mail scanners that
    fetch links do not confirm anything."""
    try:
        confirmation = confirmations.load(token)
        if request.method == "POST":
            outcome = confirmations.consume(confirmation, request)
            return _message(request, outcome.title, outcome.message, outcome.page, outcome.links)
    except LinkError as exc:
        return link_error(request, exc)
    except (smtplib.SMTPException, OSError):
        return _message(request, _("Please try again"), MAIL_FAILED, status=503, error=True)
    page = confirmation.page.specific if confirmation.page else None
    return TemplateResponse(request, f"participation/confirm_{confirmation.purpose}.html", {
        "confirmation": confirmation, "payload": confirmation.payload, "page": page, "contest": page,
        "button": confirmations.button_label(confirmation),
        "parental_wording": submissions.parental_wording(confirmation.payload)
        if confirmation.purpose == submissions.PARENTAL else "",
    })


@never_cache
def manage(request, token):
    """The author's page for one entry: edit it (back to moderation) while
    entries are open, or withdraw it at any time."""
    try:
        entry = submissions.entry_from_manage_token(token)
    except LinkError as exc:
        return link_error(request, exc)
    contest = entry.contest
    editable = contest.accepts_submissions()
    form = EntryEditForm(entry, initial={
        "title": entry.title, "description": entry.description, "category": entry.category_id,
    }) if editable else None
    if request.method == "POST" and request.POST.get("action") == "withdraw":
        submissions.author_withdraw(entry)
        return _message(request, _("Your entry is withdrawn"),
                        _("Your photo and your personal data have been deleted."), page=contest)
    if request.method == "POST" and editable:
        form = EntryEditForm(entry, request.POST)
        if form.is_valid():
            submissions.author_edit(entry, form.cleaned_data)
            return _message(request, _("Your entry is updated"),
                            _("It will be checked again before it appears in the gallery."), page=contest)
    return TemplateResponse(request, "participation/manage.html", {
        "entry": entry, "form": form, "page": contest, "contest": contest,
    })


@never_cache
def withdraw(request, token):
    try:
        vote = voting.vote_from_token(token)
        if request.method == "POST":
            voting.withdraw(vote)
            return _message(request, _("Your vote is withdrawn"),
                            _("It no longer counts. You may vote again while the vote is open."),
                            page=vote.contest)
    except LinkError as exc:
        return link_error(request, exc)
    return TemplateResponse(request, "participation/withdraw.html", {
        "vote": vote, "entry": vote.entry, "page": vote.contest, "contest": vote.contest,
    })


def photo(request, entry_id, width):
    """A rendition of an approved entry of a live, public contest; any
    other entry has no URL at all."""
    entry = Entry.objects.filter(
        pk=entry_id, status=Entry.Status.APPROVED, contest__in=ContestPage.objects.live().public(),
    ).first()
    if entry is None or width not in RENDITION_WIDTHS:
        raise Http404(_("No photo here."))
    response = serve_stored(request, private_storage, ensure_rendition(entry, width), "image/jpeg")
    # An approved photo can be rejected later (a complaint, a minor's
    # parent): no shared cache (proxy, CDN) may keep it, and a browser only
    # for the minute a visit through the gallery lasts.
    patch_cache_control(response, private=True, max_age=PHOTO_CACHE_SECONDS)
    return response


# ----- contexts of the contest page's routes -----

def gallery_context(contest, request, per_page):
    entries = contest.approved_entries().select_related("category").order_by("gallery_order", "pk")
    categories = list(contest.categories.all())
    selected = next((c for c in categories if str(c.pk) == request.GET.get("categorie")), None)
    if selected:
        entries = entries.filter(category=selected)
    page_obj = Paginator(entries, per_page).get_page(request.GET.get("page"))
    page_obj.object_list = list(page_obj.object_list)
    counts_visible = contest.counts_visible()
    counts = voting.vote_counts([entry.pk for entry in page_obj]) if counts_visible else {}
    for entry in page_obj:
        entry.vote_count = counts.get(entry.pk, 0)
    return {"entries": page_obj, "categories": categories, "selected_category": selected,
            "counts_visible": counts_visible}


def _neighbours(contest, entry):
    entries = contest.approved_entries().filter(category=entry.category_id)
    before = entries.filter(gallery_order__lt=entry.gallery_order).order_by("-gallery_order", "-pk").first()
    after = entries.filter(gallery_order__gt=entry.gallery_order).order_by("gallery_order", "pk").first()
    return before, after


def _vote_request(contest, entry, request):
    """(form, error, sent) for a vote asked on the entry page."""
    if request.method != "POST":
        return VoteForm(), None, False
    form = VoteForm(request.POST)
    if not antibot.allowed("vote-ip", ip_key(request)):
        return form, TOO_MANY, False
    if not form.is_valid():
        return form, None, False
    email = normalise_email(form.cleaned_data["email"])
    if not antibot.allowed("vote-email", email):
        return form, TOO_MANY, False
    try:
        voting.request_vote(contest, entry, email, request)
    except (smtplib.SMTPException, OSError):
        return form, MAIL_FAILED, False
    return form, None, True


def entry_context(contest, entry, request):
    votable = contest.accepts_votes() and contest.votable_entries().filter(pk=entry.pk).exists()
    form, error, sent = _vote_request(contest, entry, request) if votable else (None, None, False)
    previous, following = _neighbours(contest, entry)
    counts_visible = contest.counts_visible()
    return {
        "entry": entry, "votable": votable, "vote_form": form, "vote_error": error, "sent": sent,
        "vote_sent": request.GET.get("envoye") == "1", "previous": previous, "next": following,
        "counts_visible": counts_visible,
        "vote_count": entry.votes.count() if counts_visible else None,
        "vote_rule": contest.VoteLimit(contest.vote_limit).label,
    }
