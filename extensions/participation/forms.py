"""The forms citizens fill in: an entry (photo, texts, licence, consents),
an author's edit, a vote request; and the staff's rejection reason."""
from django import forms
from django.utils.translation import gettext_lazy as _

from . import licence
from .core.antibot import BotProtectedForm
from .core.consents import consent_records
from .images import PhotoRejected, clean_photo
from .models import Entry
from .rules import needs_parental_consent
from .submissions import category_full, limit_error

ACCEPT = "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"
CONSENTS = ["accept_rules", "accept_licence", "declare_author", "declare_eligible"]


class EntryTextsForm(forms.Form):
    """What an author may write, and later edit."""

    title = forms.CharField(label=_("Title of the photo"), max_length=120)
    description = forms.CharField(
        label=_("Description"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say what the photo shows, for people who cannot see it: it is also its alternative text."),
    )
    category = forms.ModelChoiceField(label=_("Category"), queryset=None, empty_label=None,
                                      widget=forms.RadioSelect)

    def __init__(self, contest, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.contest = contest
        self.fields["category"].queryset = contest.categories.all()


class EntryEditForm(EntryTextsForm):
    """An author's edit: a change of category obeys the same rules as an
    entry (ages, photos per category)."""

    def __init__(self, entry, *args, **kwargs):
        super().__init__(entry.contest, *args, **kwargs)
        self.entry = entry

    def clean_category(self):
        category = self.cleaned_data["category"]
        if category.pk == self.entry.category_id:
            return category
        if self.entry.age is not None and not category.accepts_age(self.entry.age):
            raise forms.ValidationError(_("This category is not open to your age."))
        others = self.contest.entries.filter(email=self.entry.email).exclude(pk=self.entry.pk)
        message = category_full(self.contest, category, others.exclude(status=Entry.Status.REJECTED))
        if message:
            raise forms.ValidationError(message)
        return category


class SubmissionForm(EntryTextsForm, BotProtectedForm):
    """An entry as the author sends it. The photo is only decoded once
    everything else (bot checks included) is valid."""

    photo = forms.FileField(label=_("Photo file"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}))
    author_name = forms.CharField(label=_("Your name, as it will be credited"), max_length=100)
    email = forms.EmailField(label=_("Your e-mail address"),
                             help_text=_("We send you a link to confirm your entry. It is never published."))
    age = forms.IntegerField(label=_("Your age"), min_value=5, max_value=120,
                             help_text=_("Under 15, one of your parents will be asked to agree by e-mail."))
    commune = forms.ChoiceField(label=_("Commune where you live"), required=False)
    parent_name = forms.CharField(label=_("Name of your parent or guardian"), max_length=100, required=False)
    parent_email = forms.EmailField(label=_("E-mail address of your parent or guardian"), required=False)
    people = forms.ChoiceField(label=_("People in the photo"), choices=Entry.People.choices,
                               widget=forms.RadioSelect)
    licence_uses = forms.MultipleChoiceField(
        label=_("Besides the contest, the organiser may use my photo for"), choices=licence.USES,
        required=False, widget=forms.CheckboxSelectMultiple,
    )
    licence_media = forms.MultipleChoiceField(label=_("On"), choices=licence.MEDIA,
                                              widget=forms.CheckboxSelectMultiple)
    licence_territory = forms.ChoiceField(label=_("Where"), choices=licence.TERRITORIES, widget=forms.RadioSelect)
    licence_years = forms.ChoiceField(label=_("For"), choices=licence.DURATIONS, widget=forms.RadioSelect)
    accept_rules = forms.BooleanField()
    accept_licence = forms.BooleanField(label=_(
        "I grant the organiser the licence described above. I keep my rights as author and my name is "
        "always credited."
    ))
    declare_author = forms.BooleanField(label=_("I took this photo myself."))
    declare_eligible = forms.BooleanField(label=_(
        "I am neither a member of the organiser's staff nor of the jury."
    ))

    field_order = [
        "photo", "title", "description", "category", "author_name", "email", "age", "commune",
        "parent_name", "parent_email", "people", "licence_uses", "licence_media", "licence_territory",
        "licence_years", *CONSENTS,
    ]

    def __init__(self, contest, *args, **kwargs):
        super().__init__(contest, *args, **kwargs)
        self.rules_version = None
        self.photo_result = None
        communes = contest.communes()
        if communes:
            self.fields["commune"].choices = [("", _("Choose your commune")), *((c, c) for c in communes)]
            self.fields["commune"].required = True
        else:
            del self.fields["commune"]
        version = contest.rules_versions.first()
        self.fields["accept_rules"].label = (
            _("I have read and accept the rules (%(version)s).") % {"version": version}
            if version else _("I have read and accept the rules.")
        )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned  # no decoding for a form that is refused anyway
        # Each check needs the fields the previous one may have refused.
        for check in (self._check_people_and_ages, self._check_eligibility, self._clean_photo):
            if self.errors:
                break
            check(cleaned)
        return cleaned

    def _check_people_and_ages(self, cleaned):
        age, category = cleaned["age"], cleaned["category"]
        if not category.accepts_age(age):
            self.add_error("category", _("This category is not open to your age."))
        if needs_parental_consent(age):
            for name in ("parent_name", "parent_email"):
                if not cleaned.get(name):
                    self.add_error(name, _("Under 15, this field is required."))
            if cleaned.get("parent_email", "").lower() == cleaned["email"].lower():
                self.add_error("parent_email", _("Give your parent's own address, not yours."))

    def _check_eligibility(self, cleaned):
        if self.contest.is_excluded(cleaned["email"]):
            self.add_error("email", _(
                "Members of the organiser's staff and of the jury cannot take part in this contest."
            ))
            return
        message = limit_error(self.contest, cleaned["email"], cleaned["category"])
        if message:
            self.add_error("category", message)

    def _clean_photo(self, cleaned):
        upload = cleaned["photo"]
        upload.seek(0)
        try:
            self.photo_result = clean_photo(
                upload.read(self.contest.max_file_size_mb * 1024 * 1024 + 1),
                max_bytes=self.contest.max_file_size_mb * 1024 * 1024,
                min_long_side=self.contest.min_long_side,
            )
        except PhotoRejected as exc:
            self.add_error("photo", exc.message)

    def payload(self):
        """The entry as JSON, kept until the e-mail is confirmed."""
        data = self.cleaned_data
        terms = licence.build(data["licence_uses"], data["licence_media"], data["licence_territory"],
                              data["licence_years"])
        records = consent_records(self, CONSENTS)
        for record in records:
            if record["kind"] == "accept_licence":
                record["wording"] += "\n" + licence.text(terms, self.contest.organiser, data["author_name"])
        records.append({
            "kind": "people", "wording": str(Entry.People(data["people"]).label),
            "given_by": "author", "accepted_at": terms["granted_at"],
        })
        return {
            "title": data["title"], "description": data["description"], "category": data["category"].pk,
            "author_name": data["author_name"], "email": data["email"].lower(), "age": data["age"],
            "commune": data.get("commune", ""), "parent_name": data["parent_name"],
            "parent_email": data["parent_email"].lower(), "people": data["people"], "licence": terms,
            "consents": records,
        }


class VoteForm(BotProtectedForm):
    email = forms.EmailField(label=_("Your e-mail address"),
                             help_text=_("We send you a link: your vote counts once you have followed it."))


class RejectionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, sent to the author"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
    )


class DataRequestForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person"))
