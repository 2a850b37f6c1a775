"""From a filled form to an entry. A submission waits, with its clean photo
in private storage, for the author to confirm their e-mail address (and,
for an author under 15, for a parent to agree from their own address); only
then does the entry exist, awaiting moderation. Authors later edit or
withdraw their entry through a personal link."""
import smtplib
from datetime import timedelta

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from core import mail
from core.links import INVALID, LinkError
from core.storage import delete_quietly, private_storage

from .core import confirmations
from .core.consents import create_consents
from .core.models import Confirmation
from .models import Consent, Entry, new_photo_name
from .rules import needs_parental_consent

SUBMISSION = "submission"
PARENTAL = "parental"
SUBMISSION_LINK_AGE = timedelta(days=3)
PARENTAL_LINK_AGE = timedelta(days=7)
MANAGE_LINK_AGE = timedelta(days=365)


class SendingFailed(Exception):
    """The confirmation e-mail could not be sent: nothing was kept."""


def _waiting(contest, email):
    """Submissions of `email` still waiting for a confirmation in time."""
    oldest = timezone.now() - PARENTAL_LINK_AGE
    return Confirmation.objects.filter(
        page=contest, purpose__in=[SUBMISSION, PARENTAL], used_at__isnull=True,
        created_at__gte=oldest, payload__email=email.lower(),
    ).exclude(purpose=SUBMISSION, created_at__lt=timezone.now() - SUBMISSION_LINK_AGE)


def limit_error(contest, email, category, exclude=None):
    """Why `email` may not enter one more photo in `category`, or None.
    Entries waiting for a confirmation count: the limit cannot be dodged by
    sending several forms before confirming any."""
    entries = contest.entries.filter(email=email.lower()).exclude(status=Entry.Status.REJECTED)
    waiting = _waiting(contest, email)
    if exclude is not None:
        waiting = waiting.exclude(pk=exclude.pk)
    if entries.count() + waiting.count() >= contest.max_entries_per_person:
        return _("You have reached the limit of %(count)s photos per person for this contest.") % {
            "count": contest.max_entries_per_person}
    return category_full(contest, category, entries, waiting)


def category_full(contest, category, entries, waiting=None):
    """The limit-per-category message if these entries and waiting
    submissions already fill `category`, or None."""
    in_category = entries.filter(category=category).count()
    if waiting is not None:
        in_category += waiting.filter(payload__category=category.pk).count()
    if in_category >= contest.max_entries_per_category:
        return _("You have reached the limit of %(count)s photos per person in this category.") % {
            "count": contest.max_entries_per_category}
    return None


def start(contest, form, request):
    """Keeps the clean photo and the form's data, and e-mails the author
    their confirmation link. SendingFailed leaves nothing behind."""
    photo = form.photo_result
    name = private_storage.save(new_photo_name(), ContentFile(photo.data))
    payload = {**form.payload(), "photo": name, "width": photo.width, "height": photo.height,
               "rules_version": contest.current_rules().pk}
    confirmation = confirmations.create(SUBMISSION, payload["email"], page=contest, payload=payload, request=request)
    try:
        mail.send([mail.message("participation/emails/confirm_submission", payload["email"], {
            "contest": contest, "payload": payload, "link": confirmations.link(confirmation),
            "expires": confirmations.expires_at(confirmation),
        }, mail.site_of(contest))])
    except (smtplib.SMTPException, OSError) as exc:
        confirmation.delete()
        delete_quietly(name)
        raise SendingFailed from exc
    return confirmation


def _contest_and_category(confirmation):
    contest = confirmation.page.specific
    category = contest.categories.filter(pk=confirmation.payload["category"]).first()
    if category is None:
        raise LinkError(_("The category of this entry no longer exists: please enter your photo again."))
    return contest, category


