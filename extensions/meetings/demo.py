"""Demo content of meetings for `manage.py load_demo`: the conseil
municipal of Saint-Aurèle (4,200 inhabitants: five jours francs, notes de
synthèse required) with an upcoming meeting already convened and mixed
receipts and answers (opened, acknowledged, present, a pouvoir, excused, a
failed e-mail, a member on paper), the commission urbanisme's meeting in
preparation, and the conseil communautaire of the Val d'Aurèle on the
intercommunality's site. The e-mails of the demo go to Django's in-memory
backend: nothing leaves the machine. Running it again creates nothing new."""
import io
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.test import override_settings
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Site

from core.pdf import Document
from extensions.commissions.models import Space

from . import convocations, workflow
from .documents import preparation_collection
from .member_views import acknowledge, record_opening
from .models import Delivery, InformationRecipient, Instance, Mandate, Recipient
from .pages import AgendaItem, MeetingIndexPage, MeetingPage
from .tasks import deliver

Answer = Recipient.Answer
MANDATE_START = date(2020, 5, 25)

COUNCIL = {
    "name": "Conseil municipal de Saint-Aurèle", "kind": Instance.Kind.COMMUNE, "population": 4200,
    "space": "Conseil municipal", "signatory": "La maire, Claire Fontanel",
    "members": ["cfontanel", "elu", "elu2", "broux", "mguerin", "tcaron", "aleblanc"],
    "paper": "mguerin",
    # The 2026 municipal elections, won at the first round: what « première
    # réunion après renouvellement » is checked against (L2121-7).
    "renewal_date": date(2026, 3, 15),
}
URBANISME = {
    "name": "Commission urbanisme", "kind": Instance.Kind.COMMISSION, "population": 4200,
    "space": "Commission urbanisme", "signatory": "Le président de la commission, Bernard Roux",
    "members": ["broux", "elu", "mguerin", "aleblanc"],
}
EPCI = {
    "name": "Conseil communautaire du Val d'Aurèle", "kind": Instance.Kind.EPCI, "population": 18600,
    "space": None, "signatory": "Le président, Bernard Lacombe",
    "members": ["elu2", "cfontanel", "tcaron"],
    "information": [("Hélène Garnier", "helene.garnier@val-daurele.localhost", "Montclar"),
                    ("Paul Mercier", "paul.mercier@val-daurele.localhost", "Les Fontaines")],
}

ITEMS = [
    ("Budget primitif 2027 du budget principal", "cfontanel",
     "<p>Le budget primitif s'équilibre à 5,2 M€ en fonctionnement et 1,8 M€ en investissement, sans "
     "hausse des taux d'imposition.</p>", "Projet de délibération – budget primitif 2027"),
    ("Subventions aux associations", "elu2",
     "<p>Trente-deux associations ont déposé une demande ; le tableau joint propose 84 500 € au total.</p>",
     "Annexe – tableau des subventions 2027"),
    ("Révision du plan local d'urbanisme : débat sur le PADD", "broux",
     "<p>Le conseil débat des orientations générales du projet d'aménagement et de développement durables ; "
     "ce débat n'est pas suivi d'un vote.</p>", "Annexe – orientations du PADD (ODT)"),
]


def load(command):
    people = {user.username: user for user in get_user_model().objects.all()}
    agent = people["agent"]
    instances = [_instance(spec, people) for spec in (COUNCIL, URBANISME, EPCI)]
    command.report("Instances", sum(created for _i, created in instances), len(instances))
    council, urbanisme, epci = (instance for instance, _created in instances)
    commune_index = _index(Site.objects.filter(hostname="localhost").first())
    interco_index = _index(Site.objects.filter(hostname="interco.localhost").first())
    created = [
        _convened_council(commune_index, council, people, agent),
        bool(_meeting(commune_index, urbanisme, "Commission urbanisme : stationnement du centre-bourg", 9, people,
                      is_public=False, place="Salle des commissions, mairie")),
        _convened_epci(interco_index, epci, people, agent),
    ]
    command.report("Séances", sum(created), len(created))


def _instance(spec, people):
    instance, created = Instance.objects.get_or_create(name=spec["name"], defaults={
        "kind": spec["kind"], "population": spec["population"], "signatory": spec["signatory"],
        "space": Space.objects.filter(name=spec["space"]).first() if spec["space"] else None,
        "commission_notice_days": 3, "renewal_date": spec.get("renewal_date"),
    })
    if created:
        for username in spec["members"]:
            Mandate.objects.create(
                instance=instance, member=people[username], start=MANDATE_START, role="conseiller",
                channel=Mandate.Channel.PAPER if username == spec.get("paper") else Mandate.Channel.EMAIL,
                postal_address="12 chemin des Vignes\n12345 Saint-Aurèle" if username == spec.get("paper") else "",
            )
        for name, email, commune in spec.get("information", []):
            InformationRecipient.objects.create(instance=instance, name=name, email=email, commune=commune)
    return instance, created


