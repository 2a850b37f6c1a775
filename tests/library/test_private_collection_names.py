"""The name of a private collection (one per private space, « Espace ·
… ») is private too. Images are always public, so they are never filed in
a restricted collection: the image chooser, the image listing and the
upload form offer only unrestricted collections; a library page's
collection is chosen among those the editor may see."""
import pytest
from wagtail.models import Collection

from pages.roles import ELUS, public_collection
from tests.factories import private_collection

MARKER = "Espace · Commission MARQUEUR-7f3a"


@pytest.fixture
def collections(db):
    return {"public": public_collection(), "private": private_collection(MARKER, ELUS)}


@pytest.mark.parametrize("role", ["agent", "redaction"])
@pytest.mark.parametrize("url", ["/admin/images/chooser/", "/admin/images/", "/admin/images/multiple/add/"])
def test_image_screens_never_offer_a_private_collection(client_as, collections, role, url):
    Collection.get_first_root_node().add_child(name="Galerie municipale")  # two public ones: the filter is shown
    response = client_as(role).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Galerie municipale" in html
    assert "MARQUEUR-7f3a" not in html


def test_a_superuser_files_images_in_public_collections_only(client_as, collections):
    html = client_as("superuser").get("/admin/images/chooser/").content.decode()
    assert collections["public"].name in html and "MARQUEUR-7f3a" not in html


def _form(page, user):
    form_class = page.get_edit_handler().get_form_class()
    return form_class(instance=page, for_user=user)


def test_the_library_page_offers_only_the_collections_the_editor_sees(library_page, users, collections):
    choices = [label for _value, label in _form(library_page, users["redaction"]).fields["collection"].choices]
    assert any(collections["public"].name in label for label in choices)
    assert not any("MARQUEUR-7f3a" in label for label in choices)
    elu_choices = [label for _value, label in _form(library_page, users["elu"]).fields["collection"].choices]
    assert any("MARQUEUR-7f3a" in label for label in elu_choices)


def test_a_library_page_on_a_hidden_collection_keeps_it_without_naming_it(library_page, users, collections):
    library_page.collection = collections["private"]
    library_page.save()
    form = _form(library_page, users["redaction"])
    assert "collection" not in form.fields
    assert "MARQUEUR-7f3a" not in str(form)
