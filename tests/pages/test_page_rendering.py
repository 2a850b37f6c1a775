"""Every editorial page type is creatable where it belongs, routable, and
renders its content to visitors; Rédaction creates and publishes a page
through the admin."""
import datetime

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from library.models import LibraryPage
from pages.models import (
    EventIndexPage,
    EventPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    StandardPage,
    ThemePage,
)
from pages.roles import AGENTS, REDACTION
from tests.factories import (
    ArchiveDocumentFactory,
    EventIndexPageFactory,
    EventPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
    ThemeFactory,
    ThemePageFactory,
    UserFactory,
    install_home_page,
)
from tests.html import visible_text

NEWS_COUNT = 12  # more than NewsIndexPage.per_page, so there are two pages


class PageTypesTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = install_home_page(title="Accueil", slug="accueil", intro="<p>Bienvenue à Saint-Parvis.</p>")
        cls.standard = StandardPageFactory(
            parent=cls.home, title="Démarches", intro="<p>Carte d’identité et passeport.</p>"
        )
        cls.news_index = NewsIndexPageFactory(parent=cls.home, title="Actualités", slug="actualites")
        cls.news = [
            NewsPageFactory(
                parent=cls.news_index,
                title=f"Nouvelle n° {n:02d}",
                date=datetime.date(2025, 1, 1) + datetime.timedelta(days=n),
                tags=["travaux"] if n in (3, 4) else [],
            )
            for n in range(1, NEWS_COUNT + 1)
        ]
        cls.agenda = EventIndexPageFactory(parent=cls.home, title="Agenda", slug="agenda")
        cls.concert = EventPageFactory(
            parent=cls.agenda, title="Concert d’été", days=10, location_name="Parc du château"
        )
        cls.market = EventPageFactory(parent=cls.agenda, title="Marché de Noël", days=3)
        cls.past_fair = EventPageFactory(parent=cls.agenda, title="Foire de printemps", days=-30)
        cls.theme = ThemeFactory(name="Urbanisme", slug="urbanisme")
        cls.theme_page = ThemePageFactory(parent=cls.home, theme=cls.theme, title="Urbanisme")
        cls.theme_news = NewsPageFactory(
            parent=cls.news_index, title="Révision du plan local d’urbanisme",
            date=datetime.date(2024, 6, 1), themes=[cls.theme],
        )
        cls.theme_event = EventPageFactory(
            parent=cls.agenda, title="Réunion publique sur le PLU", days=20, themes=[cls.theme]
        )
        cls.theme_document = ArchiveDocumentFactory(title="Arrêté de permis d’aménager", themes=[cls.theme])

    def text_of(self, path, **query):
        response = self.client.get(path, query)
        self.assertEqual(response.status_code, 200, path)
        return visible_text(response)

    def test_page_types_are_creatable_where_they_belong(self):
        self.assertCanCreateAt(Page, HomePage)
        for child in (StandardPage, NewsIndexPage, EventIndexPage, ThemePage, LibraryPage):
            self.assertCanCreateAt(HomePage, child)
        self.assertCanCreateAt(NewsIndexPage, NewsPage)
        self.assertCanCreateAt(EventIndexPage, EventPage)
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanNotCreateAt(HomePage, EventPage)
        self.assertCanNotCreateAt(NewsIndexPage, StandardPage)

    def test_every_page_is_routable_and_renderable(self):
        pages = [self.home, self.standard, self.news_index, self.news[0], self.agenda, self.concert, self.theme_page]
        for page in pages:
            with self.subTest(page=page.title):
                self.assertPageIsRoutable(page)
                self.assertPageIsRenderable(page)

    def test_home_page_shows_its_intro_latest_news_and_next_events(self):
        text = self.text_of("/")
        self.assertIn("Bienvenue à Saint-Parvis.", text)
        self.assertIn(f"Nouvelle n° {NEWS_COUNT:02d}", text)
        self.assertIn("Marché de Noël", text)
        self.assertNotIn("Foire de printemps", text)

    def test_standard_page_shows_title_and_intro(self):
        text = self.text_of(self.standard.url)
        self.assertIn("Démarches", text)
        self.assertIn("Carte d’identité et passeport.", text)

    def test_news_index_lists_newest_first_on_pages(self):
        first = self.text_of(self.news_index.url)
        self.assertIn(f"Nouvelle n° {NEWS_COUNT:02d}", first)
        self.assertNotIn("Nouvelle n° 01", first)
        self.assertLess(first.index("Nouvelle n° 12"), first.index("Nouvelle n° 11"))
        second = self.text_of(self.news_index.url, page=2)
        self.assertIn("Nouvelle n° 01", second)
        self.assertNotIn(f"Nouvelle n° {NEWS_COUNT:02d}", second)

    def test_news_index_out_of_range_page_shows_the_last_page(self):
        self.assertIn("Nouvelle n° 01", self.text_of(self.news_index.url, page=999))
        self.assertIn(f"Nouvelle n° {NEWS_COUNT:02d}", self.text_of(self.news_index.url, page="abc"))

    def test_news_index_filters_by_tag(self):
        text = self.text_of(self.news_index.url, tag="travaux")
        self.assertIn("Nouvelle n° 03", text)
        self.assertIn("Nouvelle n° 04", text)
        self.assertNotIn("Nouvelle n° 05", text)

    def test_news_page_shows_its_content(self):
        response = self.client.get(self.news[2].url)
        self.assertEqual(response.status_code, 200)
        text = visible_text(response)
        self.assertIn("Nouvelle n° 03", text)
        self.assertIn("Introduction de « Nouvelle n° 03 ».", text)
        self.assertIn("travaux", text)

    def test_agenda_shows_upcoming_events_soonest_first(self):
        text = self.text_of(self.agenda.url)
        self.assertIn("Concert d’été", text)
        self.assertLess(text.index("Marché de Noël"), text.index("Concert d’été"))
        self.assertNotIn("Foire de printemps", text)

    def test_agenda_shows_past_events_on_demand(self):
        text = self.text_of(self.agenda.url, periode="passes")
        self.assertIn("Foire de printemps", text)
        self.assertNotIn("Concert d’été", text)

    def test_event_page_says_where(self):
        text = self.text_of(self.concert.url)
        self.assertIn("Concert d’été", text)
        self.assertIn("Parc du château", text)

    def test_theme_page_gathers_news_events_and_documents_of_its_theme(self):
        text = self.text_of(self.theme_page.url)
        self.assertIn("Révision du plan local d’urbanisme", text)
        self.assertIn("Réunion publique sur le PLU", text)
        self.assertIn("Arrêté de permis d’aménager", text)
        self.assertNotIn("Nouvelle n° 05", text)


