"""Entry on election night, on the front end (/elections/saisie/): the
scrutins of the site, their bureaux with their status, and the form of one
bureau. Only the « Bureau des élections » group enters (roles.py)."""
import mimetypes
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.models import Site

from core.storage import private_storage
from extensions.operations.sendfile import serve_stored

from .entry import StaleResult, save_result
from .forms import ResultForm
from .models import BureauResult, Scrutin
from .roles import can_enter_results


def election_office(view):
    @login_required
    @never_cache
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not can_enter_results(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)
    return wrapped


def site_scrutins(request):
    site = Site.find_for_request(request)
    return Scrutin.objects.filter(site=site)


@election_office
def scrutin_list(request):
    return TemplateResponse(request, "elections/entry/scrutin_list.html", {
        "scrutins": site_scrutins(request).prefetch_related("bureaux"),
    })


@election_office
def bureau_list(request, scrutin_id):
    scrutin = get_object_or_404(site_scrutins(request), pk=scrutin_id)
    results = {r.bureau_id: r for r in scrutin.results.all()}
    return TemplateResponse(request, "elections/entry/bureau_list.html", {
        "scrutin": scrutin,
        "bureaux": [(bureau, results.get(bureau.pk)) for bureau in scrutin.bureaux.order_by("number")],
    })


def initial_of(result, bureau, candidatures):
    if result is None:
        return {"version": 0, "inscrits": bureau.inscrits}
    initial = {name: getattr(result, name) for name in
               ("participation_12h", "participation_17h", "inscrits", "votants", "emargements", "blancs", "nuls",
                "gap_reason")}
    counts = result.voix_by_candidature()
    initial.update({ResultForm.voix_name(c): counts.get(c.pk) for c in candidatures})
    initial["version"] = result.version
    return initial


@election_office
def enter_bureau(request, scrutin_id, bureau_id):
    scrutin = get_object_or_404(site_scrutins(request), pk=scrutin_id)
    bureau = get_object_or_404(scrutin.bureaux, pk=bureau_id)
    candidatures = list(scrutin.ordered_candidatures())
    result = scrutin.results.filter(bureau=bureau).first()
    validated = result is not None and result.status == BureauResult.Status.VALIDATED
    form_kwargs = {"candidatures": candidatures, "validated": validated}
    form = ResultForm(initial=initial_of(result, bureau, candidatures), **form_kwargs)
    stale = None
    if request.method == "POST":
        form = ResultForm(request.POST, request.FILES, **form_kwargs)
        try:
            if request.POST.get("version") != str(result.version if result else 0):
                raise StaleResult()  # opened before another agent's save: say so before anything else
            if form.is_valid():
                validate = form.cleaned_data["action"] != ResultForm.SAVE
                save_result(scrutin=scrutin, bureau=bureau, user=request.user, figures=form.figures(),
                            voix=form.voix(), version=form.cleaned_data["version"], validate=validate,
                            reason=form.cleaned_data.get("reason", ""), pv=form.cleaned_data["pv"])
                messages.success(request, _("Bureau %(number)s validated.") % {"number": bureau.number} if validate
                                 else _("Bureau %(number)s saved as a draft.") % {"number": bureau.number})
                return redirect("elections:bureau_list", scrutin_id=scrutin.pk)
        except StaleResult as error:
            stale = str(error)
            result = scrutin.results.filter(bureau=bureau).first()
            form = ResultForm(initial=initial_of(result, bureau, candidatures), candidatures=candidatures,
                              validated=result is not None and result.status == BureauResult.Status.VALIDATED)
    status = 409 if stale else (400 if form.is_bound and form.errors else 200)
    return TemplateResponse(request, "elections/entry/bureau_form.html", {
        "scrutin": scrutin, "bureau": bureau, "result": result, "form": form, "stale": stale,
        "corrections": result.corrections.select_related("author") if result else [],
    }, status=status)


@election_office
def signed_pv(request, scrutin_id, bureau_id):
    result = get_object_or_404(BureauResult, scrutin__in=site_scrutins(request), scrutin_id=scrutin_id,
                               bureau_id=bureau_id)
    if not result.pv:
        raise Http404
    content_type = mimetypes.guess_type(result.pv.name)[0] or "application/octet-stream"
    return serve_stored(request, private_storage, result.pv.name, content_type)
