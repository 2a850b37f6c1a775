"""Publishing in a space from the front end: text and attached files, kept
in the space's private collection; only the people who run the space
publish; members see what is new to them."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from extensions.commissions.forms import text_to_rich_text
from extensions.commissions.models import Publication
from extensions.commissions.readings import record_reading
from library.privacy import is_private
from tests.commissions.conftest import publish
from tests.factories import pdf_bytes
from tests.html import soup

pytestmark = pytest.mark.django_db


def new_url(space):
    return space.page.url + "publications/nouvelle/"


def pdf(name="ordre-du-jour.pdf"):
    return SimpleUploadedFile(name, pdf_bytes("Ordre du jour"), content_type="application/pdf")


def test_publishing_with_attachments(cast, urbanisme, sign_in):
    client = sign_in(cast["president"])
    response = client.post(new_url(urbanisme), {
        "title": "Commission du 12 mars",
        "text": "Bonjour à tous,\n\nVoici l'ordre du jour : https://example.org/plu\nÀ bientôt <b>!</b>",
        "files": [pdf(), pdf("annexe.pdf")],
    })
    item = Publication.objects.get()
    assert response["Location"] == item.get_url()
    assert item.author == cast["president"]
    documents = [a.document for a in item.attachments.order_by("sort_order")]
    assert [d.title for d in documents] == ["ordre-du-jour", "annexe"]
    assert all(d.collection_id == urbanisme.collection_id and is_private(d) for d in documents)
    assert "&lt;b&gt;" in item.body and "<b>" not in item.body
    assert 'href="https://example.org/plu"' in item.body


def test_a_refused_file_changes_nothing(cast, urbanisme, sign_in):
    client = sign_in(cast["president"])
    bad = SimpleUploadedFile("script.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(new_url(urbanisme), {"title": "Essai", "text": "Texte", "files": [pdf(), bad]})
    assert response.status_code == 400
    assert "script.exe" in soup(response).find(class_="field--error").get_text()
    assert not Publication.objects.exists()


@pytest.mark.parametrize("role, status", [("elu_member", 403), ("elu_non_member", 404), ("outsider", 404)])
def test_who_may_not_publish(role, status, cast, urbanisme, sign_in):
    client = sign_in(cast[role])
    assert client.get(new_url(urbanisme)).status_code == status
    assert client.post(new_url(urbanisme), {"title": "Intrus", "text": "..."}).status_code == status
    assert not Publication.objects.exists()


def test_members_see_what_is_new_to_them(cast, urbanisme, sign_in):
    old = publish(urbanisme, cast["president"], title="Déjà lue", attachment=False)
    publish(urbanisme, cast["president"], title="Toute nouvelle", attachment=False)
    record_reading(old, cast["elu_member"])
    page = soup(sign_in(cast["elu_member"]).get(urbanisme.page.url))
    titles = {item.find("a").get_text(): item.find(class_="badge-new") is not None
              for item in page.find_all(class_="pub-item")}
    assert titles == {"Déjà lue": False, "Toute nouvelle": True}


def test_my_spaces_shows_unread_publications_per_space(cast, urbanisme, securite, sign_in):
    from extensions.commissions.models import Membership

    Membership.objects.create(space=securite, user=cast["elu_member"])
    read = publish(urbanisme, cast["president"], title="Lue", attachment=False)
    publish(urbanisme, cast["president"], title="À lire", attachment=False)
    record_reading(read, cast["elu_member"])
    page = soup(sign_in(cast["elu_member"]).get("/espaces/"))
    cards = {card.find("h2").get_text(strip=True): card for card in page.find_all(class_="space-card")}
    assert set(cards) == {"Commission urbanisme", "Commission sécurité"}
    unread_links = [a.get_text() for a in cards["Commission urbanisme"].find_all("a")[1:]]
    assert unread_links == ["À lire"]
    assert cards["Commission sécurité"].find("ul") is None


def test_text_to_rich_text():
    assert text_to_rich_text("Un\ndeux\n\n\nTrois <script>") == "<p>Un<br/>deux</p><p>Trois &lt;script&gt;</p>"
