"""Demo content of the private spaces for `manage.py load_demo`: the conseil
municipal and the commissions urbanisme, travaux and sécurité, their
members (the demo accounts of pages.demo, plus a few council members who
cannot sign in), publications with attached documents from demo_files/,
readings, comments, and the accepted invitation of `externe` into the
commission sécurité only. Running it again creates nothing new."""
from datetime import timedelta
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.management.base import CommandError
from django.utils import timezone
from wagtail.documents import get_document_model

from . import invitations
from .models import Comment, Invitation, Membership, Publication, PublicationAttachment, Reading, Space

FILES_DIR = Path(__file__).resolve().parent / "demo_files"
Role = Membership.Role

# Council members without a demo login: they make the counters realistic.
COUNCILLORS = [
    ("cfontanel", "Claire", "Fontanel"),
    ("broux", "Bernard", "Roux"),
    ("mguerin", "Martine", "Guérin"),
    ("tcaron", "Thierry", "Caron"),
    ("aleblanc", "Aurélie", "Leblanc"),
]

SPACES = [
    {
        "name": "Conseil municipal",
        "kind": Space.Kind.COUNCIL,
        "description": "Documents de travail et informations du conseil municipal de Saint-Aurèle.",
        "members": [("cfontanel", Role.PRESIDENT), ("agent", Role.REFERENT), ("elu", Role.MEMBER),
                    ("elu2", Role.MEMBER), ("broux", Role.MEMBER), ("mguerin", Role.MEMBER),
                    ("tcaron", Role.MEMBER), ("aleblanc", Role.MEMBER)],
        "publications": [
            {
                "title": "Projet d'ordre du jour du prochain conseil",
                "author": "agent",
                "days_ago": 2,
                "body": "<p>Vous trouverez ci-joint le projet d'ordre du jour. Les rapports seront déposés ici "
                        "au fur et à mesure ; vos questions diverses sont à transmettre au secrétariat avant "
                        "vendredi.</p>",
                "files": ["projet-ordre-du-jour-conseil.odt"],
                "readers": ["cfontanel", "elu2", "broux"],
            },
        ],
    },
    {
        "name": "Commission urbanisme",
        "kind": Space.Kind.COMMISSION,
        "description": "Plan local d'urbanisme, autorisations d'urbanisme, aménagement du centre-bourg.",
        "members": [("broux", Role.PRESIDENT), ("agent", Role.REFERENT), ("elu", Role.MEMBER),
                    ("mguerin", Role.MEMBER), ("aleblanc", Role.MEMBER)],
        "publications": [
            {
                "title": "Ordre du jour de la prochaine commission",
                "author": "agent",
                "days_ago": 6,
                "body": "<p>Bonjour à toutes et à tous,</p><p>La commission se réunira mardi à 18 h 30 en "
                        "salle du conseil. L'ordre du jour est joint ; merci de confirmer votre présence.</p>",
                "files": ["ordre-du-jour-commission-urbanisme.odt"],
                "readers": ["broux", "elu", "mguerin"],
                "comments": [("elu", "Je serai présent. Pourra-t-on évoquer le stationnement rue de l'Église ?"),
                             ("broux", "Oui, en questions diverses.")],
            },
            {
                "title": "Révision du PLU : note de synthèse avant le débat sur le PADD",
                "author": "broux",
                "days_ago": 1,
                "body": "<p>Voici la note de synthèse préparée avec le bureau d'études. Elle présente les "
                        "trois orientations du projet d'aménagement et de développement durables.</p>"
                        "<p>Vos observations sont attendues en commentaire avant la réunion.</p>",
                "files": ["note-revision-plu.odt"],
                "readers": ["agent"],
            },
        ],
    },
    {
        "name": "Commission travaux",
        "kind": Space.Kind.COMMISSION,
        "description": "Voirie, bâtiments communaux, programme annuel de travaux.",
        "members": [("elu2", Role.PRESIDENT), ("agent", Role.REFERENT), ("tcaron", Role.MEMBER),
                    ("aleblanc", Role.MEMBER)],
        "publications": [
            {
                "title": "Programme de voirie : propositions des services",
                "author": "agent",
                "days_ago": 4,
                "body": "<p>Les services techniques ont chiffré trois opérations pour cette année. Merci "
                        "d'en prendre connaissance avant l'arbitrage budgétaire.</p>",
                "files": ["programme-voirie.odt"],
                "readers": ["elu2"],
            },
        ],
    },
    {
        "name": "Commission sécurité",
        "kind": Space.Kind.COMMISSION,
        "description": "Sécurité publique, plan communal de sauvegarde, relations avec la gendarmerie.",
        "members": [("tcaron", Role.PRESIDENT), ("agent", Role.REFERENT), ("mguerin", Role.MEMBER)],
        "guest": "externe",
        "publications": [
            {
                "title": "Exercice d'évacuation de l'école : préparation",
                "author": "tcaron",
                "days_ago": 3,
                "body": "<p>L'exercice d'évacuation de l'école des Tilleuls est prévu le mois prochain, avec "
                        "la brigade de gendarmerie. L'extrait du plan communal de sauvegarde est joint.</p>",
                "files": ["plan-communal-de-sauvegarde-extrait.odt"],
                "readers": ["agent", "externe"],
                "comments": [("externe", "La brigade pourra mobiliser deux patrouilles ce jour-là.")],
            },
        ],
    },
]


