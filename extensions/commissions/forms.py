"""Forms of the private spaces: signing in, resetting a password, publishing from the front end,
commenting, notification preferences, reminders and invitations; and the
admin form that keeps a publication's attachments in its space."""
import os

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordMixin
from django.core.exceptions import ValidationError
from django.utils.html import escape, urlize
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from core.authentication import account_username
from core.password_reset import SiteResetMail

from .models import Comment, Membership


class SignInForm(AuthenticationForm):
    """Django's sign-in form, also accepting the account's e-mail address
    (invited outsiders know theirs better than a username) and the
    username in any case (phones capitalise it)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Username or e-mail address")
        self.fields["username"].widget.attrs.update(autocomplete="username", autocapitalize="none")
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"

    def clean_username(self):
        # The same resolution as the login throttle's: an address shared by
        # two accounts signs nobody in.
        value = self.cleaned_data["username"]
        return account_username(value) or value


class SitePasswordResetForm(SiteResetMail, PasswordResetForm):
    """Django's form, its e-mail built like every other (core.password_reset)."""

    email_template = "commissions/emails/password_reset"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each checked like a Wagtail document."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        return [self._check(super(MultipleFileField, self).clean(f, initial)) for f in files]

    def _check(self, upload):
        extension = os.path.splitext(upload.name)[1].lower().lstrip(".")
        if extension not in settings.WAGTAILDOCS_EXTENSIONS:
            raise ValidationError(
                _("%(name)s: this kind of file is not accepted (allowed: %(allowed)s)."),
                params={"name": upload.name, "allowed": ", ".join(settings.WAGTAILDOCS_EXTENSIONS)},
            )
        if upload.size > settings.WAGTAILDOCS_MAX_UPLOAD_SIZE:
            raise ValidationError(_("%(name)s: the file is too large."), params={"name": upload.name})
        return upload


def text_to_rich_text(text):
    """A plain text typed on a phone as rich text: blank lines separate
    paragraphs, links become clickable, nothing else is interpreted."""
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(
        "<p>{}</p>".format(urlize(escape(p), nofollow=True).replace("\n", "<br/>")) for p in paragraphs
    )


class PublicationForm(forms.Form):
    """A publication written from the front end."""

    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Leave a blank line between paragraphs. Web addresses become links."),
    )
    files = MultipleFileField(
        label=_("Attached documents"),
        required=False,
        help_text=_("Stored in the space's private documents: only its members can open them."),
    )

    def rich_text(self):
        return text_to_rich_text(self.cleaned_data["text"])


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["body"]
        labels = {"body": _("Your comment")}
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}


class NotificationForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["notify"]
        labels = {"notify": _("Tell me about new publications and comments by e-mail")}
        widgets = {"notify": forms.RadioSelect}


class ReminderForm(forms.Form):
    """Carries the token that makes a double click send one reminder."""

    token = forms.UUIDField(widget=forms.HiddenInput)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person to invite"))

    def __init__(self, *args, space, **kwargs):
        super().__init__(*args, **kwargs)
        self.space = space

    def clean_email(self):
        email = self.cleaned_data["email"]
        if Membership.objects.filter(space=self.space, user__email__iexact=email).exists():
            raise ValidationError(_("This person is already a member of the space."))
        return email


class InvitationAcceptForm(SetPasswordMixin, forms.Form):
    """The outsider's name and chosen password."""

    first_name = forms.CharField(label=_("First name"), max_length=150, widget=forms.TextInput(
        attrs={"autocomplete": "given-name"}))
    last_name = forms.CharField(label=_("Last name"), max_length=150, widget=forms.TextInput(
        attrs={"autocomplete": "family-name"}))
    password1, password2 = SetPasswordMixin.create_password_fields()

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        self.validate_passwords()
        self.user.first_name = self.cleaned_data.get("first_name", "")
        self.user.last_name = self.cleaned_data.get("last_name", "")
        self.validate_password_for_user(self.user)
        return super().clean()


class PublicationAdminForm(WagtailAdminModelForm):
    """Admin form of a publication: an attachment must be a document of the
    publication's space, or members could not open it (and a public
    document would be shown as if it were private)."""

    def is_valid(self):
        # The attachments' forms are cleaned after the publication's own
        # clean(): their documents can only be checked here.
        valid = super().is_valid()
        space = self.cleaned_data.get("space") if hasattr(self, "cleaned_data") else None
        if space is None:
            return valid
        for form in self.formsets["attachments"].forms:
            document = getattr(form, "cleaned_data", {}).get("document")
            if document and not form.cleaned_data.get("DELETE") and document.collection_id != space.collection_id:
                form.add_error("document", _("Choose a document of the space's own collection."))
                valid = False
        return valid
