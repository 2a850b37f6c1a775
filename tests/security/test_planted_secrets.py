"""The planted-secret sweep (issue 13): a world where a unique marker sits
in every private text field and file (planting.py finds them from the
models and classifies them in one table), then, for each role, every
channel — both sites' pages crawled from their home, sitemap and links,
the search page, suggestions and the API (session and token), feeds and
iCal, open data, documents by guessed ids, the e-mails sent, the admin's
listings and choosers — must answer without one marker the role may not
read. A failure names each marker, the role and where it was found.

The world is built once per module (and search backend) inside a
transaction rolled back at the end; each role's sweep runs in a savepoint
of it. With SEARCH_TEST_URL set, the whole sweep runs again on OpenSearch."""
import datetime
import io
from collections import deque

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.test.utils import override_settings
from django.utils import timezone
from modelsearch.backends import get_search_backend
from wagtail.models import APIToken, Page, PageViewRestriction, Site
from wagtail.snippets.models import get_snippet_models

from extensions.commissions.models import Comment
from extensions.deliberations import minutes
from extensions.deliberations import seance as seance_service
from extensions.deliberations.pages import ActIndexPage
from extensions.elections.models import BureauDeVote, BureauResult, Candidature, Correction, Scrutin, Voix
from extensions.elections.pages import ElectionIndexPage, ElectionResultsPage
from extensions.meetings import convocations, workflow
from extensions.meetings.models import Mandate
from extensions.participation.models import Entry
from extensions.participation.roles import JURY
from library.pages import LibraryPage
from pages.roles import AGENTS, ELUS, REDACTION
from tests.commissions.conftest import publish
from tests.deliberations.conftest import all_for, arrive, make_meeting
from tests.factories import (
    ArchiveDocumentFactory,
    EventIndexPageFactory,
    EventPageFactory,
    LibraryPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
    UserFactory,
    install_home_page,
    make_odt,
    pdf_bytes,
    private_collection,
)
from tests.meetings.factories import InstanceFactory, MeetingIndexPageFactory, MeetingPageFactory, attach
from tests.participation.helpers import make_contest, make_entry
from tests.search.conftest import SERVER_URLS, _created, backend_params, backend_settings, empty_indexes

from .planting import (
    ROLES,
    Leaks,
    World,
    document_audience,
    extract_urls,
    found_markers,
    host_of,
    plant,
    readable_text,
    unclassified_models,
)

# Every test runs in a savepoint of the module's world.
pytestmark = pytest.mark.django_db

INTERCO = "interco.localhost"
CRAWL_LIMIT = 150  # URLs per site and role
# Where a crawl starts on each site, besides the links it finds.
START_PATHS = [
    "/", "/sitemap.xml", "/api/v1/", "/api/v1/news/", "/api/v1/events/", "/api/v1/documents/",
    "/api/v1/contests/", "/api/v1/contest-entries/", "/api/v1/publications/", "/api/v1/meetings/",
    "/api/v1/deliberations/", "/donnees/agenda.ics", "/donnees/agenda.json", "/donnees/deliberations.csv",
    "/seances/calendrier/seances.ics", "/seances/calendrier/", "/espaces/", "/donnees/elections/",
    "/api/v1/elections/", "/elections/saisie/",
]
# Never followed: they change the session or state, or are the admin (swept on its own).
SKIPPED = ("/deconnexion/", "/admin/", "/static/", "/_util/", "/api/v1/schema/", "/api/v1/docs/",
           "/mot-de-passe/", "/participation/defi/")
ADMIN_PATHS = [
    "/admin/", "/admin/pages/", "/admin/pages/search/?q=zq", "/admin/choose-page/",
    "/admin/choose-page/search/?q=SECRET", "/admin/documents/", "/admin/documents/?q=SECRET",
    "/admin/documents/chooser/", "/admin/documents/chooser/results/?q=SECRET", "/admin/images/chooser/",
    "/admin/searchpromotions/", "/admin/searchpromotions/queries/chooser/",
    "/admin/searchpromotions/queries/chooser/results/?q=zq", "/admin/reports/search-terms/",
    "/admin/reports/site-history/", "/admin/reports/locked/", "/admin/reports/aging-pages/",
    "/admin/pages/workflow-history/", "/admin/seances/", "/admin/bulk/", "/admin/snippets/",
]


