"""Consents are kept with the words the person read and the moment they
agreed, so that the organiser can show what was accepted."""
from django.utils import timezone


def consent_records(form, names, given_by="author"):
    """JSON-ready records of the ticked consent fields `names` of a bound,
    valid form: the wording is the field's label as shown."""
    now = timezone.now().isoformat()
    return [
        {"kind": name, "wording": str(form.fields[name].label), "given_by": given_by, "accepted_at": now}
        for name in names
        if form.cleaned_data.get(name)
    ]


def create_consents(consent_model, records, **owner):
    """Stores records (from consent_records) as rows of `consent_model`."""
    consent_model.objects.bulk_create(
        consent_model(
            kind=record["kind"], wording=record["wording"], given_by=record["given_by"],
            accepted_at=record["accepted_at"], **owner,
        )
        for record in records
    )
