"""The entry form of a bureau, built for a phone: numbers only, the
figures of the PV in its order, then one field per list or candidate. The
law's checks (rules.py) are attached to the field they concern."""
from django import forms
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import rules

PV_MAX_BYTES = 10 * 1024 * 1024
PV_TYPES = {"pdf": b"%PDF", "jpg": b"\xff\xd8\xff", "jpeg": b"\xff\xd8\xff", "png": b"\x89PNG\r\n\x1a\n"}
FIGURES = ("inscrits", "votants", "emargements", "blancs", "nuls")


def count_field(label, required=False, help_text=""):
    return forms.IntegerField(label=label, min_value=0, required=required, help_text=help_text,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}))


class ResultForm(forms.Form):
    VALIDATE, SAVE = "validate", "save"

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    participation_12h = count_field(gettext_lazy("Voters at 12 h"),
                                    help_text=gettext_lazy("Signatures counted at noon."))
    participation_17h = count_field(gettext_lazy("Voters at 17 h"),
                                    help_text=gettext_lazy("Signatures counted at 5 p.m."))
    inscrits = count_field(gettext_lazy("Registered voters"))
    emargements = count_field(gettext_lazy("Signatures on the list"))
    votants = count_field(gettext_lazy("Voters (envelopes and ballots found in the ballot box)"))
    blancs = count_field(gettext_lazy("Blank ballots"))
    nuls = count_field(gettext_lazy("Void ballots"))
    gap_reason = forms.CharField(label=gettext_lazy("Reason for a gap between voters and signatures"),
                                 required=False, widget=forms.Textarea(attrs={"rows": 2}))
    pv = forms.FileField(label=gettext_lazy("Signed PV (PDF, JPEG or PNG scan)"), required=False,
                         validators=[FileExtensionValidator(list(PV_TYPES))])
    reason = forms.CharField(label=gettext_lazy("Reason for the correction"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    action = forms.ChoiceField(choices=[(VALIDATE, VALIDATE), (SAVE, SAVE)], widget=forms.HiddenInput,
                               required=False)

    def __init__(self, *args, candidatures, validated=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidatures = list(candidatures)
        self.validated = validated
        for candidature in self.candidatures:
            self.fields[self.voix_name(candidature)] = count_field(str(candidature))
        if not validated:
            del self.fields["reason"]

    @staticmethod
    def voix_name(candidature):
        return f"voix_{candidature.panel}"

    def figure_fields(self):
        return [self[name] for name in ("inscrits", "emargements", "votants", "blancs", "nuls", "gap_reason")]

    def voix_fields(self):
        return [self[self.voix_name(c)] for c in self.candidatures]

    def participation_fields(self):
        return [self["participation_12h"], self["participation_17h"]]

    def clean_pv(self):
        upload = self.cleaned_data.get("pv")
        if not upload:
            return None
        if upload.size > PV_MAX_BYTES:
            raise forms.ValidationError(_("The PV is too large (%(size)s); at most %(max)s.") % {
                "size": filesizeformat(upload.size), "max": filesizeformat(PV_MAX_BYTES)})
        extension = upload.name.rsplit(".", 1)[-1].lower()
        head = upload.read(8)
        upload.seek(0)
        if not head.startswith(PV_TYPES[extension]):
            raise forms.ValidationError(_("This file is not a PDF, JPEG or PNG scan."))
        return upload

    def clean(self):
        data = super().clean()
        validate = data.get("action") != self.SAVE
        voix = [data.get(self.voix_name(c)) for c in self.candidatures]
        if validate:
            for name in FIGURES:
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, _("Required to validate the bureau."))
            for candidature, count in zip(self.candidatures, voix):
                if count is None and self.voix_name(candidature) not in self.errors:
                    self.add_error(self.voix_name(candidature), _("Required to validate the bureau."))
        if self.validated and not data.get("reason", "").strip():
            self.add_error("reason", _("This bureau is validated: say why you correct it (kept in the history)."))
        if self.errors:
            return data
        if all(data.get(name) is not None for name in FIGURES) and None not in voix:
            problems = rules.check_figures(voix=voix, **{name: data[name] for name in FIGURES},
                                           gap_reason=data.get("gap_reason", ""),
                                           participation_12h=data.get("participation_12h"),
                                           participation_17h=data.get("participation_17h"))
        else:
            problems = rules.check_participation(data.get("participation_12h"), data.get("participation_17h"),
                                                 data.get("emargements"), data.get("inscrits"))
        for problem in problems:
            self.add_error(None if problem.field == "voix" else problem.field, problem.message)
        return data

    def figures(self):
        return {name: self.cleaned_data.get(name) for name in
                ("participation_12h", "participation_17h", *FIGURES, "gap_reason")}

    def voix(self):
        return {c: self.cleaned_data.get(self.voix_name(c)) for c in self.candidatures}