def load(command):
    people = _people()
    command.report("Espaces privés", *_count(_space(spec, people) for spec in SPACES))
    command.report("Publications", *_count(
        _publication(Space.objects.get(name=spec["name"]), item, people)
        for spec in SPACES for item in spec["publications"]
    ))


def _count(created_flags):
    flags = list(created_flags)
    return sum(flags), len(flags)


def _people():
    """The demo accounts (created by pages.demo) and the councillors (created
    here, without a usable password), by username."""
    User = get_user_model()
    for username, first_name, last_name in COUNCILLORS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first_name, "last_name": last_name,
                      "email": f"{username}@saint-aurele.localhost"},
        )
        if created:
            user.set_unusable_password()
            user.save()
    people = {user.username: user for user in User.objects.all()}
    missing = {"agent", "elu", "elu2", "externe"} - set(people)
    if missing:
        raise CommandError(f"Comptes de démonstration absents ({', '.join(sorted(missing))}) : pages.demo d'abord.")
    return people


def _space(spec, people):
    space = Space.objects.filter(name=spec["name"]).first()
    created = space is None
    if created:
        space = Space.objects.create(name=spec["name"], kind=spec["kind"], description=spec["description"])
    for username, role in spec["members"]:
        Membership.objects.get_or_create(space=space, user=people[username], defaults={"role": role})
    if spec.get("guest"):
        _invite_guest(space, people[spec["guest"]], people["agent"])
    return created


def _invite_guest(space, guest, inviter):
    """The guest came in through an invitation, accepted, as in real life
    (its history shows in the admin); no e-mail is sent."""
    if Invitation.objects.filter(space=space, email__iexact=guest.email).exists():
        return
    invitation, _secret = invitations.create_invitation(space, guest.email, inviter)
    invitations.accept(invitation, guest)


def _publication(space, spec, people):
    publication = Publication.objects.filter(space=space, title=spec["title"]).first()
    if publication is not None:
        return False
    author = people[spec["author"]]
    publication = Publication.objects.create(
        space=space, title=spec["title"], body=spec["body"], author=author,
        published_at=timezone.now() - timedelta(days=spec["days_ago"]),
    )
    for position, name in enumerate(spec["files"]):
        PublicationAttachment.objects.create(
            publication=publication, document=_document(space, name, author), sort_order=position
        )
    for username in [spec["author"], *spec["readers"]]:
        Reading.objects.get_or_create(
            publication=publication, user=people[username],
            defaults={"read_at": publication.published_at + timedelta(hours=len(username))},
        )
    for username, body in spec.get("comments", []):
        Comment.objects.create(publication=publication, author=people[username], body=body,
                               created_at=publication.published_at + timedelta(hours=5))
    return True


def _document(space, name, author):
    Document = get_document_model()
    with (FILES_DIR / name).open("rb") as fh:
        document = Document(
            title=Path(name).stem.replace("-", " ").capitalize(),
            collection=space.collection,
            uploaded_by_user=author,
            file=File(fh, name=name),
        )
        document._set_document_file_metadata()
        document.save()
    return document