def deliberation_pdf_sign(pv):
    """The secretary signs the PV as drafted: the signed file is the draft."""
    minutes.sign(pv, SimpleUploadedFile("pv.pdf", minutes.draft_pdf(pv.seance)))


def build_people():
    jury = Group.objects.get_or_create(name=JURY)[0]
    people = {
        "anonymous": None,
        "citizen": UserFactory(username="citoyen"),
        "elu_member": UserFactory(username="elu", first_name="Paul", last_name="Martin", groups=[ELUS]),
        "elu_non_member": UserFactory(username="elu2", first_name="Inès", last_name="Bernard", groups=[ELUS]),
        "outsider": UserFactory(username="externe", first_name="Yann", last_name="Gendarme"),
        "agent": UserFactory(username="agent", groups=[AGENTS]),
        "redaction": UserFactory(username="redaction", groups=[REDACTION]),
        "jury": UserFactory(username="jury"),
    }
    people["jury"].groups.add(jury)
    return people


def restrict(page, *group_names, password=None):
    if password:
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD,
                                           password=password)
        return page
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set(Group.objects.filter(name__in=group_names))
    return page


def editorial_sections(home, world, prefix):
    """News and agenda, each with a public, an Élus-only and (news) a
    password-protected and a never-published page; the library."""
    news = NewsIndexPageFactory(parent=home, title=f"Actualités {prefix}", slug="actualites")
    NewsPageFactory(parent=news, title=f"Fête du village {prefix}")
    restrict(NewsPageFactory(parent=news, title=f"Note aux élus {prefix}"), ELUS)
    restrict(StandardPageFactory(parent=news, title=f"Page protégée {prefix}"), password="motdepasse")
    unpublished = NewsPageFactory(parent=news, title=f"Brouillon {prefix}")
    unpublished.unpublish()
    agenda = EventIndexPageFactory(parent=home, title=f"Agenda {prefix}", slug="agenda")
    EventPageFactory(parent=agenda, title=f"Marché {prefix}")
    restrict(EventPageFactory(parent=agenda, title=f"Séminaire {prefix}"), ELUS)
    LibraryPageFactory(parent=home, slug="actes")


def build_council(home, people):
    """The conseil municipal (the élu member and ten others): a public
    meeting convened through the real flow with notes and an annex, one in
    préparation, a private one, and a held séance whose third item was
    examined à huis clos."""
    council = InstanceFactory(name="Conseil municipal", population=1200)
    others = [UserFactory(username=f"conseiller{n}", groups=[ELUS]) for n in range(10)]
    for member in [people["elu_member"], *others]:
        Mandate.objects.create(instance=council, member=member, role="conseiller municipal",
                               start=datetime.date(2020, 5, 25))
    index = MeetingIndexPageFactory(parent=home)
    convened = MeetingPageFactory(parent=index, instance=council, title="Conseil municipal de janvier")
    attach(convened, 0, title="Projet de délibération sur les tarifs")
    workflow.lock_recipients(convened, people["agent"])
    convocations.send(convened, people["agent"])
    preparing = MeetingPageFactory(parent=index, instance=council, title="Conseil municipal de février")
    attach(preparing, 0, title="Projet de budget")
    private = MeetingPageFactory(parent=index, instance=council, title="Réunion privée", is_public=False)
    type(private).objects.filter(pk=private.pk).update(state="convoked")
    held = make_meeting(index, council, timezone.make_aware(datetime.datetime(2026, 3, 10, 19, 0)))
    later = make_meeting(index, council, timezone.make_aware(datetime.datetime(2026, 4, 7, 19, 0)))
    members = [people["elu_member"], *others]
    secretary = people["agent"]
    seance = seance_service.seance_for(held)
    arrive(seance, *members[:8])
    seance_service.open_seance(seance, secretary, members[0], [members[1]])
    for item in seance.deliberations.order_by("position"):
        item.text = f"Le conseil municipal approuve : {item.title}."
        item.report = f"Rapport sur {item.title}."
        item.discussion = f"Débat sur {item.title}."
        item.matiere_code, item.matiere_name = "7.1", "Décisions budgétaires"
        item.huis_clos = item.position == 3
        item.save()
        seance_service.record_vote(item, all_for(seance, item))
    # A vote corrected before the close: its trail is the staff's.
    first = seance.deliberations.get(position=1)
    seance_service.correct_vote(first, all_for(seance, first, **{members[2].username: "contre"}),
                                "Main mal comptée", secretary)
    seance_service.close_seance(seance, secretary)
    home.add_child(instance=ActIndexPage(title="Délibérations", slug="deliberations"))
    return seance, later


