"""factory_boy factories for the foundation's models: users in their roles,
images, documents with real files, themes and editorial pages."""
import datetime
import io
import textwrap
import zipfile

import factory
from odf.opendocument import OpenDocumentText
from odf.text import H, P
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Collection, CollectionViewRestriction, Page, Site

from library.models import ArchiveDocument, LibraryPage, PublicImage, Theme
from pages.models import (
    EventIndexPage,
    EventPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    SiteIdentity,
    StandardPage,
    ThemePage,
)

PASSWORD = "parvis-test-password"


def pdf_bytes(text):
    """A one-page PDF showing `text`: small, but a real PDF that a reader or a
    text extractor opens."""
    lines = [
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*"
        for line in textwrap.wrap(text, 80)
    ]
    stream = f"BT /F1 11 Tf 14 TL 56 780 Td {' '.join(lines)} ET".encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref_at)
    return bytes(out)


class UserFactory(factory.django.DjangoModelFactory):
    """A signed-in person; `groups=[...]` puts them in roles by group name."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"personne{n}")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@parvis.localhost")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def groups(user, create, names, **kwargs):
        if create and names:
            user.groups.add(*(Group.objects.get(name=name) for name in names))


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thème {n}")
    slug = factory.LazyAttribute(lambda theme: slugify(theme.name))


class PublicImageFactory(factory.django.DjangoModelFactory):
    """A tiny PNG drawn by Pillow in memory, with its alternative text."""

    class Meta:
        model = PublicImage

    title = factory.Sequence(lambda n: f"Photo {n}")
    description = factory.Sequence(lambda n: f"La place de la mairie sous le soleil, vue {n}")
    credit = "Service communication"
    licence = "CC BY 4.0"
    file = factory.django.ImageField(width=8, height=6, color="green", format="PNG", filename="photo.png")
    collection = factory.LazyFunction(Collection.get_first_root_node)


class ArchiveDocumentFactory(factory.django.DjangoModelFactory):
    """An act of the archive with a real PDF file."""

    class Meta:
        model = ArchiveDocument
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Délibération n° {n} relative au budget")
    kind = ArchiveDocument.Kind.DELIBERATION
    act_date = datetime.date(2024, 3, 14)
    reference = factory.Sequence(lambda n: f"DEL-2024-{n:03d}")
    summary = "Le conseil municipal approuve le budget primitif."
    collection = factory.LazyFunction(Collection.get_first_root_node)
    text = ""
    # The file says what `text` says (or the title), so that text extraction,
    # when it runs, finds the same words.
    file = factory.LazyAttribute(
        lambda doc: ContentFile(pdf_bytes(doc.text or doc.title), name=f"{slugify(doc.reference) or 'acte'}.pdf")
    )

    @factory.post_generation
    def themes(document, create, themes, **kwargs):
        if create and themes:
            document.themes.add(*themes)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        document = model_class(*args, **kwargs)
        document._set_document_file_metadata()
        document.save()
        return document


def private_collection(name, *group_names):
    """A collection whose documents only members of `group_names` may see."""
    collection = Collection.get_first_root_node().add_child(name=name)
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.filter(name__in=group_names))
    return collection


def file_under_themes(page, create, themes, **kwargs):
    """Post-generation: `themes=[...]` files a news or event page under them."""
    if create and themes:
        page.themes = themes
        page.save()


class PageFactory(factory.django.DjangoModelFactory):
    """Pages are tree nodes: `parent=` says where; they are created live."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    intro = factory.LazyAttribute(lambda page: f"<p>Introduction de « {page.title} ».</p>")

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        page = model_class(*args, **kwargs)
        (parent or Page.get_first_root_node()).add_child(instance=page)
        page.save_revision().publish()
        return page


class HomePageFactory(PageFactory):
    class Meta:
        model = HomePage

    title = factory.Sequence(lambda n: f"Accueil {n}")


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage


class NewsIndexPageFactory(PageFactory):
    class Meta:
        model = NewsIndexPage

    title = factory.Sequence(lambda n: f"Actualités {n}")


class NewsPageFactory(PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"Nouvelle actualité {n}")
    date = datetime.date(2025, 1, 15)
    themes = factory.PostGeneration(file_under_themes)

    @factory.post_generation
    def tags(page, create, names, **kwargs):
        if create and names:
            page.tags.add(*names)
            page.save()


class EventIndexPageFactory(PageFactory):
    class Meta:
        model = EventIndexPage

    title = factory.Sequence(lambda n: f"Agenda {n}")


class EventPageFactory(PageFactory):
    """An event that starts in `days` days (negative: it is over) for two hours."""

    class Meta:
        model = EventPage

    class Params:
        days = 7

    title = factory.Sequence(lambda n: f"Événement {n}")
    start = factory.LazyAttribute(lambda event: timezone.now() + datetime.timedelta(days=event.days))
    end = factory.LazyAttribute(lambda event: event.start + datetime.timedelta(hours=2))
    location_name = "Salle des fêtes"
    address = "1 place de la Mairie"
    themes = factory.PostGeneration(file_under_themes)


class ThemePageFactory(PageFactory):
    class Meta:
        model = ThemePage

    title = factory.LazyAttribute(lambda page: page.theme.name)
    theme = factory.SubFactory(ThemeFactory)


class LibraryPageFactory(PageFactory):
    class Meta:
        model = LibraryPage

    title = "Actes et documents"
    per_page = 20


def install_home_page(hostname="localhost", theme="commune", **kwargs):
    """A HomePage at the root of the Site for `hostname` (created if needed,
    replacing Wagtail's welcome page), with its SiteIdentity's theme."""
    home = HomePageFactory(**kwargs)
    site = Site.objects.filter(hostname=hostname).first()
    if site is None:
        site = Site.objects.create(hostname=hostname, port=80, root_page=home, site_name=home.title)
    else:
        site.root_page = home
        site.save()
    Page.objects.filter(depth=2, content_type=ContentType.objects.get_for_model(Page)).delete()
    identity = SiteIdentity.for_site(site)
    identity.theme = theme
    identity.name = home.title
    identity.save()
    return home


def make_odt(title, text):
    """An ODF text document (bytes): a heading and a paragraph."""
    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text=title))
    document.text.addElement(P(text=text))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def make_docx(text):
    """The smallest DOCX (bytes) holding one paragraph of `text`."""
    buffer = io.BytesIO()
    body = (
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
    )
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", body)
    return buffer.getvalue()
