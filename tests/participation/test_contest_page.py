"""The contest page: where it may be created, its public routes, the
versioned rules, and the editor's protections (used categories stay)."""
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from extensions.participation.models import ContestPage, RulesVersion
from library.models import LibraryPage
from pages.models import HomePage, NewsIndexPage, StandardPage
from tests.factories import StandardPageFactory, UserFactory, install_home_page
from tests.html import visible_text
from tests.participation.helpers import make_contest, make_entry


class ContestPageTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = install_home_page(title="Accueil", slug="accueil")
        cls.contest = make_contest(cls.home)
        cls.entry = make_entry(cls.contest, title="Le lavoir")

    def test_it_lives_under_home_and_standard_pages_only(self):
        self.assertAllowedParentPageTypes(ContestPage, {HomePage, StandardPage})
        self.assertCanNotCreateAt(NewsIndexPage, ContestPage)
        self.assertCanNotCreateAt(LibraryPage, ContestPage)
        self.assertCanCreateAt(StandardPage, ContestPage)

    def test_every_route_renders(self):
        for path in ("", "reglement/", "participer/", "participer/envoye/", "galerie/",
                     f"photo/{self.entry.pk}/", "resultats/"):
            self.assertPageIsRoutable(self.contest, path)
            response = self.client.get(self.contest.url + path)
            self.assertEqual(response.status_code, 200, path)
        self.assertIn("Le lavoir", visible_text(self.client.get(self.contest.url + "galerie/")))

    def test_the_gallery_filters_by_category(self):
        young = self.contest.categories.get(name="Moins de 18 ans")
        text = visible_text(self.client.get(self.contest.url + f"galerie/?categorie={young.pk}"))
        self.assertNotIn("Le lavoir", text)

    def test_unknown_photos_are_404(self):
        self.assertEqual(self.client.get(self.contest.url + "photo/999999/").status_code, 404)

    def test_each_published_change_of_the_rules_is_a_new_version(self):
        self.assertEqual(self.contest.rules_versions.count(), 1)
        self.contest.title = "Regards sur le Val (édition 2025)"
        self.contest.save_revision().publish()
        self.assertEqual(self.contest.rules_versions.count(), 1, "same rules, same version")
        self.contest.rules = "<p>Article 1 modifié.</p>"
        self.contest.save_revision().publish()
        latest = self.contest.rules_versions.first()
        self.assertEqual((latest.number, latest.text), (2, "<p>Article 1 modifié.</p>"))
        self.assertEqual(self.entry.rules_version.number, 1, "entries keep the version they accepted")
        self.assertIn("Version 2", visible_text(self.client.get(self.contest.url + "reglement/")))

    def test_a_draft_of_the_rules_is_not_a_version(self):
        self.contest.rules = "<p>Brouillon.</p>"
        self.contest.save_revision()
        self.client.get(self.contest.url)
        self.assertFalse(RulesVersion.objects.filter(text="<p>Brouillon.</p>").exists())

    def test_a_category_with_entries_cannot_be_removed(self):
        self.client.force_login(UserFactory(is_superuser=True, is_staff=True))
        contest = self.contest
        when = timezone.localtime(contest.submissions_open).strftime("%Y-%m-%d %H:%M")
        later = timezone.localtime(contest.results_date).strftime("%Y-%m-%d %H:%M")
        categories = list(contest.categories.all())
        criteria = list(contest.criteria.all())
        data = nested_form_data({
            "title": contest.title, "slug": contest.slug, "intro": rich_text(""), "organiser": contest.organiser,
            "rules": rich_text(contest.rules), "submissions_open": when, "submissions_close": later,
            "vote_open": when, "vote_close": later, "results_date": later,
            "max_entries_per_person": 3, "max_entries_per_category": 1, "max_file_size_mb": 5,
            "min_long_side": 400, "residence_communes": "", "excluded_email_domains": "",
            "voting_mode": "both", "jury_weight": 50, "public_weight": 50, "vote_scope": "all",
            "vote_limit": "entry", "hide_counts": "on", "winners_per_category": 3, "retention_days": 365,
            "categories": inline_formset([
                {"id": c.pk, "name": c.name, "description": "", "min_age": c.min_age or "",
                 "max_age": c.max_age or "", "DELETE": "1" if c.name == "Adultes" else ""}
                for c in categories
            ], initial=len(categories), min=1),
            "criteria": inline_formset([
                {"id": c.pk, "name": c.name, "description": "", "max_score": c.max_score} for c in criteria
            ], initial=len(criteria)),
            "action-publish": "action-publish",
        })
        response = self.client.post(f"/admin/pages/{contest.pk}/edit/", data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Adultes", response.content.decode())
        self.assertTrue(contest.categories.filter(name="Adultes").exists())
        data["categories-0-DELETE"] = ""
        data["categories-1-DELETE"] = ""
        response = self.client.post(f"/admin/pages/{contest.pk}/edit/", data)
        self.assertEqual(response.status_code, 302, "the same form without the removal publishes")


def test_a_contest_can_sit_under_a_standard_page(home_page, client):
    section = StandardPageFactory(parent=home_page, title="Participer", slug="participer-section")
    contest = make_contest(section, slug="concours-photo")
    assert client.get(contest.url).status_code == 200


def test_deleting_a_contest_deletes_its_entries_and_files(contest, django_capture_on_commit_callbacks):
    from extensions.participation.models import Entry
    from tests.participation.helpers import private_files

    make_entry(contest)
    make_entry(contest, status=Entry.Status.PENDING)
    with django_capture_on_commit_callbacks(execute=True):
        contest.delete()
    assert not Entry.objects.exists()
    assert private_files() == []


def test_a_category_with_entries_cannot_go_alone(contest):
    import pytest
    from django.db.models import RestrictedError

    make_entry(contest)
    with pytest.raises(RestrictedError):
        contest.categories.get(name="Adultes").delete()