def publish_minutes(seance, later):
    """The real flow after the séance: adopted, signed as drafted, published."""
    pv = seance.proces_verbal
    pv.discussions = "Le maire ouvre la séance."
    pv.save()
    minutes.adopt(pv, later)
    deliberation_pdf_sign(pv)
    minutes.publish(pv)


def build_spaces(people):
    from tests.commissions.conftest import Role, join

    from extensions.commissions.models import Space

    urbanisme = Space.objects.create(name="Commission urbanisme", description="PLU et permis.")
    securite = Space.objects.create(name="Commission sécurité")
    president = UserFactory(username="presidente", groups=[ELUS])
    join(urbanisme, president, Role.PRESIDENT)
    join(urbanisme, people["elu_member"])
    join(securite, people["elu_non_member"], Role.PRESIDENT)
    join(securite, people["outsider"], Role.GUEST)
    for space, author in ((urbanisme, president), (securite, people["elu_non_member"])):
        publication = publish(space, author, title=f"Dossier de la {space.name}")
        Comment.objects.create(publication=publication, author=author, body="Un avis.")


def build_contest(home, people):
    contest = make_contest(home)
    make_entry(contest, title="Lever de soleil")
    make_entry(contest, title="En attente", status=Entry.Status.PENDING)
    make_entry(contest, title="Refusée", status=Entry.Status.REJECTED, rejection_reason="Hors sujet")


def build_elections(home, people):
    """A scrutin with its results page: one bureau validated (a gap between
    votants and émargements, its reason, its signed PV and a correction),
    one still a draft; the office's agent signs in nowhere in the sweep."""
    site = Site.objects.get(root_page=home)
    scrutin = Scrutin.objects.create(site=site, kind=Scrutin.Kind.MUNICIPALES, title="Municipales", seats=19,
                                     day=datetime.date(2026, 3, 15), commune_code="81999",
                                     commune_name="Saint-Parvis", population=1672)
    lists = [Candidature.objects.create(scrutin=scrutin, panel=n, name=name) for n, name in ((1, "A"), (2, "B"))]
    for number, status in ((1, BureauResult.Status.VALIDATED), (2, BureauResult.Status.DRAFT)):
        bureau = BureauDeVote.objects.create(site=site, number=number, name=f"Bureau {number}", inscrits=900)
        scrutin.bureaux.add(bureau)
        result = BureauResult.objects.create(
            scrutin=scrutin, bureau=bureau, status=status, inscrits=900, votants=500, emargements=501, blancs=0,
            nuls=0, gap_reason="Un électeur a signé sans voter", pv=SimpleUploadedFile("pv.pdf", pdf_bytes("PV")))
        for candidature, voix in zip(lists, (300, 200)):
            Voix.objects.create(result=result, candidature=candidature, voix=voix)
    Correction.objects.create(result=result, replaced_version=1, previous={"votants": 499},
                              author=people["redaction"], reason="Erreur de report")
    index = home.add_child(instance=ElectionIndexPage(title="Élections", slug="elections"))
    index.add_child(instance=ElectionResultsPage(title="Municipales 2026", slug="municipales", scrutin=scrutin))


