"""Space publications are searchable by the members of their space only: a
word planted in a commission's publication is found by its members and
superusers, in results, counts, the space facet and autocomplete, and by no
one else (élu of another space, invited outsider, staff, anonymous)."""
import pytest

from extensions.commissions.models import Membership, Publication, Space
from extensions.search.engine import Search, SearchParams, suggestions

WORD = "quadrifolium"
TITLE = f"Étude {WORD} du carrefour"


@pytest.fixture
def planted(search_backend, home_page, users, refresh):
    urbanisme = Space.objects.create(name="Commission urbanisme")
    securite = Space.objects.create(name="Commission sécurité")
    Membership.objects.create(space=urbanisme, user=users["elu"])
    Membership.objects.create(space=securite, user=users["externe"], role=Membership.Role.GUEST)
    Publication.objects.create(space=urbanisme, title=TITLE, body=f"<p>Le {WORD} sera présenté.</p>")
    refresh()


SEES = {"elu", "superuser"}


@pytest.mark.parametrize("role", ["anonymous", "externe", "elu", "redaction", "agent", "superuser"])
def test_publications_are_found_by_members_only(planted, request_as, role):
    search = Search(request_as(role), SearchParams(query=WORD))
    merged = search.merged()
    titles = {r.title for r in search.present(merged[0:20])}
    assert titles == ({TITLE} if role in SEES else set())
    assert merged.count() == (1 if role in SEES else 0)
    spaces = {v.label for group in search.facets() if group.name == "space" for v in group.values}
    assert spaces == ({"Commission urbanisme"} if role in SEES else set())
    assert {s["title"] for s in suggestions(request_as(role), WORD[:7])} == ({TITLE} if role in SEES else set())
