"""The demo: this year's contest in its public vote, with approved photos in
two categories and some awaiting moderation, and last year's contest with
its results; loading it twice changes nothing."""
from extensions.participation import demo
from extensions.participation.models import ContestPage, Entry, Vote
from tests.factories import UserFactory, install_home_page
from tests.html import visible_text


class Reporter:
    def __init__(self):
        self.lines = []

    def report(self, label, created, total):
        self.lines.append((label, created, total))


def test_the_demo_loads_once(client, db):
    home = install_home_page(hostname="interco.localhost", title="Val d'Aurèle", slug="val-d-aurele")
    UserFactory(username="elu", email="elu@example.org")
    first, second = Reporter(), Reporter()
    demo.load(first)
    demo.load(second)
    assert first.lines == [("Concours photo", 2, 2)] and second.lines == [("Concours photo", 0, 2)]

    current = ContestPage.objects.get(slug="concours-photo")
    assert current.get_parent().pk == home.pk
    assert current.phase() == "vote"
    approved = current.approved_entries()
    assert {entry.category.name for entry in approved} == {"Adultes", "Moins de 18 ans"}
    assert current.entries.filter(status=Entry.Status.PENDING).count() >= 2
    assert Vote.objects.filter(contest=current).exists()

    past = ContestPage.objects.get(slug="concours-photo-2025")
    assert past.phase() == "results"
    results = visible_text(client.get(past.url + "resultats/", HTTP_HOST="interco.localhost"))
    assert "L'Aurèle en crue" in results or "Lavoir de Peyrolles" in results or "Cascade des Combes" in results
    photo = client.get(approved.first().photo_url(), HTTP_HOST="interco.localhost")
    assert photo.status_code == 200
