"""Saving a bureau's PV: the optimistic lock, validation, corrections kept
in the audit trail, and the flush of the public pages' cache."""
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from extensions.operations.page_cache import new_generation

from .models import BureauResult, Correction, Voix

FIGURE_FIELDS = ("participation_12h", "participation_17h", "inscrits", "votants", "emargements", "blancs", "nuls",
                 "gap_reason")


class StaleResult(Exception):
    """Someone saved this bureau since the form was opened."""

    def __init__(self):
        super().__init__(_(
            "Another agent saved this bureau while you were entering it: your figures were not recorded. "
            "The form now shows the figures saved; check them and enter yours again if needed."))


def save_result(*, scrutin, bureau, user, figures, voix, version, validate, reason="", pv=None):
    """Records the figures if the result is still at `version` (0: not yet
    entered). `voix` maps Candidature → votes. A validated result changed
    again keeps its previous figures in a Correction with `reason`."""
    with transaction.atomic():
        result = (BureauResult.objects.select_for_update()
                  .filter(scrutin=scrutin, bureau=bureau).first())
        if result is None:
            if version != 0:
                raise StaleResult()
            result = create_result(scrutin, bureau)
        elif result.version != version:
            raise StaleResult()
        was_validated = result.status == BureauResult.Status.VALIDATED
        if was_validated:
            Correction.objects.create(result=result, replaced_version=result.version, previous=result.snapshot(),
                                      author=user, reason=reason)
        for name in FIGURE_FIELDS:
            setattr(result, name, figures.get(name))
        result.gap_reason = result.gap_reason or ""
        if pv is not None:
            result.pv = pv
        result.version += 1
        result.updated_by = user
        if validate:
            result.status = BureauResult.Status.VALIDATED
            result.validated_at, result.validated_by = timezone.now(), user
        else:
            result.status = BureauResult.Status.DRAFT
        result.save()
        for candidature, count in voix.items():
            if count is None:
                Voix.objects.filter(result=result, candidature=candidature).delete()
            else:
                Voix.objects.update_or_create(result=result, candidature=candidature, defaults={"voix": count})
        if validate or was_validated:
            # What the public sees changed: flush the site's cached pages.
            site_id = scrutin.site_id
            transaction.on_commit(lambda: new_generation(site_id))
    return result


def create_result(scrutin, bureau):
    """The first save of a bureau; two agents creating it at once: the
    second one hits the unique constraint and gets the stale message."""
    try:
        with transaction.atomic():
            return BureauResult.objects.create(scrutin=scrutin, bureau=bureau, version=0)
    except IntegrityError:
        raise StaleResult() from None
