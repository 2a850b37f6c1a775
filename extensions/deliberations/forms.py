"""Forms of the secretary's console, the procès-verbal and act screens, and
the public « demander une copie papier » form."""
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from extensions.meetings.pages import MeetingPage

from . import rules
from .models import Deliberation, Vote
from .nomenclature import CHOICES, NOMENCLATURE


def _label(user):
    return user.get_full_name() or user.get_username()


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _label(obj)


class MembersChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return _label(obj)


class OpeningForm(forms.Form):
    """The opening: who presides, the secretaries (L2121-15), and the
    council's ruling on the urgency when the convocation invoked it: for
    the whole ordre du jour, or accepted except for some items."""

    president = MemberChoiceField(label=_("President of the séance"), queryset=None)
    secretaries = MembersChoiceField(label=_("Secrétaire(s) de séance"), queryset=None,
                                     widget=forms.CheckboxSelectMultiple)
    urgency_accepted = forms.TypedChoiceField(
        label=_("The council's ruling on the urgency"), required=False, coerce=lambda v: v == "yes",
        choices=[("yes", _("urgency accepted")), ("no", _("urgency rejected"))], widget=forms.RadioSelect,
    )
    urgency_rejected = forms.ModelMultipleChoiceField(
        label=_("Items for which the urgency is rejected"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("When the urgency is accepted for part of the ordre du jour only: these items are postponed."),
    )

    def __init__(self, *args, members, deliberations, urgency, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = get_user_model().objects.filter(pk__in=[m.pk for m in members]).order_by("last_name", "first_name")
        self.fields["president"].queryset = queryset
        self.fields["secretaries"].queryset = queryset
        if urgency:
            self.fields["urgency_accepted"].required = True
            self.fields["urgency_rejected"].queryset = deliberations
            self.fields["urgency_rejected"].label_from_instance = lambda d: f"{d.position}. {d.title}"
        else:
            del self.fields["urgency_accepted"], self.fields["urgency_rejected"]


class ItemForm(forms.ModelForm):
    """What the secretary records on an item before its vote (the members
    withdrawn for a personal interest have their own toggles)."""

    matiere_code = forms.ChoiceField(label=_("Subject (nomenclature Actes)"), choices=CHOICES, required=False)
    huis_clos_requests = forms.IntegerField(label=_("Members asking for a closed sitting"), min_value=0,
                                            required=False, initial=0)
    huis_clos_by_president = forms.BooleanField(label=_("Asked by the maire / the president"), required=False)
    huis_clos_votes_for = forms.IntegerField(label=_("Votes for the closed sitting"), min_value=0, required=False,
                                             initial=0)

    class Meta:
        model = Deliberation
        fields = ["text", "report", "discussion", "matiere_code", "budget_year", "budget_name", "public_requests",
                  "secret_requests", "nomination", "huis_clos"]
        widgets = {"report": forms.Textarea(attrs={"rows": 4}), "text": forms.Textarea(attrs={"rows": 6}),
                   "discussion": forms.Textarea(attrs={"rows": 4})}

    # What the vote depends on: fixed once the item is dealt with.
    BEFORE_THE_VOTE = ["public_requests", "secret_requests", "nomination", "huis_clos", "huis_clos_requests",
                       "huis_clos_by_president", "huis_clos_votes_for"]

    def __init__(self, *args, present_or_represented=0, epci=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.present_or_represented = present_or_represented
        self.epci = epci
        if self.instance.status != Deliberation.Status.PENDING:
            for name in self.BEFORE_THE_VOTE:
                del self.fields[name]

    def clean(self):
        cleaned = super().clean()
        # Open data (SCDL BUDGET_ANNEE and BUDGET_NOM) names a budget by both.
        if bool(cleaned.get("budget_year")) != bool(cleaned.get("budget_name")):
            missing = "budget_name" if cleaned.get("budget_year") else "budget_year"
            self.add_error(missing, _("Give the budget's year and its name together (e.g. 2026, « Budget principal »)."))
        if cleaned.get("huis_clos") and not self.instance.huis_clos:
            requests = cleaned.get("huis_clos_requests") or 0
            by_president = cleaned.get("huis_clos_by_president")
            if not rules.huis_clos_request_valid(requests, by_president, self.epci):
                self.add_error("huis_clos_requests", _(
                    "A closed sitting is asked by %(count)d members or by the president (L2121-18)."
                ) % {"count": 5 if self.epci else 3})
            elif not rules.huis_clos_decided(cleaned.get("huis_clos_votes_for") or 0, self.present_or_represented):
                self.add_error("huis_clos_votes_for", _(
                    "The closed sitting needs the absolute majority of the %(count)d members present or "
                    "represented (L2121-18)."
                ) % {"count": self.present_or_represented})
        return cleaned

    def save(self, commit=True):
        deliberation = super().save(commit=False)
        deliberation.matiere_name = NOMENCLATURE.get(deliberation.matiere_code, "")
        if self.cleaned_data.get("huis_clos") and not deliberation.huis_clos_requested_by:
            requests = self.cleaned_data.get("huis_clos_requests") or 0
            deliberation.huis_clos_requested_by = (
                str(_("the president")) if self.cleaned_data.get("huis_clos_by_president")
                else str(_("%(count)d members")) % {"count": requests})
        if commit:
            deliberation.save()
            self.save_m2m()
        return deliberation


# The tally's words, in a context of their own: « rejected » alone is
# « refusée » in the site's catalogue, which Django reads first.
OUTCOMES = {rules.Outcome.ADOPTED: pgettext_lazy("deliberation", "adopted"),
            rules.Outcome.REJECTED: pgettext_lazy("deliberation", "rejected")}


class VoteForm(forms.Form):
    """One choice per voice (show of hands, public ballot), with no answer
    assumed, or the totals of a secret ballot; when it corrects a recorded
    vote, the reason too."""

    def __init__(self, *args, voices, secret, correction=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.secret = secret
        self.voices = voices
        self.correction = correction
        if correction:
            self.fields["reason"] = forms.CharField(label=_("Reason for the correction"), max_length=500)
        if secret:
            for name, label in (("pour", pgettext_lazy("vote", "For")), ("contre", pgettext_lazy("vote", "Against")),
                                ("abstention", _("Abstentions, blank or spoiled"))):
                self.fields[name] = forms.IntegerField(label=label, min_value=0)
            return
        for member, holder in voices:
            label = _label(member) if holder is None else _("%(member)s (pouvoir to %(holder)s)") % {
                "member": _label(member), "holder": _label(holder)}
            self.fields[f"voice_{member.pk}"] = forms.ChoiceField(label=label, choices=Vote.Choice.choices,
                                                                  widget=forms.RadioSelect)

    def choices(self):
        return {member.pk: self.cleaned_data[f"voice_{member.pk}"] for member, _holder in self.voices}

    def rows(self):
        """(field, holder) for the grid: one row per voice."""
        return [(self[f"voice_{member.pk}"], holder) for member, holder in self.voices]

    def preview(self, president_id):
        """The tally as the grid stands (the initial answers: none for a
        new vote), computed with rules.py, as the console's script does."""
        if self.secret:
            pour, contre, abstention = (self.initial.get(name) or 0 for name in ("pour", "contre", "abstention"))
            missing, not_voting = 0, len(self.voices) - pour - contre - abstention
        else:
            given = [self.initial.get(f"voice_{member.pk}") for member, _holder in self.voices]
            pour, contre, abstention, not_voting = (given.count(choice) for choice in Vote.Choice.values)
            missing = given.count(None)
        president = self.initial.get(f"voice_{president_id}")
        result = rules.vote_result(pour, contre, secret=self.secret, president_vote=president)
        return {"pour": pour, "contre": contre, "abstention": abstention, "not_voting": not_voting,
                "missing": missing, "votes_cast": result.votes_cast,
                "majority": rules.majority_needed(result.votes_cast),
                "outcome": "" if missing else OUTCOMES[result.outcome]}


class ClosingForm(forms.Form):
    """« Clore la séance »: what became of each item not voted, with no
    answer assumed."""

    def __init__(self, *args, deliberations, **kwargs):
        super().__init__(*args, **kwargs)
        self.deliberations = deliberations
        choices = [(status.value, status.label) for status in Deliberation.CLOSING_FATES]
        for deliberation in deliberations:
            self.fields[f"fate_{deliberation.pk}"] = forms.ChoiceField(
                label=f"{deliberation.position}. {deliberation.title}", choices=choices, widget=forms.RadioSelect)

    def fates(self):
        return {d.pk: self.cleaned_data[f"fate_{d.pk}"] for d in self.deliberations}


class AdoptForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Adopted at the meeting of"), queryset=MeetingPage.objects.none())

    def __init__(self, *args, seance, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = MeetingPage.objects.filter(
            instance=seance.meeting.instance, start__gt=seance.meeting.start).order_by("start")


class SignedFileForm(forms.Form):
    signed_file = forms.FileField(label=_("Signed procès-verbal (PDF)"))


class PublicTextForm(forms.Form):
    public_text = forms.CharField(
        label=_("Text to publish"), widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_("Replace the personal data the public does not need (names of private persons, addresses, "
                    "health or social situations) by initials or « M. X »."),
    )


class CopyRequestForm(forms.Form):
    """Asking for a paper copy of an act; the field « website » is a trap
    for robots (hidden to people)."""

    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(label=_("Your e-mail address"))
    postal_address = forms.CharField(label=_("Postal address for the copy"), widget=forms.Textarea(attrs={"rows": 3}),
                                     max_length=500)
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Your request could not be accepted."))
        return ""
