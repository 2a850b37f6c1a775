"""Building blocks of the participation tests: contests, photos with
metadata to strip, solved anti-robot challenges, filled entry forms and
entries created without the e-mail round trip."""
import io
import re
from datetime import timedelta

from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import ExifTags, Image, ImageDraw

from core.storage import private_storage
from extensions.participation.core import antibot
from extensions.participation.images import clean_photo
from extensions.participation.models import ContestCategory, ContestPage, Entry, JuryCriterion, new_photo_name

GPS = {
    ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (48.0, 51.0, 24.0),
    ExifTags.GPS.GPSLongitudeRef: "E", ExifTags.GPS.GPSLongitude: (2.0, 21.0, 3.0),
}
XMP = (b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
       b"<rdf:RDF><rdf:Description>secret-xmp-location</rdf:Description></rdf:RDF></x:xmpmeta>")


def picture(size=(900, 600), color=(70, 130, 180)):
    """A small landscape: sky, a sun and a hill, so that re-encoding has
    something to chew on."""
    img = Image.new("RGB", size, color)
    draw = ImageDraw.Draw(img)
    width, height = size
    draw.ellipse((width * 0.65, height * 0.1, width * 0.85, height * 0.4), fill=(250, 220, 90))
    draw.polygon([(0, height), (width * 0.4, height * 0.55), (width, height)], fill=(60, 120, 60))
    return img


def photo_bytes(fmt="JPEG", size=(900, 600), gps=True, orientation=None, **save):
    """An image file in `fmt` with EXIF (camera, GPS, orientation) and, for
    JPEG, an XMP packet and a comment: everything a cleaned photo loses."""
    img = picture(size)
    exif = img.getexif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "SecretPhone 12"
    if gps:
        exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS)
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    out = io.BytesIO()
    if fmt == "JPEG":
        save = {"xmp": XMP, "comment": b"shot at 12 rue des Lilas", **save}
    if fmt == "HEIF":
        import pillow_heif  # noqa: F401  (registers the HEIF writer)
    img.save(out, fmt, exif=exif.tobytes(), **save)
    return out.getvalue()


def upload(data, name="photo.jpg", content_type="image/jpeg"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type=content_type)


def make_contest(parent, **fields):
    """A published contest, open for entries and votes, with two categories
    (adults; under 18) and two jury criteria."""
    now = timezone.now()
    values = {
        "title": "Regards sur le Val", "slug": "concours", "organiser": "Communauté de communes du Val d'Aurèle",
        "rules": "<p>Article 1 : le concours est gratuit et ouvert à tous.</p>",
        "submissions_open": now - timedelta(days=1), "submissions_close": now + timedelta(days=10),
        "vote_open": now - timedelta(days=1), "vote_close": now + timedelta(days=10),
        "results_date": now + timedelta(days=20), "min_long_side": 400, "max_file_size_mb": 5,
        **fields,
    }
    contest = ContestPage(**values)
    # In their order, as the editor saves them (without sort_order, PostgreSQL
    # returned the two categories in either order).
    contest.categories = [
        ContestCategory(name="Adultes", min_age=18, sort_order=0),
        ContestCategory(name="Moins de 18 ans", max_age=17, sort_order=1),
    ]
    contest.criteria = [JuryCriterion(name="Composition", sort_order=0), JuryCriterion(name="Originalité", sort_order=1)]
    parent.add_child(instance=contest)
    contest.save_revision().publish()
    return ContestPage.objects.get(pk=contest.pk)


def challenge_payload(client):
    """Asks the site for a challenge and solves it, as contest.js does."""
    return antibot.solve(client.get("/participation/defi/").json())


def entry_form(client, contest, **overrides):
    """A complete, valid entry form (photo included) for `contest`."""
    data = {
        "title": "Brume sur l'Aurèle", "description": "La rivière au petit matin, noyée dans la brume.",
        "category": contest.categories.get(name="Adultes").pk, "author_name": "Camille Dupont",
        "email": "camille@exemple.fr", "age": 34, "people": Entry.People.NONE,
        "licence_uses": ["communication"], "licence_media": ["web", "print"], "licence_territory": "france",
        "licence_years": "3", "accept_rules": "on", "accept_licence": "on", "declare_author": "on",
        "declare_eligible": "on", "website": "", "photo": upload(photo_bytes()),
        "altcha": challenge_payload(client),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def submit(client, contest, **overrides):
    return client.post(f"/participation/envoi/{contest.pk}/", entry_form(client, contest, **overrides))


def says(response, message):
    """True when the page shows `message`, spaces compared as a reader sees
    them (the French translations use no-break spaces)."""
    from tests.html import visible_text

    return re.sub(r"\s+", " ", str(message)).strip() in visible_text(response)


def links_in(message):
    return re.findall(r"https?://[^/\s]+(/\S+?/)(?=\s|$)", message.body)


def last_link():
    """The path of the first link of the last e-mail sent."""
    return links_in(mail.outbox[-1])[0]


def make_entry(contest, status=Entry.Status.APPROVED, category="Adultes", email="auteur@exemple.fr", **fields):
    """An entry as if submitted and confirmed, with a real clean photo."""
    clean = clean_photo(photo_bytes(size=(800, 533)), max_bytes=10**7, min_long_side=100)
    name = private_storage.save(new_photo_name(), ContentFile(clean.data))
    values = {
        "contest": contest, "category": contest.categories.get(name=category),
        "rules_version": contest.current_rules(), "title": "Photo", "description": "Une photo du Val.",
        "author_name": "Alex Martin", "email": email, "age": 30, "people": Entry.People.NONE,
        "licence": {"uses": ["contest"], "media": ["web"], "territory": "france", "years": 1,
                    "granted_at": timezone.now().isoformat()},
        "photo": name, "width": clean.width, "height": clean.height, "status": status, **fields,
    }
    return Entry.objects.create(**values)


def private_files():
    """Every file under the private root (names relative to it)."""
    root = private_storage.location
    import os

    found = []
    for folder, _dirs, files in os.walk(root):
        found += [os.path.relpath(os.path.join(folder, name), root) for name in files]
    return sorted(found)
