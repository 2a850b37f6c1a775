"""Forms of the member side (answer, pouvoir) and of the dashboard
(posting date, file check)."""
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import Recipient
from .workflow import members_in_office, meeting_day

Answer = Recipient.Answer


class AnswerForm(forms.Form):
    """Présent, excusé, absent, pouvoir to a named member (chosen by full
    name), or suppléant. Optional when it goes with the acknowledgement of
    receipt (the member may answer later), required on its own."""

    answer = forms.ChoiceField(label=_("Your answer"), widget=forms.RadioSelect, required=False)
    holder = forms.ModelChoiceField(
        label=_("Member who will hold your pouvoir"), queryset=get_user_model().objects.none(), required=False,
        empty_label=_("— choose a member —"),
    )
    illness = forms.BooleanField(
        label=_("Illness duly established (a pouvoir beyond three consecutive meetings)"), required=False
    )

    def __init__(self, *args, recipient, answer_required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.answer_required = answer_required
        meeting = recipient.meeting
        choices = [(v, label) for v, label in Answer.choices if v and v != Answer.SUPPLEANT]
        if recipient.mandate and recipient.mandate.suppleant_id:
            choices.append((Answer.SUPPLEANT, Answer.SUPPLEANT.label))
        self.fields["answer"].choices = choices
        others = members_in_office(meeting.instance, meeting_day(meeting)).exclude(member=recipient.user_id)
        self.fields["holder"].queryset = get_user_model().objects.filter(
            pk__in=others.values("member")
        ).order_by("last_name", "first_name")
        self.fields["holder"].label_from_instance = lambda user: user.get_full_name() or user.get_username()

    def clean(self):
        data = super().clean()
        if self.answer_required and not data.get("answer") and "answer" not in self.errors:
            self.add_error("answer", _("Choose your answer."))
        if data.get("answer") == Answer.POUVOIR and not data.get("holder"):
            self.add_error("holder", _("Name the member who will hold your pouvoir."))
        return data


class PostingForm(forms.Form):
    posted_on = forms.DateField(label=_("Posted on"), widget=forms.DateInput(attrs={"type": "date"}))


class SendForm(forms.Form):
    posting_on = forms.DateField(
        label=_("Planned posting date of the paper convocations"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("For members convened on paper: the délai is counted from this date."),
    )


class CheckFileForm(forms.Form):
    file = forms.FileField(label=_("File to check"))
