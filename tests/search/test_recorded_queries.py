"""The search terms report shows staff what people searched: only the
searches of signed-out visitors that found something public are recorded,
never a signed-in person's words nor a guess that found nothing."""
import pytest
from wagtail.contrib.search_promotions.models import Query

from tests.factories import NewsPageFactory


@pytest.fixture
def news(home_page):
    return NewsPageFactory(parent=home_page, title="Travaux de la médiathèque")


def recorded():
    return set(Query.objects.filter(daily_hits__isnull=False).values_list("query_string", flat=True))


@pytest.mark.parametrize(("role", "words", "kept"), [
    ("anonymous", "médiathèque", True),
    ("anonymous", "zorglub introuvable", False),
    ("elu", "médiathèque", False),
    ("elu", "cession terrain dupont", False),
    ("redaction", "médiathèque", False),
])
def test_which_searches_are_recorded(client_as, news, role, words, kept):
    response = client_as(role).get("/recherche/", {"q": words})
    assert response.status_code == 200
    assert (Query.get(words).query_string in recorded()) is kept
