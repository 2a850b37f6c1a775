"""A public meeting's index is public: a word found only in a note de
synthèse (for the members) finds nothing, neither on the search page nor
in the API's count (issue 13, item 5)."""
from extensions.meetings import convocations, workflow

MARK = "Ornithorynque"


def test_a_word_of_a_note_is_no_oracle(client, meeting, agent, elus, django_capture_on_commit_callbacks):
    item = meeting.agenda_items.first()
    item.note = f"<p>Note réservée : {MARK}.</p>"
    item.save()
    meeting.save_revision(user=agent).publish()
    workflow.lock_recipients(meeting, agent)
    with django_capture_on_commit_callbacks(execute=True):
        convocations.send(meeting, agent)
    assert client.get("/recherche/", {"q": "budget annexe"}).content.decode().count(meeting.title) >= 1
    for user in (None, elus[0]):
        if user is not None:
            client.force_login(user)
        assert "0 résultat pour" in client.get("/recherche/", {"q": MARK}).content.decode()
        assert client.get("/api/v1/search/", {"q": MARK}).json()["count"] == 0