@confirmations.register(SUBMISSION, SUBMISSION_LINK_AGE, gettext_lazy("Confirm my entry"))
def confirm_submission(confirmation, request):
    contest, category = _contest_and_category(confirmation)
    payload = confirmation.payload
    message = limit_error(contest, payload["email"], category, exclude=confirmation)
    if message:
        raise LinkError(message)
    if needs_parental_consent(payload["age"]):
        parental = confirmations.create(PARENTAL, payload["parent_email"], page=contest, payload={
            **payload, "author_confirmed_at": timezone.now().isoformat(),
        })
        mail.send([mail.message("participation/emails/confirm_parental", payload["parent_email"], {
            "contest": contest, "payload": payload, "link": confirmations.link(parental),
            "expires": confirmations.expires_at(parental),
        }, mail.site_of(contest))])
        return confirmations.Outcome(
            _("Your address is confirmed"),
            _("We have sent a message to %(parent)s. Your photo will be entered once your parent has "
              "agreed, by following the link in that message.") % {"parent": payload["parent_email"]},
            page=contest,
        )
    create_entry(contest, payload)
    return confirmations.Outcome(
        _("Your entry is registered"),
        _("Thank you! Your photo will be checked by the organiser before it appears in the gallery. "
          "We have sent you a link to edit or withdraw it."),
        page=contest,
    )


def parental_wording(payload):
    return _(
        "I am the parent or legal guardian of %(author)s, aged %(age)s. I agree to their taking part in "
        "this contest with the photo “%(title)s”, to the processing of their personal data for the "
        "contest, and to the licence and consents they gave."
    ) % {"author": payload["author_name"], "age": payload["age"], "title": payload["title"]}


@confirmations.register(PARENTAL, PARENTAL_LINK_AGE, gettext_lazy("I give my consent"))
def confirm_parental(confirmation, request):
    contest, category = _contest_and_category(confirmation)
    payload = confirmation.payload
    message = limit_error(contest, payload["email"], category, exclude=confirmation)
    if message:
        raise LinkError(message)
    create_entry(contest, payload, extra_consents=[{
        "kind": "parental", "wording": parental_wording(payload), "given_by": "parent",
        "accepted_at": timezone.now().isoformat(),
    }])
    return confirmations.Outcome(
        _("Thank you, the entry is registered"),
        _("Your child's photo will be checked by the organiser before it appears in the gallery."),
        page=contest,
    )


def create_entry(contest, payload, extra_consents=()):
    entry = Entry.objects.create(
        contest=contest, category_id=payload["category"], rules_version_id=payload["rules_version"],
        title=payload["title"], description=payload["description"], author_name=payload["author_name"],
        email=payload["email"], age=payload["age"], commune=payload["commune"],
        parent_name=payload["parent_name"], parent_email=payload["parent_email"], people=payload["people"],
        licence=payload["licence"], photo=payload["photo"], width=payload["width"], height=payload["height"],
    )
    create_consents(Consent, [*payload["consents"], *extra_consents], entry=entry)
    log(entry, "participation.submit")
    mail.send_after_commit([mail.message("participation/emails/entry_received", entry.email, {
        "contest": contest, "entry": entry, "manage_link": manage_url(entry),
    }, mail.site_of(contest))])
    return entry


# ----- the author's personal link -----

def manage_url(entry):
    token = confirmations.sign("manage", {"e": entry.pk, "k": entry.edit_key})
    return mail.absolute_url(reverse("participation:manage", args=[token]), mail.site_of(entry.contest))


def entry_from_manage_token(token):
    value = confirmations.unsign("manage", token, max_age=MANAGE_LINK_AGE)
    entry = Entry.objects.filter(pk=value.get("e") if isinstance(value, dict) else None).first()
    if entry is None or entry.edit_key != value.get("k"):
        raise LinkError(INVALID)
    return entry


def author_edit(entry, data):
    """An edit by the author sends the entry back to moderation."""
    entry.title, entry.description, entry.category = data["title"], data["description"], data["category"]
    entry.status, entry.shortlisted, entry.moderated_at = Entry.Status.PENDING, False, None
    entry.save()
    entry.delete_renditions()
    log(entry, "participation.author_edit", data={"title": entry.title})


def author_withdraw(entry):
    log(entry, "participation.author_withdraw", data={"title": entry.title})
    entry.delete()
