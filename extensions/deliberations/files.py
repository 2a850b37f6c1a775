"""The files of the deliberations: checking an uploaded PDF, and storing a
generated or signed PDF as a document of the library, public ones in the
collection « Actes publiés » that no staff role may edit (a published act's
file must never change, R2131-1)."""
import hashlib

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Collection

from core.pdf import render_pdf

ACTS_COLLECTION = "Actes publiés"
MAX_PDF_SIZE = 20 * 1024 * 1024


def validate_pdf(uploaded):
    """A real PDF of reasonable size, or a French ValidationError."""
    if uploaded is None:
        raise ValidationError(_("Choose the signed PDF file."))
    if uploaded.size > MAX_PDF_SIZE:
        raise ValidationError(_("The file is larger than 20 MB."))
    head = uploaded.read(5)
    uploaded.seek(0)
    if head != b"%PDF-":
        raise ValidationError(_("This file is not a PDF."))


def file_sha256(data):
    return hashlib.sha256(data).hexdigest()


def acts_collection():
    """The public collection of published acts, beside « Documents publics »
    (whose staff permissions do not reach it)."""
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=ACTS_COLLECTION).first() or root.add_child(name=ACTS_COLLECTION)


def store_document(title, data, filename, kind, act_date, reference, collection=None):
    """A library document of `data`, in « Actes publiés » unless another
    `collection` is named (the complete procès-verbal's private one)."""
    document = get_document_model()(
        title=title, kind=kind, act_date=act_date, reference=reference, collection=collection or acts_collection(),
    )
    document.file.save(filename, ContentFile(data), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def collectivity(meeting):
    """Who publishes the meeting's documents: the name in its site's
    identity, else the instance's."""
    from pages.site_settings import SiteIdentity

    site = meeting.get_site()
    name = SiteIdentity.for_site(site).name if site else ""
    return name or str(meeting.instance)


def seance_pdf(template, seance, context, *, title, subtitle=""):
    """A public PDF of a séance (core.pdf.render_pdf), authored by its
    collectivity, with the names of its signatories (L2121-23)."""
    president_name, president_role = signatory(seance)
    signatories = {"president_role": president_role, "president_name": president_name,
                   "secretaries": [_name(s) for s in seance.secretaries.all()]}
    return render_pdf(template, {**signatories, **context}, title=title, subtitle=subtitle,
                      author=collectivity(seance.meeting))


def signatory(seance):
    """The president of the séance, with the role of their mandate
    (« Maire », « Président »): (name, role)."""
    president = seance.president
    mandate = seance.meeting.instance.mandates.filter(member=president).order_by("-start").first()
    return _name(president), (mandate.role if mandate and mandate.role else _("President of the séance"))


def _name(user):
    return (user.get_full_name() or user.get_username()) if user else ""