def build_world():
    people = build_people()
    home = install_home_page(title="Saint-Parvis", slug="saint-parvis")
    interco = install_home_page(hostname=INTERCO, theme="interco", title="Val d'Aurèle", slug="val")
    world = World(people=people, sites={"localhost": home, INTERCO: interco})
    editorial_sections(home, world, "commune")
    editorial_sections(interco, world, "interco")
    ArchiveDocumentFactory(title="Budget primitif")
    ArchiveDocumentFactory(title="Note confidentielle", collection=private_collection("Espace des élus", ELUS))
    seance, later = build_council(home, people)
    build_spaces(people)
    build_contest(interco, people)
    build_elections(home, people)
    plant(world)
    publish_minutes(seance, later)
    search_terms(world)
    world.token_key = APIToken.create_token(user=people["elu_non_member"], name="Application")[1]
    return world


def search_terms(world):
    """The élu member searches for a word of their own: the real search
    view records it (finding 8)."""
    marker = world.new_marker("search terms of elu_member", {"elu_member", "redaction"})
    client = Client()
    client.force_login(world.people["elu_member"])
    client.get("/recherche/", {"q": marker.token})


@pytest.fixture(scope="module", params=backend_params(("database", *SERVER_URLS)))
def world(request, django_db_setup, django_db_blocker):
    """The planted world, on the search backend of this parametrisation."""
    name = request.param
    with django_db_blocker.unblock(), override_settings(WAGTAILSEARCH_BACKENDS=backend_settings(name)):
        backend = get_search_backend()
        if name != "database":
            if name not in _created:
                call_command("update_index", verbosity=0, stdout=io.StringIO())
                _created.add(name)
            empty_indexes(backend)
        with transaction.atomic():
            mail.outbox = []
            built = build_world()
            if name != "database":
                backend.refresh_indexes()
            built.backend = name
            yield built
            transaction.set_rollback(True)
        if name != "database":
            empty_indexes(backend)


def test_every_model_with_text_is_classified():
    """A new model (or an app's) with a text field fails here until its
    private fields are classified in planting.CLASSIFICATION."""
    assert unclassified_models() == []


def test_the_world_has_a_marker_in_every_kind_of_private_content(world):
    labels = {marker.label.split("#")[0] for marker in world.markers}
    expected = {
        "commissions.Publication.body", "commissions.Comment.body", "library.ArchiveDocument.file",
        "meetings.AgendaItem.note", "meetings.MeetingPage.title", "deliberations.Deliberation.discussion",
        "deliberations.Deliberation.report", "participation.Entry.title", "participation.Entry.email",
        "pages.NewsPage.title", "pages.StandardPage.intro", "commissions.SpacePage.title",
        "elections.BureauResult.gap_reason", "elections.BureauResult.pv", "elections.Correction.reason",
    }
    assert expected <= labels, sorted(expected - labels)


