"""The jury scores on the front end and never enters the admin: the Jury
group carries no permission (taken back from groups made before), so the
admin's choosers (pages, entries, images, documents, snippets...) stay
closed to it; the jury's screens are closed to anyone outside the group,
and a contest's screens to anyone outside its jury."""
import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

from extensions.participation.models import JuryScore
from extensions.participation.roles import jury_group
from tests.factories import UserFactory
from tests.html import visible_text
from tests.participation.helpers import make_entry


@pytest.fixture
def juror(contest):
    user = UserFactory(username="jure")
    contest.jury.add(user)
    contest.save_revision().publish()
    return user


def _admin_chooser_urls(patterns=None, prefix=""):
    """Every admin URL of a chooser that takes no argument, found in the
    URL configuration so that a chooser added later is checked too."""
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found += _admin_chooser_urls(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern) and "choose" in route and "<" not in route \
                and route.startswith("admin/"):
            found.append("/" + route.lstrip("^").rstrip("$"))
    return found


def test_the_admin_and_every_chooser_are_closed_to_the_jury(client, contest, juror, home_page):
    choosers = _admin_chooser_urls()
    assert "/admin/choose-page/" in choosers and "/admin/snippets/choose/participation/entry/" in choosers
    assert "/admin/images/chooser/" in choosers
    client.force_login(juror)
    for url in ["/admin/", f"/admin/choose-page/{home_page.pk}/", *choosers]:
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        if response.status_code == 302:
            assert response["Location"].startswith("/admin/login/"), url


def test_a_jury_group_made_with_admin_access_loses_it_at_migrate(db):
    group = jury_group()
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    call_command("migrate", verbosity=0)
    assert not group.permissions.exists()


def test_the_jury_scores_on_the_front_end(client, contest, juror):
    shot = make_entry(contest, title="Les toits")
    client.force_login(juror)
    index = client.get("/participation/jury/")
    assert index.status_code == 200 and contest.title in visible_text(index)
    listing = client.get(f"/participation/jury/{contest.pk}/")
    assert "Les toits" in visible_text(listing)
    assert f"/participation/jury/photo/{shot.pk}/480.jpg" in listing.content.decode()
    assert "/admin/" not in listing.content.decode()
    photo = client.get(f"/participation/jury/photo/{shot.pk}/480.jpg")
    assert photo.status_code == 200 and "no-store" in photo["Cache-Control"]
    criteria = list(contest.criteria.all())
    response = client.post(f"/participation/jury/{contest.pk}/{shot.pk}/",
                           {f"criterion-{criteria[0].pk}": 7, f"criterion-{criteria[1].pk}": 5})
    assert response.status_code == 302 and response["Location"] == f"/participation/jury/{contest.pk}/"
    assert sorted(JuryScore.objects.values_list("score", flat=True)) == [5, 7]
    assert "« Les toits »" in visible_text(client.get(response["Location"]))  # the message of the saved scores


@pytest.mark.parametrize("role", ["elu", "agent", "redaction", "externe"])
def test_the_jury_screens_are_closed_outside_the_jury(client_as, contest, juror, role):
    shot = make_entry(contest)
    client = client_as(role)
    for url in ["/participation/jury/", f"/participation/jury/{contest.pk}/",
                f"/participation/jury/{contest.pk}/{shot.pk}/", f"/participation/jury/photo/{shot.pk}/480.jpg"]:
        assert client.get(url).status_code == 404, url


def test_a_juror_of_another_contest_cannot_open_this_one(client, contest, juror):
    shot = make_entry(contest)
    outsider = UserFactory(username="autre-jure")
    outsider.groups.add(jury_group())
    client.force_login(outsider)
    assert client.get("/participation/jury/").status_code == 200
    assert client.get(f"/participation/jury/{contest.pk}/").status_code == 404
    assert client.get(f"/participation/jury/photo/{shot.pk}/480.jpg").status_code == 404


def test_the_jury_screens_ask_a_visitor_to_sign_in(client, contest):
    response = client.get("/participation/jury/")
    assert response.status_code == 302 and response["Location"].startswith("/connexion/")


def test_a_score_out_of_range_is_explained_and_changes_nothing(client, contest, juror):
    shot = make_entry(contest, title="Les toits")
    criteria = list(contest.criteria.all())
    client.force_login(juror)
    response = client.post(f"/participation/jury/{contest.pk}/{shot.pk}/",
                           {f"criterion-{criteria[0].pk}": 99, f"criterion-{criteria[1].pk}": 5})
    text = visible_text(response)
    assert "Il y a un problème" in text and "entre 0 et son maximum" in text
    assert 'value="99"' in response.content.decode()
    assert not JuryScore.objects.exists()