class AdminCreationTests(WagtailPageTestCase):
    """Rédaction composes a page of blocks in the admin and publishes it."""

    @classmethod
    def setUpTestData(cls):
        cls.home = install_home_page(title="Accueil", slug="accueil")
        # A site has its sections: the Rédaction's page permissions are on
        # them (pages/roles.py), and Wagtail's explorer opens at their
        # common ancestor, the home page.
        NewsIndexPageFactory(parent=cls.home, title="Actualités")
        EventIndexPageFactory(parent=cls.home, title="Agenda")

    def page_data(self, title):
        return nested_form_data(
            {
                "title": title,
                "slug": "horaires-mairie",
                "intro": rich_text("<p>Nos horaires d’ouverture.</p>"),
                "body": streamfield(
                    [
                        ("heading", {"text": "Accueil du public", "level": "h2"}),
                        ("paragraph", rich_text("<p>Du lundi au vendredi, de 8 h 30 à 12 h.</p>")),
                        ("contact", {"name": "Secrétariat de mairie", "phone": "01 23 45 67 89",
                                     "role": "", "address": "", "email": "", "hours": ""}),
                    ]
                ),
            }
        )

    def test_redaction_creates_and_publishes_a_page(self):
        self.client.force_login(UserFactory(username="redactrice", groups=[REDACTION]))
        self.assertCanCreate(self.home, StandardPage, self.page_data("Horaires de la mairie"))
        page = StandardPage.objects.get(slug="horaires-mairie")
        self.assertTrue(page.live)
        self.client.logout()
        text = visible_text(self.client.get(page.url))
        for shown in ("Horaires de la mairie", "Nos horaires d’ouverture.", "Accueil du public",
                      "Du lundi au vendredi, de 8 h 30 à 12 h.", "Secrétariat de mairie"):
            self.assertIn(shown, text)

    def test_agents_do_not_write_editorial_pages(self):
        """Agents edit the meetings' sections only (pages/roles.py)."""
        self.client.force_login(UserFactory(username="agente", groups=[AGENTS]))
        response = self.client.post(f"/admin/pages/add/pages/standardpage/{self.home.pk}/",
                                    self.page_data("Horaires d’été"))
        self.assertNotEqual(response.status_code, 200)
        self.assertFalse(StandardPage.objects.filter(slug="horaires-mairie").exists())