class Sweep:
    """One role's visit of every channel, collecting leaks."""

    def __init__(self, world, role):
        self.world = world
        self.role = role
        self.leaks = Leaks(role)
        self.client = Client()
        if world.people[role] is not None:
            self.client.force_login(world.people[role])
        self.private = [m for m in world.markers if m.private_for(role)]
        self.allowed = [m for m in world.markers if not m.private_for(role)]
        self.seen = set()  # labels of the markers the role may read and did

    def get(self, url, host="localhost", skip=(), **headers):
        response = self.client.get(url, HTTP_HOST=host, **headers)
        text = readable_text(response)
        for marker in found_markers(text, self.private, self.role, skip):
            self.leaks.add(marker, f"{host}{url}")
        lowered = text.lower()
        self.seen.update(m.label.split("#")[0] for m in self.allowed if m.token in lowered)
        return response, text

    def crawl(self, host, paths):
        queue, seen = deque(paths), set()
        while queue and len(seen) < CRAWL_LIMIT:
            url = queue.popleft()
            if url in seen or url.startswith(SKIPPED):
                continue
            seen.add(url)
            response, text = self.get(url, host)
            if response.status_code == 200 and not response.get("Content-Type", "").startswith(("image/",
                                                                                                "application/pdf")):
                queue.extend(sorted(extract_urls(text, host) - seen))
        return seen

    def guessed_ids(self):
        from library.models import ArchiveDocument
        from extensions.commissions.models import Publication

        for document in ArchiveDocument.objects.all():
            self.get(f"/documents/{document.pk}/{document.filename}")
            self.get(f"/api/v1/documents/{document.pk}/")
        endpoints = {"newspage": "news", "eventpage": "events", "meetingpage": "meetings", "contestpage": "contests"}
        for page in Page.objects.filter(content_type__model__in=endpoints):
            self.get(f"/api/v1/{endpoints[page.content_type.model]}/{page.pk}/")
        for entry in Entry.objects.all():
            self.get(f"/api/v1/contest-entries/{entry.pk}/", INTERCO)
            self.get(f"/participation/photo/{entry.pk}/400.jpg", INTERCO)
        for publication in Publication.objects.all():
            self.get(f"/api/v1/publications/{publication.pk}/")

    def search(self):
        """Each object holding a private indexed marker, searched for by
        that marker: no result, no count, no suggestion (an oracle is a
        leak too), on the search page and the API."""
        probes = {}
        for marker in self.private:
            if marker.indexed:
                probes.setdefault(marker.obj, marker)
        for marker in probes.values():
            token = marker.token
            response, _text = self.get(f"/recherche/?q={token}", marker.host, skip={token})
            if response.context and response.context.get("total"):
                self.leaks.add(marker, f"{marker.host}/recherche/?q={token} (count {response.context['total']})")
            response, _text = self.get(f"/api/v1/search/?q={token}", marker.host, skip={token})
            if response.status_code == 200 and response.json().get("count"):
                self.leaks.add(marker, f"{marker.host}/api/v1/search/?q={token} (count)")
            response, _text = self.get(f"/recherche/suggestions/?q={token[:6]}", marker.host, skip={token[:6]})
        for host in self.world.sites:
            self.get("/recherche/?q=SECRET", host)
            self.get("/recherche/suggestions/?q=SECRET", host)
            self.get("/recherche/suggestions/?q=zq", host)
            self.get("/api/v1/search/?q=SECRET", host)

    def admin(self):
        user = self.world.people[self.role]
        if user is None or not user.has_perm("wagtailadmin.access_admin"):
            self.get("/admin/")
            return
        paths = list(ADMIN_PATHS)
        for model in get_snippet_models():
            paths.append(f"/admin/snippets/choose/{model._meta.app_label}/{model._meta.model_name}/")
            paths.append(f"/admin/snippets/{model._meta.app_label}/{model._meta.model_name}/")
        for page in Page.objects.filter(depth__gt=1):
            if page.numchild:
                paths += [f"/admin/pages/{page.pk}/", f"/admin/choose-page/{page.pk}/"]
            paths.append(f"/admin/pages/{page.pk}/edit/")
        for path in paths:
            self.get(path)

    def token(self):
        """The API through a bearer token of the élu non-member: it must not
        read what the élu non-member may not."""
        if self.role != "elu_non_member":
            return
        header = {"HTTP_AUTHORIZATION": f"Bearer {self.world.token_key}"}
        anonymous = Client()
        for path in START_PATHS:
            if path.startswith("/api/"):
                response = anonymous.get(path, **header)
                for marker in found_markers(readable_text(response), self.private, self.role):
                    self.leaks.add(marker, f"{path} (bearer token)")

    def mail(self):
        """Each e-mail sent, read by each of its recipients."""
        user = self.world.people[self.role]
        if user is None:
            return
        for message in mail.outbox:
            if user.email not in message.to + message.cc + message.bcc:
                continue
            parts = [message.subject, message.body]
            parts += [content for content, _type in getattr(message, "alternatives", [])]
            for attachment in message.attachments:
                name, content = attachment[0], attachment[1]
                if isinstance(content, bytes) and content.startswith(b"%PDF-"):
                    from library.extraction import extract_text

                    content = extract_text(content, "x.pdf")
                parts.append(content if isinstance(content, str) else content.decode("utf-8", "replace"))
            for marker in found_markers("\n".join(map(str, parts)), self.private, self.role):
                self.leaks.add(marker, f"e-mail « {message.subject} »")

    def run(self):
        for host in self.world.sites:
            self.crawl(host, START_PATHS)
        self.guessed_ids()
        self.search()
        self.token()
        self.mail()
        self.admin()
        return self.leaks


