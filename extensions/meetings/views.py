"""Checking a file against a convocation's sealed manifest: whoever may see
the meeting uploads a file and learns whether it is, byte for byte, one
of the documents that were sent (and whether the seal holds)."""
from django.http import Http404
from django.template.response import TemplateResponse

from . import manifest
from .access import can_see_meeting
from .forms import CheckFileForm
from .models import Convocation


def check_file(request, convocation_id):
    convocation = Convocation.objects.select_related("meeting__instance").filter(pk=convocation_id).first()
    if convocation is None or not can_see_meeting(request.user, convocation.meeting):
        raise Http404
    form = CheckFileForm(request.POST or None, request.FILES or None)
    context = {"convocation": convocation, "meeting": convocation.meeting, "form": form,
               "sealed": manifest.is_sealed(convocation), "checked": False}
    if request.method == "POST" and form.is_valid():
        context.update(checked=True, match=manifest.file_matches(convocation, form.cleaned_data["file"]))
    return TemplateResponse(request, "meetings/check_file.html", context)
