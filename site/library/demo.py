"""Demo content of the library for `manage.py load_demo`: themes, pictures,
and an archive of real PDF and ODT acts in a public and a restricted
collection. Reads fixtures/ only; running it again creates nothing new."""
import tomllib
from functools import cache

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files import File
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction

from pages.roles import ELUS, PUBLIC_COLLECTION

from .models import ArchiveDocument, PublicImage, Theme

FIXTURES_DIR = settings.ROOT_DIR / "fixtures"

THEMES = [
    ("Urbanisme", "urbanisme"),
    ("Environnement", "environnement"),
    ("Enfance et jeunesse", "enfance-et-jeunesse"),
    ("Culture", "culture"),
    ("Voirie et travaux", "voirie-et-travaux"),
    ("Vie démocratique", "vie-democratique"),
    ("Finances", "finances"),
    ("Solidarités", "solidarites"),
    ("Déchets", "dechets"),
    ("Mobilités", "mobilites"),
    ("Développement économique", "developpement-economique"),
    ("Tourisme", "tourisme"),
]

COUNCIL_COLLECTION = "Conseil municipal — documents de travail"
# Keys of the `collection` field of fixtures/documents.toml.
COLLECTIONS = {"public": PUBLIC_COLLECTION, "elus": COUNCIL_COLLECTION}


@cache
def read_fixture(name):
    """A TOML file of fixtures/, parsed."""
    with (FIXTURES_DIR / name).open("rb") as fh:
        return tomllib.load(fh)


def image(key):
    """The demo picture that fixtures name `key`."""
    title = next(spec["title"] for spec in read_fixture("images.toml")["image"] if spec["key"] == key)
    return PublicImage.objects.get(title=title)


def document(reference):
    return ArchiveDocument.objects.get(reference=reference)


def theme(slug):
    return Theme.objects.get(slug=slug)


def load(command):
    command.report("Thèmes", *load_themes())
    command.report("Images", *load_images())
    collections = load_collections()
    command.report("Documents", *load_documents(collections))


def load_themes():
    created = sum(Theme.objects.get_or_create(slug=slug, defaults={"name": name})[1] for name, slug in THEMES)
    return created, len(THEMES)


def attach_file(instance, folder, file_name):
    """Gives the unsaved instance a copy of a fixture file as its file."""
    with (FIXTURES_DIR / folder / file_name).open("rb") as fh:
        instance.file.save(file_name, File(fh), save=False)


def load_images():
    specs = read_fixture("images.toml")["image"]
    created = 0
    for spec in specs:
        if PublicImage.objects.filter(title=spec["title"]).exists():
            continue
        picture = PublicImage(
            title=spec["title"], description=spec["description"], credit=spec["credit"], licence=spec["licence"]
        )
        attach_file(picture, "images", spec["file"])
        picture._set_image_file_metadata()
        picture.save()
        created += 1
    return created, len(specs)


def load_collections():
    """The public collection and the council's, restricted to the Élus group."""
    root = Collection.get_first_root_node()
    collections = {}
    for key, name in COLLECTIONS.items():
        collection = root.get_children().filter(name=name).first() or root.add_child(name=name)
        collections[key] = collection
    restriction, _created = CollectionViewRestriction.objects.get_or_create(
        collection=collections["elus"], defaults={"restriction_type": BaseViewRestriction.GROUPS}
    )
    restriction.groups.add(Group.objects.get(name=ELUS))
    return collections


def load_documents(collections):
    specs = read_fixture("documents.toml")["document"]
    created = 0
    for spec in specs:
        if ArchiveDocument.objects.filter(reference=spec["reference"]).exists():
            continue
        doc = ArchiveDocument(
            title=spec["title"],
            kind=spec["kind"],
            act_date=spec["act_date"],
            reference=spec["reference"],
            summary=spec["summary"],
            collection=collections[spec.get("collection", "public")],
        )
        attach_file(doc, "documents", spec["file"])
        doc._set_document_file_metadata()
        # Saving queues the text extraction (library.signals).
        doc.save()
        doc.themes.set([theme(slug) for slug in spec["themes"]])
        created += 1
    return created, len(specs)
