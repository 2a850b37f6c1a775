"""Transmission of acts to the préfecture (contrôle de légalité, L2131-1):
an interface that operators' connectors implement (a real « tiers de
télétransmission » can be added later by naming its class in the setting
DELIBERATIONS_PREFECTURE_CONNECTOR), a recording implementation used by
default and in tests, the task that transmits an act once, and the act's
status « transmis le … / exécutoire »."""
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.utils import formats, timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import task

from .models import Deliberation

DEFAULT_CONNECTOR = "extensions.deliberations.connector.RecordingConnector"


@dataclass(frozen=True)
class Acknowledgement:
    """What the préfecture's system answers: the act's identifier (the
    « numéro ACTES ») and when it was received."""

    identifier: str
    received_at: datetime


class PrefectureConnector:
    """Sends one act (its PDF and metadata) and returns the
    Acknowledgement; raises an exception when the transmission fails."""

    def transmit(self, deliberation, document):
        raise NotImplementedError


class RecordingConnector(PrefectureConnector):
    """Keeps what it was given and acknowledges at once with an identifier
    in the shape of the ACTES ones; no network. The list of what it
    received is there for tests and demonstrations."""

    received = []

    def transmit(self, deliberation, document):
        now = timezone.now()
        identifier = f"PARVIS-{now:%Y%m%d}-{deliberation.reference or deliberation.pk}-DE"
        self.received.append((deliberation.pk, document.pk, identifier))
        return Acknowledgement(identifier=identifier, received_at=now)


def get_connector():
    return import_string(getattr(settings, "DELIBERATIONS_PREFECTURE_CONNECTOR", DEFAULT_CONNECTOR))()


def transmit(deliberation):
    """Transmits a published act once (a retry after success does nothing)."""
    act = getattr(deliberation, "act", None)
    if deliberation.transmitted_at or act is None:
        return False
    acknowledgement = get_connector().transmit(deliberation, act.document)
    return bool(Deliberation.objects.filter(pk=deliberation.pk, transmitted_at__isnull=True).update(
        prefecture_id=acknowledgement.identifier, transmitted_at=acknowledgement.received_at))


@task()
def transmit_act(deliberation_id: int):
    deliberation = Deliberation.objects.filter(pk=deliberation_id).select_related("act__document").first()
    return transmit(deliberation) if deliberation else False


def executory_on(deliberation, act):
    """L2131-1: an act is executory once both published and transmitted."""
    if not (deliberation.transmitted_at and act):
        return None
    return max(act.online_on, timezone.localtime(deliberation.transmitted_at).date())


def act_status(deliberation, act):
    """The act's status in French, as shown on its page."""
    if not deliberation.transmitted_at:
        return _("Not yet transmitted to the préfecture.")
    transmitted = formats.date_format(timezone.localtime(deliberation.transmitted_at), "j F Y")
    status = _("Transmitted to the préfecture on %(day)s (acknowledgement %(id)s).") % {
        "day": transmitted, "id": deliberation.prefecture_id}
    executory = executory_on(deliberation, act)
    return f"{status} " + _("Executory since %(day)s.") % {"day": formats.date_format(executory, "j F Y")}
