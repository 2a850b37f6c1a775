"""The permission matrix for meetings and deliberations: public convened
meetings for all, private or unconvened ones for the council's members and
the staff, item notes and documents for them only; deliberations whose act
is online for all, the others for the staff. Private ids answer 404."""
import pytest

from tests.api.conftest import ROLES, SEES_COUNCIL

pytestmark = pytest.mark.django_db

MISSING_ID = 987654321


def titles(response):
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["results"]}


@pytest.mark.parametrize("role", ROLES)
def test_meetings_by_role(role, civic, api_as):
    client = api_as(role)
    shown = titles(client.get("/api/v1/meetings/"))
    assert civic.meeting.title in shown
    for private in (civic.private_meeting, civic.draft_meeting):
        assert (private.title in shown) == (role in SEES_COUNCIL)
        detail = client.get(f"/api/v1/meetings/{private.pk}/")
        assert detail.status_code == (200 if role in SEES_COUNCIL else 404)
        if role not in SEES_COUNCIL:
            assert detail.json() == client.get(f"/api/v1/meetings/{MISSING_ID}/").json()


@pytest.mark.parametrize("role", ROLES)
def test_notes_and_documents_of_items_for_members_and_staff_only(role, civic, api_as):
    data = api_as(role).get(f"/api/v1/meetings/{civic.meeting.pk}/").json()
    first = data["agenda_items"][0]
    assert [item["title"] for item in data["agenda_items"]] == [
        "Point n° 1 : budget annexe 1", "Point n° 2 : budget annexe 2"]
    if role in SEES_COUNCIL:
        assert first["note"] == "<p>Note de synthèse du point 1.</p>"
        assert [d["title"] for d in first["documents"]] == [civic.annex.title]
    else:
        assert first["note"] is None and first["documents"] is None
        assert civic.annex.title not in str(data)


@pytest.mark.parametrize("role", ROLES)
def test_deliberations_by_role(role, civic, api_as):
    client = api_as(role)
    shown = titles(client.get("/api/v1/deliberations/"))
    assert civic.online.title in shown
    assert (civic.offline.title in shown) == (role in {"agent", "superuser"})
    detail = client.get(f"/api/v1/deliberations/{civic.offline.pk}/")
    assert detail.status_code == (200 if role in {"agent", "superuser"} else 404)


def test_a_deliberation_carries_its_act_register_number_and_votes(civic, client):
    data = client.get(f"/api/v1/deliberations/{civic.online.pk}/").json()
    assert data["reference"] == "2026-001"
    assert (data["matiere_code"], data["outcome"]) == ("7.1", "adopted")
    assert (data["in_office"], data["voters"], data["pour"], data["contre"], data["abstention"]) == (23, 21, 18, 2, 1)
    assert data["url"].endswith("/deliberations/2026-001/")
    assert data["download_url"].startswith("http://testserver/documents/")
    assert data["date"] == civic.meeting.local_start.date().isoformat()


@pytest.mark.parametrize("params, expected", [
    ({"matiere": "7.1"}, {"Budget primitif 2026"}), ({"matiere": "8.4"}, set()),
    ({"outcome": "rejected"}, set()), ({"instance": 1}, None),
])
def test_deliberation_filters(civic, api_as, params, expected):
    if expected is None:
        params, expected = {"instance": civic.council.pk}, {"Budget primitif 2026"}
    assert titles(api_as("anonymous").get("/api/v1/deliberations/", params)) == expected
    assert api_as("anonymous").get("/api/v1/deliberations/", {"outcome": "peut-être"}).status_code == 400