def _index(site):
    if site is None:
        return None
    home = site.root_page
    index = MeetingIndexPage.objects.child_of(home).first()
    if index is None:
        index = MeetingIndexPage(title="Séances", slug="seances")
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


DEMO_TEXT = ("Document de démonstration. Le conseil, après en avoir délibéré, approuve les propositions "
             "présentées par le rapporteur.")


def _odt(title):
    """An office document, as agents often upload: members read it as the
    PDF made from it (reading_copies.py)."""
    from odf.opendocument import OpenDocumentText
    from odf.text import H, P

    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text=title))
    document.text.addElement(P(text=DEMO_TEXT))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def _document(title, instance, author):
    """A PDF written with the shared PDF helper (an ODT when the title says
    so), uploaded where an agent would: the instance's « En préparation »
    (the convocation releases it to the members)."""
    if title.endswith("(ODT)"):
        content, name = _odt(title), f"{title[:40]}.odt"
    else:
        pdf = Document(title, instance.name)
        pdf.paragraph(DEMO_TEXT)
        content, name = pdf.output(), f"{title[:40]}.pdf"
    collection = preparation_collection(instance)
    document = get_document_model()(title=title, collection=collection, uploaded_by_user=author,
                                    file=ContentFile(content, name=name))
    document._set_document_file_metadata()
    document.save()
    return document


def _meeting(index, instance, title, days, people, is_public=True, place="Salle du conseil, mairie"):
    """The meeting (created once, in `days` days at 18:30); False if it existed."""
    if index is None or MeetingPage.objects.filter(title=title).exists():
        return False
    day = timezone.localdate() + timedelta(days=days)
    meeting = MeetingPage(
        title=title, instance=instance, place=place, address="Place de la Mairie", is_public=is_public,
        start=timezone.make_aware(datetime.combine(day, time(18, 30))),
    )
    for item_title, rapporteur, note, document_title in ITEMS[: 3 if instance.kind != Instance.Kind.COMMISSION else 1]:
        item = AgendaItem(title=item_title, rapporteur=people.get(rapporteur), note=note)
        if document_title:
            item.documents = [("document", {"kind": "projet",
                                            "document": _document(document_title, instance, people["agent"])})]
        meeting.agenda_items.add(item)
    index.add_child(instance=meeting)
    meeting.save_revision(user=people["agent"]).publish()
    return meeting


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def _convene(meeting, agent):
    """Locks and sends through the real pipeline; the messages stay in memory."""
    workflow.lock_recipients(meeting, agent)
    convocation = convocations.send(meeting, agent)
    deliver(Delivery.objects.filter(convocation=convocation))
    return convocation


def _convened_council(index, council, people, agent):
    meeting = _meeting(index, council, "Conseil municipal – séance ordinaire", 12, people)
    if not meeting:
        return False
    convocation = _convene(meeting, agent)
    # `elu` has opened it only: « Mes espaces » shows it to confirm (the
    # élu's guide and its browser test start there).
    answers = {"cfontanel": Answer.PRESENT, "broux": Answer.EXCUSED}
    for username in ("elu", "elu2", "cfontanel", "broux"):
        recipient = meeting.recipients.get(user=people[username])
        record_opening(recipient, people[username])
        if username == "cfontanel":
            acknowledge(recipient, people[username])
        if username in answers:
            workflow.give_answer(recipient, answers[username], actor=people[username])
    workflow.give_answer(meeting.recipients.get(user=people["elu2"]), Answer.POUVOIR, actor=people["elu2"],
                         holder=people["elu"], notify=False)
    failed = convocation.deliveries.get(recipient__user=people["tcaron"])
    Delivery.objects.filter(pk=failed.pk).update(status=Delivery.Status.FAILED, attempts=6,
                                                 error="550 5.1.1 Adresse inconnue du serveur destinataire")
    convocations.record_posting(convocation, timezone.localdate(), agent)
    return True


def _convened_epci(index, epci, people, agent):
    meeting = _meeting(index, epci, "Conseil communautaire – orientations budgétaires", 15, people)
    if not meeting:
        return False
    _convene(meeting, agent)
    record_opening(meeting.recipients.get(user=people["elu2"]), people["elu2"])
    return True
