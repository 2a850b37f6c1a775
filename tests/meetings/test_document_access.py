"""Who reads a meeting's documents (issue 13, item 4): the members of its
instance once the convocation is sent, and the agents preparing it; never
an élu of another instance, never a member before the convocation. Every
channel answers alike: the meeting page, the library's download, the API
list and detail, the search page and the API search, the autocomplete."""
import pytest

from extensions.meetings import convocations, workflow
from pages.roles import ELUS
from tests.factories import UserFactory

from .factories import attach

MARK = "Xylophrase"


@pytest.fixture
def annex(meeting):
    return attach(meeting, 1, title=f"Annexe {MARK} des subventions", text=f"Tableau {MARK} des subventions.")


@pytest.fixture
def readers(elus, agent):
    return {"member": elus[0], "other_elu": UserFactory(username="elu-ailleurs", groups=[ELUS]),
            "agent": agent, "anonymous": None}


def channels(client, user, meeting, annex):
    """What `user` reaches of `annex`, channel by channel."""
    client.logout()
    if user is not None:
        client.force_login(user)
    listed = {d["id"] for d in client.get("/api/v1/documents/", {"page_size": 100}).json()["results"]}
    return {
        "download": client.get(annex.url).status_code == 200,
        "api list": annex.pk in listed,
        "api detail": client.get(f"/api/v1/documents/{annex.pk}/").status_code == 200,
        "search page": f"<mark>{MARK}</mark>" in client.get("/recherche/", {"q": MARK}).content.decode(),
        "api search": client.get("/api/v1/search/", {"q": MARK}).json()["count"] > 0,
        "autocomplete": MARK in client.get("/recherche/suggestions/", {"q": MARK[:6]}).content.decode(),
    }


def test_before_the_convocation_only_the_agents_read_them(client, meeting, annex, readers, agent):
    workflow.lock_recipients(meeting, agent)
    for role, user in readers.items():
        reached = channels(client, user, meeting, annex)
        assert set(reached.values()) == {role == "agent"}, (role, reached)


def test_once_convened_the_members_read_them_and_no_other_elu(client, meeting, annex, readers, agent,
                                                               django_capture_on_commit_callbacks):
    workflow.lock_recipients(meeting, agent)
    with django_capture_on_commit_callbacks(execute=True):
        convocations.send(meeting, agent)
    for role, user in readers.items():
        reached = channels(client, user, meeting, annex)
        assert set(reached.values()) == {role in ("member", "agent")}, (role, reached)
    client.force_login(readers["member"])
    assert client.get(f"{meeting.url}documents/{annex.pk}/").status_code == 200
    client.force_login(readers["other_elu"])
    assert client.get(f"{meeting.url}documents/{annex.pk}/").status_code == 404


def test_the_group_follows_the_mandates(council, elus):
    group = council.documents_group
    assert set(group.user_set.all()) == set(elus)
    mandate = council.mandates.get(member=elus[0])
    mandate.delete()
    assert elus[0] not in group.user_set.all()


def test_a_file_check_compares_only_what_the_visitor_may_read(client, meeting, annex, readers, agent,
                                                              django_capture_on_commit_callbacks):
    """Anyone may see the public meeting, but only its members may test a
    file against its members-only documents."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    workflow.lock_recipients(meeting, agent)
    with django_capture_on_commit_callbacks(execute=True):
        convocation = convocations.send(meeting, agent)
    url = f"/seances/convocations/{convocation.pk}/verification/"
    assert client.get(url).status_code == 404
    client.force_login(readers["other_elu"])
    assert client.get(url).status_code == 404
    client.force_login(readers["member"])
    with annex.file.open("rb") as fh:
        data = fh.read()
    response = client.post(url, {"file": SimpleUploadedFile("a.pdf", data)})
    assert "exactement le document" in response.content.decode()
