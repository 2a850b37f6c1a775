"""The demo: Saint-Aurèle's municipales 2026 complete (27 seats: 21, 5, 1),
the présidentielle round 1 « en cours » with 2 of 4 bureaux public and a
draft kept private; loading it again creates nothing."""
from extensions.elections import demo
from extensions.elections.models import BureauResult, Scrutin
from extensions.elections.roles import can_enter_results


class Command:
    def __init__(self):
        self.lines = []

    def report(self, label, created, total):
        self.lines.append((label, created, total))


def test_the_demo_election_night(home_page, client):
    command = Command()
    demo.load(command)
    assert command.lines == [("Scrutins", 2, 2)]
    municipal = Scrutin.objects.get(kind="municipales")
    data = client.get(municipal.page.url + "direct/").json()
    assert data["bureaux"]["label"] == "4 bureaux sur 4"
    assert [c["voix"] for c in data["candidatures"]] == [1318, 902, 241]
    assert [c["seats"] for c in data["candidatures"]] == [21, 5, 1]
    presidential = Scrutin.objects.get(kind="presidentielle")
    assert BureauResult.objects.filter(scrutin=presidential, status="draft").count() == 1
    live = client.get(presidential.page.url).content.decode()
    assert "2 bureaux sur 4" in live and "Résultats provisoires" in live
    assert can_enter_results(BureauResult.objects.first().updated_by)
    index = client.get(municipal.page.get_parent().url).content.decode()
    assert "Élections municipales 2026" in index and "Élection présidentielle 2027" in index

    demo.load(command)
    assert command.lines[-1] == ("Scrutins", 0, 2)
    assert BureauResult.objects.count() == 7
