"""Password reset e-mails built like every other (core.mail): Django's
PasswordResetForm sends its own message (subject autoescaped, so an
apostrophe in a name comes out as `&#x27;`, from DEFAULT_FROM_EMAIL, with
a Message-ID on the server's name and a link on the Host header). The mixin
sends the template `email_template` instead, in the name of the site where
the reset was asked, with its links on that site's root URL. The Host
header only chooses among the configured sites (Wagtail gives the default
one for any other host), so a forged Host never gets a link of its own."""
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm
from wagtail.models import Site

from core import mail


class SiteResetMail:
    """For a subclass of Django's PasswordResetForm: `email_template` is
    the core.mail template of the message ("<folder>/<name>")."""

    email_template = ""

    def save(self, *args, request=None, **kwargs):
        self.mail_site = mail.site_of(None) if request is None else Site.find_for_request(request) or mail.site_of(None)
        return super().save(*args, request=request, **kwargs)

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        mail.send([mail.message(self.email_template, to_email, context, self.mail_site)])


class AdminPasswordResetForm(SiteResetMail, WagtailPasswordResetForm):
    """Wagtail's admin form (WAGTAILADMIN_USER_PASSWORD_RESET_FORM)."""

    email_template = "core/emails/admin_password_reset"
