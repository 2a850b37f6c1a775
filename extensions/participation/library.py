"""After the contest, the winning photos, and the approved photos whose
licence allows the organiser's communication, go into the image library
with their credit and licence, where the communication staff pick them."""
from django.core.files import File
from django.utils.text import Truncator, slugify
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import Collection

from core.storage import private_storage

from . import licence
from .results import winners

COLLECTION_NAME = "Concours photo"


def contest_collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


def eligible_entries(contest):
    winning = {entry.pk for entry in winners(contest)}
    return [
        entry for entry in contest.approved_entries().filter(library_image__isnull=True).select_related("contest")
        if entry.pk in winning or licence.allows_library(entry.licence)
    ]


def copy_to_library(contest, user=None):
    """Copies what may be copied and was not yet; returns how many."""
    entries = eligible_entries(contest)
    if not entries:
        return 0
    collection = contest_collection()
    for entry in entries:
        image = get_image_model()(
            title=entry.title, description=Truncator(entry.description).chars(255),
            credit=entry.credit, licence=Truncator(entry.licence_text()).chars(255), collection=collection,
        )
        with private_storage.open(entry.photo.name, "rb") as source:
            image.file.save(f"{slugify(entry.title) or 'photo'}.jpg", File(source), save=False)
        image._set_image_file_metadata()
        image.save()
        entry.library_image = image
        entry.save(update_fields=["library_image"])
        log(entry, "participation.to_library", user=user)
    return len(entries)