# What a role may read must be found by its sweep: otherwise the sweep is
# blind (a channel answering nothing would pass).
REACHED = {
    "elu_member": {"commissions.Publication.body", "commissions.Comment.body", "meetings.AgendaItem.note",
                   "library.ArchiveDocument.file", "pages.NewsPage.title"},
    "agent": {"meetings.MeetingPage.title", "participation.Entry.title"},
    "redaction": {"pages.NewsPage.title", "pages.StandardPage.intro"},
}


@pytest.mark.parametrize("role", ROLES)
def test_no_private_marker_reaches_the_role(world, role):
    sweep = Sweep(world, role)
    leaks = sweep.run()
    assert REACHED.get(role, set()) <= sweep.seen, sorted(REACHED[role] - sweep.seen)
    assert not leaks.by_marker, f"[{world.backend}] " + leaks.report()


def test_a_reading_copy_is_as_private_as_its_original(world, django_capture_on_commit_callbacks):
    """An ODT annex uploaded into « En préparation » gets its PDF reading
    copy from a task (meetings.reading_copies): the copy's text reaches no
    one the original is hidden from, through search, the library's pages,
    the API or a guessed download, on this backend."""
    from extensions.meetings.models import ReadingCopy
    from extensions.meetings.pages import MeetingPage

    # Its title carries a marker of its own by now: found by its state.
    meeting = MeetingPage.objects.filter(state=MeetingPage.State.PREPARATION).first()
    marker = None
    try:
        with django_capture_on_commit_callbacks(execute=True):
            original = attach(meeting, 0, title="Annexe rédigée sous LibreOffice")
            marker = world.new_marker("meetings.ReadingCopy.pdf", document_audience(world, original),
                                      indexed=True, obj=f"reading-copy#{original.pk}")
            original.file.save("annexe.odt", ContentFile(make_odt("Annexe", f"Projet {marker.token}")))
        copy = ReadingCopy.objects.select_related("pdf").get(original=original)
        assert marker.token in copy.pdf.text.lower()
        if world.backend != "database":
            get_search_backend().refresh_indexes()
        for role in sorted(set(ROLES) - marker.audience):
            sweep = Sweep(world, role)
            sweep.private = [marker]
            sweep.search()
            sweep.guessed_ids()
            for library in LibraryPage.objects.live():
                sweep.crawl(host_of(world, library), [library.url, "/api/v1/documents/"])
            assert not sweep.leaks.by_marker, f"[{world.backend}] " + sweep.leaks.report()
    finally:
        if marker is not None:
            world.markers.remove(marker)


def test_reindexing_a_private_field_later_does_not_leak(world):
    """A note de synthèse written after the meeting was convened and
    published again (the editor's flow): still nobody outside its members
    finds it, on this backend."""
    from extensions.meetings.pages import MeetingPage

    meeting = MeetingPage.objects.get(title="Conseil municipal de janvier")
    audience = {"elu_member", "agent"}
    marker = world.new_marker("meetings.AgendaItem.note (after)", audience, indexed=True,
                              obj=f"later#{meeting.pk}")
    try:
        item = meeting.agenda_items.first()
        item.note = f"<p>Note ajoutée plus tard {marker.token}</p>"
        meeting.agenda_items = [item, *meeting.agenda_items.all()[1:]]
        meeting.save_revision().publish()
        if world.backend != "database":
            get_search_backend().refresh_indexes()
        for role in ("anonymous", "citizen", "elu_non_member"):
            sweep = Sweep(world, role)
            sweep.private = [marker]
            sweep.search()
            sweep.get(meeting.url)
            assert not sweep.leaks.by_marker, f"[{world.backend}] " + sweep.leaks.report()
    finally:
        world.markers.remove(marker)
