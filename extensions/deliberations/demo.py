"""Demo content of the deliberations for `manage.py load_demo`: two past
séances of the conseil municipal of Saint-Aurèle (created by
extensions.meetings' demo), held through the console's own functions —
émargement, a departure, a public ballot, a vote with a pouvoir — then
closed: the first one's procès-verbal adopted at the second, signed and
published, both lists of deliberations online, and the adopted
deliberations published as acts in the library, numbered after the
deliberations the commune filed in the library before (one series a year).
On both sites, a « Délibérations » page, linked with the « Séances » from
the main menu and from the council's page. Running it again creates
nothing new."""
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from extensions.meetings import convocations
from extensions.meetings.models import Instance, Mandate, Pouvoir
from extensions.meetings.pages import AgendaItem, MeetingIndexPage, MeetingPage
from library.demo import read_fixture
from pages.demo import SITES
from pages.site_settings import Navigation

from . import listing, minutes, publication
from . import seance as seance_service
from .models import Deliberation, Movement, ProcesVerbal, RegisterCounter, Seance
from .pages import ActIndexPage

COUNCIL = "Conseil municipal de Saint-Aurèle"
PAST_SEANCES = [
    {
        "title": "Conseil municipal – séance du printemps", "days_ago": 70,
        "items": [
            ("Compte administratif 2025", "7.1", "Décisions budgétaires",
             "Le conseil municipal approuve le compte administratif 2025 du budget principal, conforme au compte "
             "de gestion du comptable public.", {}),
            ("Tarifs de la restauration scolaire", "7.10", "Divers",
             "Le conseil municipal fixe le prix du repas à 3,40 € à compter de la rentrée. La famille de "
             "Mme Durand, 4 impasse des Tilleuls, bénéficie du tarif social.", {"public_requests": 2}),
            ("Acquisition de la parcelle AB 112", "3.1", "Acquisitions",
             "Le conseil municipal décide d'acquérir la parcelle AB 112 au prix de 18 000 € pour l'extension du "
             "cimetière.", {}),
        ],
    },
    {
        "title": "Conseil municipal – séance d'été", "days_ago": 35,
        "items": [
            ("Subvention exceptionnelle au comité des fêtes", "7.5", "Subventions",
             "Le conseil municipal accorde une subvention exceptionnelle de 1 500 € au comité des fêtes.", {}),
            ("Dénomination de la place du marché", "9.1", "Autres domaines de compétences des communes",
             "Le conseil municipal dénomme la place du marché « place Marie-Curie ».", {}),
        ],
    },
]
# Who comes, who leaves (at which item), how each votes when not « pour ».
ABSENT = "broux"
POUVOIR = ("tcaron", "elu")
LEAVES_BEFORE_ITEM = {3: "aleblanc"}
CONTRE = {"mguerin"}


def load(command):
    entries = [_public_entries(read_fixture(name)) for name in SITES]
    command.report("Pages d'actes", sum(entries), len(entries))
    council = Instance.objects.filter(name=COUNCIL).first()
    site = Site.objects.filter(hostname="localhost").first()
    if council is None or site is None:
        command.report("Séances tenues", 0, 0)
        return
    people = {user.username: user for user in get_user_model().objects.all()}
    # The acts are signed by the maire, who presides: her mandate says so.
    Mandate.objects.filter(instance=council, member=people["cfontanel"]).update(role="Maire")
    _continue_register(council)
    held = [_held_seance(spec, council, people, site) for spec in PAST_SEANCES]
    command.report("Séances tenues", sum(created for _s, created in held), len(held))
    first, second = (seance for seance, _created in held)
    _adopt_minutes(first, second.meeting, people["agent"])
    acts = [_publish(d, people["agent"]) for s in (first, second) for d in s.deliberations.all() if d.is_adopted]
    command.report("Actes publiés", sum(acts), len(acts))


def _public_entries(spec):
    """A site's « Délibérations » page, reachable with its « Séances » from
    the main menu and from the council's page ([deliberations] of
    fixtures/sites/*.toml); True if the acts page was new."""
    site = Site.objects.filter(hostname=spec["site"]["hostname"]).first()
    seances = MeetingIndexPage.objects.child_of(site.root_page).first() if site else None
    if seances is None:
        return False
    index, created = _acts_index(site)
    navigation = Navigation.for_site(site)
    linked = {block.value["page"].pk for block in navigation.main_menu if block.value["page"]}
    for page, label in ((index, ""), (seances, "Séances du conseil")):
        if page.pk not in linked:
            navigation.main_menu.append(("link", {"label": label, "page": page}))
    navigation.save()
    council_page = Page.objects.filter(
        url_path=f"{site.root_page.url_path}{spec['deliberations']['council_page']}/").first()
    if council_page is not None:
        _link_from(council_page.specific, index, seances)
    return created


def _link_from(page, index, seances):
    """A paragraph of `page` linking to the acts and the séances (once)."""
    if any(block.block_type == "paragraph" and f'id="{index.pk}"' in block.value.source for block in page.body):
        return
    page.body.append(("paragraph", RichText(
        f'<p>Les <a linktype="page" id="{index.pk}">délibérations</a> du conseil sont publiées en ligne avec '
        f'leur texte intégral ; les <a linktype="page" id="{seances.pk}">séances du conseil</a> donnent l’ordre '
        "du jour, la liste des délibérations et le procès-verbal de chaque séance.</p>")))
    page.save_revision().publish()


