"""The information copies an EPCI owes the municipal councillors of its
member communes who do not sit on its council (L5211-40-2): the list of
deliberations within a month of the séance, the procès-verbal within a
month of its adoption. Recipients are the instance's « copies for
information » (extensions.meetings); each copy is sent once, by a task, in
the EPCI's name (core.mail, templates in deliberations/emails/)."""
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from core import mail

from .listing import list_pdf
from .models import InformationCopy


def _attachment(copy):
    seance = copy.seance
    day = seance.day
    if copy.kind == InformationCopy.Kind.LIST:
        return f"liste-des-deliberations-{day:%Y-%m-%d}.pdf", list_pdf(seance)
    # The public version: the recipients do not sit on the council, so a
    # closed sitting's debate is not for them.
    with seance.proces_verbal.document.file.open("rb") as fh:
        return f"proces-verbal-{day:%Y-%m-%d}.pdf", fh.read()


def send_copy(copy):
    """Sends `copy` to every recipient, once: the row is claimed by one
    conditional UPDATE before anything leaves. Returns the number sent."""
    with transaction.atomic():
        claimed = InformationCopy.objects.filter(pk=copy.pk, sent_at__isnull=True).update(sent_at=timezone.now())
        if not claimed:
            return 0
        instance = copy.seance.meeting.instance
        recipients = list(instance.information_recipients.all())
        filename, data = _attachment(copy)
        site = mail.site_of(copy.seance.meeting)
        messages = []
        for recipient in recipients:
            message = mail.message("deliberations/emails/information_copy", recipient.email,
                                   {"copy": copy, "instance": instance, "recipient": recipient}, site)
            message.attach(filename, data, "application/pdf")
            messages.append(message)
        mail.send(messages)
        InformationCopy.objects.filter(pk=copy.pk).update(recipients=len(recipients))
    return len(recipients)


@task()
def send_information_copy(copy_id: int):
    copy = InformationCopy.objects.filter(pk=copy_id).select_related("seance__meeting__instance").first()
    return send_copy(copy) if copy else 0