def _continue_register(council):
    """Saint-Aurèle came to Parvis during the year: its register goes on
    from the last number filed in the library (fixtures/documents.toml),
    so that a year's deliberations make one series."""
    for year in {(timezone.localdate() - timedelta(days=spec["days_ago"])).year for spec in PAST_SEANCES}:
        filed = [int(doc["reference"].split("-")[1]) for doc in read_fixture("documents.toml")["document"]
                 if doc["issuer"] == "commune" and doc["kind"] == "deliberation"
                 and doc["reference"].startswith(f"{year}-")]
        RegisterCounter.objects.get_or_create(register=council, year=year, defaults={"last": max(filed, default=0)})


def _acts_index(site):
    """The « Délibérations » page of the site: (page, created)."""
    index = ActIndexPage.objects.descendant_of(site.root_page).first()
    if index is not None:
        return index, False
    index = ActIndexPage(title="Délibérations", slug="deliberations")
    site.root_page.add_child(instance=index)
    index.save_revision().publish()
    return index, True


def _held_seance(spec, council, people, site):
    """The meeting held and closed; (séance, created)."""
    existing = MeetingPage.objects.filter(title=spec["title"]).first()
    if existing is not None:
        return Seance.objects.get(meeting=existing), False
    day = timezone.localdate() - timedelta(days=spec["days_ago"])
    start = timezone.make_aware(datetime.combine(day, time(19, 0)))
    meeting = MeetingPage(title=spec["title"], instance=council, start=start, place="Salle du conseil, mairie",
                          address="Place de la Mairie", is_public=True)
    for order, (title, *_rest) in enumerate(spec["items"]):
        meeting.agenda_items.add(AgendaItem(title=title, rapporteur=people["cfontanel"], sort_order=order))
    MeetingIndexPage.objects.child_of(site.root_page).first().add_child(instance=meeting)
    meeting.save_revision(user=people["agent"]).publish()
    # Its convocation is not part of this demo (its délai is long past):
    # the meeting becomes convened through the sending's own step, so a
    # public séance is public like any convened one.
    convocations.mark_convened(meeting, from_states=[MeetingPage.State.PREPARATION])
    pouvoir = Pouvoir.objects.create(instance=council, giver=people[POUVOIR[0]], holder=people[POUVOIR[1]])
    pouvoir.meetings.add(meeting)
    seance = seance_service.seance_for(meeting)
    _hold(seance, spec, people, start)
    return seance, True


def _hold(seance, spec, people, start):
    agent = people["agent"]
    members = [m for m in seance_service.members(seance) if m.username not in (ABSENT, POUVOIR[0])]
    for minute, member in enumerate(members):
        seance_service.record_movement(seance, member, Movement.Kind.ARRIVAL, at=start + timedelta(minutes=minute))
    seance_service.open_seance(seance, agent, people["cfontanel"], [people["elu2"]])
    for position, (title, code, name, text, extra) in enumerate(spec["items"], start=1):
        deliberation = seance.deliberations.get(position=position)
        if position in LEAVES_BEFORE_ITEM:
            seance_service.record_movement(seance, people[LEAVES_BEFORE_ITEM[position]], Movement.Kind.DEPARTURE,
                                           at=start + timedelta(minutes=20 * position))
        Deliberation.objects.filter(pk=deliberation.pk).update(
            text=text, report=f"Rapport présenté par la maire sur : {title.lower()}.", matiere_code=code,
            matiere_name=name, discussion="Pas d'observation." if position > 1 else
            "M. Guérin regrette la hausse des dépenses de personnel ; la maire rappelle l'ouverture d'une classe.",
            **extra)
        deliberation.refresh_from_db()
        presence = seance_service.attendance(seance, deliberation)
        choices = {m.pk: ("contre" if m.username in CONTRE else "pour") for m, _holder in presence.voters()}
        seance_service.record_vote(deliberation, seance_service.Tally(choices=choices))
    seance_service.close_seance(seance, agent)
    Seance.objects.filter(pk=seance.pk).update(opened_at=start, closed_at=start + timedelta(hours=1, minutes=40))
    Deliberation.objects.filter(seance=seance).update(voted_at=start + timedelta(minutes=45))
    seance.refresh_from_db()
    listing.publish_list(seance)
    Seance.objects.filter(pk=seance.pk).update(list_published_at=start + timedelta(days=2))


def _adopt_minutes(seance, next_meeting, agent):
    """The first séance's procès-verbal: adopted at the second, signed
    (the demo signs the generated PDF), published."""
    pv = seance.proces_verbal
    if pv.status == ProcesVerbal.Status.PUBLISHED:
        return
    ProcesVerbal.objects.filter(pk=pv.pk).update(
        discussions="La séance s'est tenue dans le calme ; le public était nombreux pour le point sur la cantine.")
    pv.refresh_from_db()
    minutes.adopt(pv, next_meeting)
    minutes.sign(pv, SimpleUploadedFile("pv-signe.pdf", minutes.draft_pdf(seance), "application/pdf"))
    minutes.publish(pv)


def _publish(deliberation, agent):
    """Publishes an adopted deliberation once; True if it was new."""
    if hasattr(deliberation, "act"):
        return False
    text = deliberation.text.replace("Mme Durand, 4 impasse des Tilleuls,", "Mme D.")
    publication.pseudonymise(deliberation, text, agent)
    publication.publish_act(deliberation, agent)
    return True
